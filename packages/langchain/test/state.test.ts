import { HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Command } from "@langchain/langgraph";
import { createAgent } from "langchain";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  MANDATE_KEY,
  MANDATES_KEY,
  mandateMiddleware,
  mandateStateSchema,
  resolveAgentMandate,
} from "../src/index.ts";
import { callTools, kindsFor, say, scripted, setup } from "./helpers.ts";

describe("mandate state", () => {
  it("resolves an agent's own mandate first, then the graph's, then the context's", () => {
    const state = { [MANDATE_KEY]: "root", [MANDATES_KEY]: { researcher: "child" } };
    expect(resolveAgentMandate(state, "researcher")).toBe("child");
    expect(resolveAgentMandate(state, "writer")).toBe("root");
    expect(resolveAgentMandate(state)).toBe("root");
    expect(resolveAgentMandate({}, "writer", { mandate: "ctx" })).toBe("ctx");
    expect(resolveAgentMandate({ mandate: "" }, undefined, {})).toBeUndefined();
    expect(resolveAgentMandate(null)).toBeUndefined();
  });

  it("merges `mandates` by key, so a child's mandate never overwrites its parent's or a sibling's", async () => {
    const { guard, mandate } = await setup();
    // Handoff-like tools write a child mandate through a Command; two run in one turn. (Named like
    // catalogue reads so the policy allows them.)
    const mk = (agent: string, name: string) =>
      tool(
        async (_args, rt) =>
          new Command({
            update: {
              [MANDATES_KEY]: { [agent]: `child-of-${agent}` },
              messages: [
                new ToolMessage({ content: "ok", tool_call_id: rt.toolCall!.id!, name: `to_${agent}` }),
              ],
            },
          }),
        { name, description: `hand over to ${agent}`, schema: z.object({}) },
      );
    const agent = createAgent({
      model: scripted(
        callTools("ai-1", [
          { name: "search", args: {}, id: "h_a" },
          { name: "flaky", args: {}, id: "h_b" },
        ]),
        say("ai-2", "done"),
      ),
      tools: [mk("a", "search"), mk("b", "flaky")],
      middleware: [mandateMiddleware({ guard })],
    });
    const out = await agent.invoke({ messages: [new HumanMessage("go")], mandate, mandates: { root: "r" } });
    expect(out.mandate).toBe(mandate);
    expect(out.mandates).toEqual({ root: "r", a: "child-of-a", b: "child-of-b" });
    expect(mandateStateSchema.shape[MANDATES_KEY].parse(undefined)).toEqual({});
  });

  it("passes a tool's Command through and completes the call as ok", async () => {
    const { guard, sink, mandate } = await setup();
    const fn = vi.fn();
    const handoff = tool(
      async (_args, rt) => {
        fn();
        return new Command({
          update: { messages: [new ToolMessage({ content: "moved", tool_call_id: rt.toolCall!.id! })] },
        });
      },
      { name: "search", description: "a read that answers with a Command", schema: z.object({}) },
    );
    const agent = createAgent({
      model: scripted(callTools("ai-1", [{ name: "search", args: {}, id: "c_cmd" }]), say("ai-2", "done")),
      tools: [handoff],
      middleware: [mandateMiddleware({ guard })],
    });
    const out = await agent.invoke({ messages: [new HumanMessage("go")], mandate });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(out.messages.at(-1)?.content).toBe("done");
    expect(kindsFor(sink.events, "c_cmd")).toEqual(["tool.request", "tool.decision", "tool.result"]);
  });
});
