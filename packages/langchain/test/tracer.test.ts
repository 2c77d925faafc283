import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { HumanMessage } from "@langchain/core/messages";
import { Command, MemorySaver } from "@langchain/langgraph";
import { verifyTrace } from "@mandate/core";
import { createAgent } from "langchain";
import { describe, expect, it } from "vitest";
import { MandateTracer, mandateMiddleware } from "../src/index.ts";
import { callTools, say, schemas, scripted, setup, spyTool } from "./helpers.ts";

describe("MandateTracer", () => {
  it("records agent and model hops in the guard's trace, joinable with decisions by tool call id", async () => {
    const { guard, sink, mandate, authority } = await setup();
    const search = spyTool("search", schemas.search);
    const agent = createAgent({
      name: "researcher",
      model: scripted(
        callTools("ai-1", [{ name: "search", args: { q: "otel" }, id: "c_s" }]),
        say("ai-2", "done"),
      ),
      tools: [search.tool],
      middleware: [mandateMiddleware({ guard })],
      checkpointer: new MemorySaver(),
    });
    const tracer = new MandateTracer({ guard });

    await agent.invoke(
      { messages: [new HumanMessage("find otel")], mandate },
      { configurable: { thread_id: "tr-1" }, callbacks: [tracer] },
    );
    await awaitAllCallbacks();

    const starts = sink.events.filter((e) => e.kind === "agent.start");
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ agent: "researcher", thread: "tr-1" });
    const agentSpan = starts[0]!.span;
    const models = sink.events.filter((e) => e.kind === "model.call");
    expect(models).toHaveLength(2);
    for (const m of models) expect(m).toMatchObject({ agent: "researcher", parent: agentSpan, ok: true });
    expect(models[0]?.toolCalls).toEqual([{ id: "c_s", name: "search" }]);
    expect(String(models[0]?.ns)).toMatch(/^model_request:/);
    // join: the model asked for c_s; the guard decided c_s
    const decision = sink.events.find((e) => e.kind === "tool.decision" && e.callId === "c_s");
    expect(decision).toMatchObject({ effect: "allow", span: "c_s", agent: "researcher" });
    expect(sink.events.filter((e) => e.kind === "agent.end")).toEqual([
      expect.objectContaining({ span: agentSpan, ok: true }),
    ]);
    // no raw content: the prompt is not in the trace
    expect(JSON.stringify(sink.events)).not.toContain("find otel");
    await guard.close();
    expect(await verifyTrace(sink.events, { keys: authority.jwks().keys })).toMatchObject({ ok: true });
  });

  it("records a handoff when a tool returns Command({ graph: PARENT, goto })", async () => {
    const { guard, sink } = await setup();
    const tracer = new MandateTracer({ guard });
    const md = { lc_agent_name: "triage", langgraph_checkpoint_ns: "tools:1" };
    tracer.handleToolStart(
      { lc: 1, type: "not_implemented", id: [] },
      "{}",
      "run-t",
      "run-p",
      [],
      md,
      "transfer_to_billing",
      "c_h",
    );
    tracer.handleToolEnd(
      new Command({ graph: Command.PARENT, goto: "billing", update: { messages: [] } }),
      "run-t",
    );
    expect(sink.events.find((e) => e.kind === "handoff")).toMatchObject({
      span: "run-t",
      parent: "run-p",
      agent: "triage",
      callId: "c_h",
      tool: "transfer_to_billing",
      goto: ["billing"],
    });
  });

  it("never throws into the agent, even when recording fails", () => {
    const tracer = new MandateTracer({
      guard: {
        record() {
          throw new Error("sink exploded");
        },
      },
    });
    expect(() => tracer.handleChainStart({ lc: 1, type: "not_implemented", id: [] }, {}, "r1")).not.toThrow();
    expect(() => tracer.handleLLMEnd({ generations: "junk" } as never, "r2")).not.toThrow();
    expect(tracer.failures).toBe(1);
    // @ts-expect-error deliberately wrong
    expect(() => new MandateTracer({})).toThrow(new TypeError("MandateTracer needs a `guard`"));
  });
});
