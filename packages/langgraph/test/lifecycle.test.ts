import { HumanMessage } from "@langchain/core/messages";
import { Command, END, isInterrupted, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import {
  type ApprovalPayload,
  answerApproval,
  createGuardedToolNode,
  MandateMessagesAnnotation,
  runTask,
  withMandateLifecycle,
} from "../src/index.ts";
import { callTools, schemas, setup, spyTool } from "./helpers.ts";

/** A one-step graph: the guarded tool node answers a scripted tool call. */
function payGraph(guard: Parameters<typeof createGuardedToolNode>[1], fail = false) {
  const pay = spyTool("transfer_funds", schemas.transfer);
  const graph = new StateGraph(MandateMessagesAnnotation)
    .addNode("tools", createGuardedToolNode([pay.tool], guard))
    .addNode("after", () => {
      if (fail) throw new Error("boom");
      return {};
    })
    .addEdge(START, "tools")
    .addEdge("tools", "after")
    .addEdge("after", END)
    .compile({ checkpointer: new MemorySaver() });
  return { graph, pay };
}

const input = (mandate: string, amount: number) => ({
  mandate,
  messages: [
    new HumanMessage("pay"),
    callTools("a1", [{ name: "transfer_funds", args: { amount, to: "v" }, id: "p" }]),
  ],
});

describe("runTask / withMandateLifecycle", () => {
  it("keeps the mandates alive while paused for approval, revokes the root when the run ends", async () => {
    const s = await setup();
    const { graph, pay } = payGraph(s.guard);
    const cfg = { configurable: { thread_id: "lc-1" } };
    const first = await runTask(graph, input(s.mandate, 5000), cfg, { guard: s.guard });
    if (!isInterrupted(first)) throw new Error("expected a pause");
    await expect(s.guard.verify(s.mandate)).resolves.toMatchObject({ depth: 0 });

    const pause = first.__interrupt__[0];
    const answer = answerApproval(pause?.value as ApprovalPayload, { approved: true });
    await runTask(graph, new Command({ resume: { [pause?.id ?? ""]: answer } }), cfg, { guard: s.guard });
    expect(pay.fn).toHaveBeenCalledTimes(1);
    await expect(s.guard.verify(s.mandate)).rejects.toMatchObject({ code: "MANDATE_REVOKED" });
    const ends = s.sink.events.filter((e) => e.kind === "run.end").map((e) => [e.status, e.revoked]);
    expect(ends).toEqual([
      ["interrupted", false],
      ["completed", true],
    ]);
    expect(s.sink.events.filter((e) => e.kind === "run.start").map((e) => e.resumed)).toEqual([false, true]);
    // Two invokes, two runs: each run.start/run.end pair shares one run id.
    const runs = s.sink.events
      .filter((e) => e.kind === "run.start" || e.kind === "run.end")
      .map((e) => e.run);
    expect(runs).toHaveLength(4);
    expect(runs[0]).toBe(runs[1]);
    expect(runs[2]).toBe(runs[3]);
    expect(new Set(runs).size).toBe(2);
  });

  it("revokeOnEnd: false leaves the root usable", async () => {
    const s = await setup();
    const { graph } = payGraph(s.guard);
    await runTask(
      graph,
      input(s.mandate, 10),
      { configurable: { thread_id: "lc-2" } },
      { guard: s.guard, revokeOnEnd: false },
    );
    await expect(s.guard.verify(s.mandate)).resolves.toMatchObject({ depth: 0 });
  });

  it("a failed run ends the task too: revoked, and the error is rethrown", async () => {
    const s = await setup();
    const { graph } = payGraph(s.guard, true);
    await expect(
      runTask(graph, input(s.mandate, 10), { configurable: { thread_id: "lc-3" } }, { guard: s.guard }),
    ).rejects.toThrow("boom");
    await expect(s.guard.verify(s.mandate)).rejects.toMatchObject({ code: "MANDATE_REVOKED" });
  });

  it("withMandateLifecycle wraps invoke and keeps the graph's other methods", async () => {
    const s = await setup();
    const { graph } = payGraph(s.guard);
    const app = withMandateLifecycle(graph, { guard: s.guard });
    const cfg = { configurable: { thread_id: "lc-4" } };
    await app.invoke(input(s.mandate, 10), cfg);
    expect((await app.getState(cfg)).values.mandate).toBe(s.mandate);
    await expect(s.guard.verify(s.mandate)).rejects.toMatchObject({ code: "MANDATE_REVOKED" });
    expect(() => withMandateLifecycle(graph, {} as never)).toThrow(TypeError);
  });
});
