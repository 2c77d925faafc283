import { type AIMessage, HumanMessage, type ToolMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { Command, END, isInterrupted, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import type { Guard } from "@mandate/core";
import { describe, expect, it } from "vitest";
import {
  type ApprovalPayload,
  answerApproval,
  createGuardedToolNode,
  createGuardNode,
  isApprovalPayload,
  MandateMessagesAnnotation,
} from "../src/index.ts";
import {
  byCall,
  callTools,
  kindsFor,
  type Setup,
  say,
  schemas,
  scripted,
  setup,
  spyTool,
} from "./helpers.ts";

type Model = ReturnType<typeof scripted>;

/** agent -> guard -> tools (guarded) -> agent: the hand-built graph the guard node is made for. */
function guardedGraph(model: Model, tools: StructuredToolInterface[], guard: Guard) {
  const bound = model.bindTools(tools);
  return new StateGraph(MandateMessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await bound.invoke(state.messages)] }))
    .addNode("guard", createGuardNode({ guard }), { ends: ["tools", "agent"] })
    .addNode("tools", createGuardedToolNode(tools, guard))
    .addEdge(START, "agent")
    .addConditionalEdges(
      "agent",
      (s) => (((s.messages.at(-1) as AIMessage).tool_calls?.length ?? 0) > 0 ? "guard" : END),
      ["guard", END],
    )
    .addEdge("tools", "agent")
    .compile({ checkpointer: new MemorySaver() });
}

function tools() {
  return {
    search: spyTool("search", schemas.search, ({ q }) => `results for ${q}`),
    transfer: spyTool("transfer_funds", schemas.transfer, ({ amount }) => `paid ${amount}`),
    email: spyTool("send_email", schemas.sendEmail),
  };
}

describe("createGuardNode", () => {
  let s: Setup;

  it("denies out-of-scope calls with an error ToolMessage; the tool runs 0 times, allowed ones once", async () => {
    s = await setup({ scope: [{ tools: ["search"] }] });
    const t = tools();
    const model = scripted(
      callTools("a1", [
        { name: "search", args: { q: "q3" }, id: "c_search" },
        { name: "send_email", args: { to: "bob@acme.example", body: "hi" }, id: "c_mail" },
      ]),
      say("a2", "done"),
    );
    const graph = guardedGraph(model, [t.search.tool, t.email.tool], s.guard);
    const out = await graph.invoke(
      { messages: [new HumanMessage("go")], mandate: s.mandate },
      { configurable: { thread_id: "gn-1" } },
    );
    expect(t.email.fn).toHaveBeenCalledTimes(0);
    expect(t.search.fn).toHaveBeenCalledTimes(1);
    const denied = byCall(out.messages, "c_mail");
    expect(denied?.status).toBe("error");
    expect(String(denied?.content)).toContain("[SCOPE_DENIED]");
    expect(byCall(out.messages, "c_search")?.content).toBe("results for q3");
    expect(kindsFor(s.sink.events, "c_search")).toEqual(["tool.request", "tool.decision", "tool.result"]);
    expect(kindsFor(s.sink.events, "c_mail")).toEqual(["tool.request", "tool.decision"]);
    expect(out.messages.at(-1)?.content).toBe("done");
  });

  it("routes back to the model when nothing may run (the tool node is not entered)", async () => {
    s = await setup({ scope: [{ tools: ["search"] }] });
    const t = tools();
    const model = scripted(
      callTools("b1", [{ name: "send_email", args: { to: "x@evil.example", body: "x" }, id: "c_x" }]),
      say("b2", "could not send"),
    );
    const graph = guardedGraph(model, [t.search.tool, t.email.tool], s.guard);
    const steps: string[] = [];
    for await (const chunk of await graph.stream(
      { messages: [new HumanMessage("go")], mandate: s.mandate },
      { configurable: { thread_id: "gn-2" }, streamMode: "updates" },
    )) {
      steps.push(...Object.keys(chunk));
    }
    expect(steps).toEqual(["agent", "guard", "agent"]);
    expect(t.email.fn).toHaveBeenCalledTimes(0);
  });

  it("pauses for approval (interrupt), resumes by interrupt id, runs the call once, no duplicate trace", async () => {
    s = await setup();
    const t = tools();
    const model = scripted(
      callTools("c1", [
        { name: "search", args: { q: "vendor" }, id: "c_s" },
        { name: "transfer_funds", args: { amount: 5000, to: "vendor" }, id: "c_pay" },
      ]),
      say("c2", "paid"),
    );
    const graph = guardedGraph(model, [t.search.tool, t.transfer.tool], s.guard);
    const cfg = { configurable: { thread_id: "gn-3" } };
    const first = await graph.invoke({ messages: [new HumanMessage("pay")], mandate: s.mandate }, cfg);
    expect(isInterrupted(first)).toBe(true);
    if (!isInterrupted(first)) return;
    const [pause] = first.__interrupt__;
    expect(isApprovalPayload(pause?.value)).toBe(true);
    expect(pause?.value).toMatchObject({ tool: "transfer_funds", toolCallId: "c_pay" });
    expect(pause?.value).toMatchObject({ ruleIds: ["large-transfer-needs-approval"] });
    // Nothing ran while paused: the guard decides every call before any tool runs.
    expect(t.transfer.fn).toHaveBeenCalledTimes(0);
    expect(t.search.fn).toHaveBeenCalledTimes(0);

    const out = await graph.invoke(
      new Command({
        resume: {
          [pause?.id ?? ""]: answerApproval(pause?.value as ApprovalPayload, { approved: true, by: "cfo" }),
        },
      }),
      cfg,
    );
    expect(t.transfer.fn).toHaveBeenCalledTimes(1);
    expect(t.search.fn).toHaveBeenCalledTimes(1);
    expect(byCall(out.messages, "c_pay")?.content).toBe("paid 5000");
    expect(out.messages.at(-1)?.content).toBe("paid");
    // The re-run on resume reused the first decisions: each request/decision traced once.
    expect(kindsFor(s.sink.events, "c_s")).toEqual(["tool.request", "tool.decision", "tool.result"]);
    expect(kindsFor(s.sink.events, "c_pay")).toEqual([
      "tool.request",
      "tool.decision",
      "approval.request",
      "approval.resolve",
      "tool.request",
      "tool.decision",
      "tool.result",
    ]);
  });

  it("a rejected approval answers the call with an error; the tool never runs", async () => {
    s = await setup();
    const t = tools();
    const model = scripted(
      callTools("d1", [{ name: "transfer_funds", args: { amount: 9000, to: "x" }, id: "c_big" }]),
      say("d2", "not paid"),
    );
    const graph = guardedGraph(model, [t.transfer.tool], s.guard);
    const cfg = { configurable: { thread_id: "gn-4" } };
    const first = await graph.invoke({ messages: [new HumanMessage("pay")], mandate: s.mandate }, cfg);
    if (!isInterrupted(first)) throw new Error("expected an interrupt");
    const id = first.__interrupt__[0]?.id ?? "";
    const out = await graph.invoke(new Command({ resume: { [id]: { approved: false, by: "cfo" } } }), cfg);
    expect(t.transfer.fn).toHaveBeenCalledTimes(0);
    expect(byCall(out.messages, "c_big")?.status).toBe("error");
    expect(String(byCall(out.messages, "c_big")?.content)).toContain("rejected by cfo");
  });

  it("a rejected approval does not drop an allowed sibling: it still runs, once", async () => {
    s = await setup();
    const t = tools();
    const model = scripted(
      callTools("f1", [
        { name: "search", args: { q: "vendor" }, id: "c_sib" },
        { name: "transfer_funds", args: { amount: 7000, to: "x" }, id: "c_rej" },
      ]),
      say("f2", "searched only"),
    );
    const graph = guardedGraph(model, [t.search.tool, t.transfer.tool], s.guard);
    const cfg = { configurable: { thread_id: "gn-6" } };
    const first = await graph.invoke({ messages: [new HumanMessage("go")], mandate: s.mandate }, cfg);
    if (!isInterrupted(first)) throw new Error("expected an interrupt");
    const id = first.__interrupt__[0]?.id ?? "";
    const out = await graph.invoke(new Command({ resume: { [id]: { approved: false } } }), cfg);
    expect(t.search.fn).toHaveBeenCalledTimes(1);
    expect(t.transfer.fn).toHaveBeenCalledTimes(0);
    expect(byCall(out.messages, "c_sib")?.content).toBe("results for vendor");
    expect(byCall(out.messages, "c_rej")?.status).toBe("error");
    expect(kindsFor(s.sink.events, "c_sib")).toEqual(["tool.request", "tool.decision", "tool.result"]);
  });

  it("two approvals in one turn: one interrupt each, in call order, each resumed by its id", async () => {
    s = await setup();
    const t = tools();
    const model = scripted(
      callTools("g1", [
        { name: "transfer_funds", args: { amount: 2000, to: "a" }, id: "c_p1" },
        { name: "transfer_funds", args: { amount: 3000, to: "b" }, id: "c_p2" },
      ]),
      say("g2", "one paid"),
    );
    const graph = guardedGraph(model, [t.transfer.tool], s.guard);
    const cfg = { configurable: { thread_id: "gn-7" } };
    const first = await graph.invoke({ messages: [new HumanMessage("go")], mandate: s.mandate }, cfg);
    if (!isInterrupted(first)) throw new Error("expected an interrupt");
    expect(first.__interrupt__.map((i) => (i.value as { toolCallId: string }).toolCallId)).toEqual(["c_p1"]);
    const second = await graph.invoke(
      new Command({
        resume: {
          [first.__interrupt__[0]?.id ?? ""]: answerApproval(
            first.__interrupt__[0]?.value as ApprovalPayload,
            { approved: true },
          ),
        },
      }),
      cfg,
    );
    if (!isInterrupted(second)) throw new Error("expected the second interrupt");
    expect(second.__interrupt__.map((i) => (i.value as { toolCallId: string }).toolCallId)).toEqual(["c_p2"]);
    expect(t.transfer.fn).toHaveBeenCalledTimes(0);
    const out = await graph.invoke(
      new Command({ resume: { [second.__interrupt__[0]?.id ?? ""]: { approved: false } } }),
      cfg,
    );
    expect(t.transfer.fn).toHaveBeenCalledTimes(1);
    expect(t.transfer.fn).toHaveBeenCalledWith({ amount: 2000, to: "a" });
    expect(byCall(out.messages, "c_p2")?.status).toBe("error");
    // Each approval was resolved once, even though the node re-ran twice.
    expect(
      s.sink.events.filter((e) => e.kind === "approval.resolve").map((e) => [e.callId, e.approved]),
    ).toEqual([
      ["c_p1", true],
      ["c_p2", false],
    ]);
  });

  it("no mandate in state: every call is denied (fail closed)", async () => {
    s = await setup();
    const t = tools();
    const model = scripted(
      callTools("e1", [{ name: "search", args: { q: "x" }, id: "c_nm" }]),
      say("e2", "ok"),
    );
    const graph = guardedGraph(model, [t.search.tool], s.guard);
    const out = await graph.invoke(
      { messages: [new HumanMessage("go")] },
      { configurable: { thread_id: "gn-5" } },
    );
    expect(t.search.fn).toHaveBeenCalledTimes(0);
    expect(String(byCall(out.messages, "c_nm")?.content)).toContain("no mandate was presented");
  });

  it("writes no messages when every call is allowed, and only the refusals otherwise", async () => {
    s = await setup({ scope: [{ tools: ["search"] }] });
    const t = tools();
    const model = scripted(
      callTools("u1", [{ name: "search", args: { q: "q1" }, id: "c_u1" }]),
      callTools("u2", [
        { name: "search", args: { q: "q2" }, id: "c_u2" },
        { name: "send_email", args: { to: "bob@acme.example", body: "hi" }, id: "c_u3" },
      ]),
      say("u3", "done"),
    );
    const graph = guardedGraph(model, [t.search.tool, t.email.tool], s.guard);
    const guardUpdates: unknown[] = [];
    const stream = await graph.stream(
      { messages: [new HumanMessage("go")], mandate: s.mandate },
      { configurable: { thread_id: "gn-6" }, streamMode: "updates" },
    );
    for await (const chunk of stream) if ("guard" in chunk) guardUpdates.push(chunk.guard);
    expect(guardUpdates).toHaveLength(2);
    // Turn 1: all allowed, so no `messages` write (it would re-run the reducer over the history).
    expect(guardUpdates[0]).toEqual({});
    // Turn 2: exactly the refusal of the out-of-scope call.
    const refusals = (guardUpdates[1] as { messages: ToolMessage[] }).messages;
    expect(refusals.map((m) => [m.tool_call_id, m.status])).toEqual([["c_u3", "error"]]);
    expect(t.search.fn).toHaveBeenCalledTimes(2);
    expect(t.email.fn).toHaveBeenCalledTimes(0);
  });

  it("rejects bad options with a TypeError at construction", () => {
    expect(() => createGuardNode({} as never)).toThrow(TypeError);
    expect(() => createGuardNode({ guard: s.guard, approval: "maybe" as never })).toThrow(TypeError);
  });
});
