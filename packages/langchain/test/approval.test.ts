import { HumanMessage } from "@langchain/core/messages";
import { Command, isInterrupted, MemorySaver } from "@langchain/langgraph";
import { createAgent } from "langchain";
import { describe, expect, it } from "vitest";
import { type ApprovalPayload, answerApproval, isApprovalPayload, mandateMiddleware } from "../src/index.ts";
import { callTools, kindsFor, say, schemas, scripted, setup, spyTool, toolMessages } from "./helpers.ts";

const cfg = (thread: string) => ({ configurable: { thread_id: thread } });

/**
 * The trace of one approved call, in order, all with span = callId = the model's tool call id.
 * The node runs twice (before and after the interrupt), but the first decision is reused on
 * resume, so the first three events appear once; the second request/decision pair is the guard
 * checking the single-use approval.
 */
const APPROVED_SEQUENCE = [
  "tool.request",
  "tool.decision", // effect: approve
  "approval.request",
  "approval.resolve", // approved: true
  "tool.request", // with the approval
  "tool.decision", // effect: allow
  "tool.result",
];
const REJECTED_SEQUENCE = ["tool.request", "tool.decision", "approval.request", "approval.resolve"];

async function approvalAgent(thread: string, calls: Parameters<typeof callTools>[1]) {
  const s = await setup();
  const transfer = spyTool("transfer_funds", schemas.transfer, (a) => `sent ${a.amount}`);
  const search = spyTool("search", schemas.search);
  const agent = createAgent({
    model: scripted(callTools("ai-1", calls), say("ai-2", "finished")),
    tools: [transfer.tool, search.tool],
    middleware: [mandateMiddleware({ guard: s.guard })],
    checkpointer: new MemorySaver(),
  });
  const first = await agent.invoke({ messages: [new HumanMessage("pay")], mandate: s.mandate }, cfg(thread));
  return { ...s, agent, transfer, search, first };
}

function interrupts(result: unknown): { id: string; value: ApprovalPayload }[] {
  if (!isInterrupted(result)) throw new Error("expected the run to pause");
  return result.__interrupt__.map((i) => {
    if (!isApprovalPayload(i.value) || i.id === undefined) throw new Error("not a Mandate approval");
    return { id: i.id, value: i.value };
  });
}

describe("approval via interrupt()", () => {
  it("pauses with the documented payload; approve runs the tool exactly once", async () => {
    const { agent, transfer, sink, first, guard } = await approvalAgent("appr-1", [
      { name: "transfer_funds", args: { amount: 5000, to: "acct-1" }, id: "c_t" },
    ]);
    const [pause] = interrupts(first);
    expect(pause?.value).toEqual({
      kind: "mandate.approval",
      toolCallId: "c_t",
      tool: "transfer_funds",
      args: '{"amount":5000,"to":"acct-1"}',
      ruleIds: ["large-transfer-needs-approval"],
      reason: "transfers over 1000 need a human",
      argsHash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(transfer.fn).toHaveBeenCalledTimes(0);

    const out = await agent.invoke(
      new Command({
        resume: { [pause!.id]: answerApproval(pause!.value, { approved: true, by: "cfo@acme.example" }) },
      }),
      cfg("appr-1"),
    );

    expect(transfer.fn).toHaveBeenCalledTimes(1);
    expect(toolMessages(out.messages)[0]).toMatchObject({ status: "success", content: "sent 5000" });
    expect(out.messages.at(-1)?.content).toBe("finished");
    expect(kindsFor(sink.events, "c_t")).toEqual(APPROVED_SEQUENCE);
    const decisions = sink.events.filter((e) => e.kind === "tool.decision" && e.callId === "c_t");
    expect(decisions.map((d) => d.effect)).toEqual(["approve", "allow"]);
    expect(sink.events.find((e) => e.kind === "approval.resolve")).toMatchObject({
      approved: true,
      by: "cfo@acme.example",
    });
    expect(guard.stats().approvals).toBe(1);
    // neither the mandate nor the single-use approval (both JWTs) ever reach the trace
    expect(JSON.stringify(sink.events)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it("reject returns an error ToolMessage; the tool ran 0 times", async () => {
    const { agent, transfer, sink, first } = await approvalAgent("appr-2", [
      { name: "transfer_funds", args: { amount: 5000, to: "acct-1" }, id: "c_t" },
    ]);
    const [pause] = interrupts(first);

    const out = await agent.invoke(
      new Command({ resume: { [pause!.id]: { approved: false, by: "cfo", reason: "not this quarter" } } }),
      cfg("appr-2"),
    );

    expect(transfer.fn).toHaveBeenCalledTimes(0);
    expect(toolMessages(out.messages)[0]).toMatchObject({
      status: "error",
      content:
        'Mandate: the call to "transfer_funds" was rejected by cfo: not this quarter. Do not retry this call.',
    });
    expect(out.messages.at(-1)?.content).toBe("finished");
    expect(kindsFor(sink.events, "c_t")).toEqual(REJECTED_SEQUENCE);
  });

  it("two approvals in one turn resume by interrupt id; the allowed sibling runs once", async () => {
    const { agent, transfer, search, sink, first } = await approvalAgent("appr-3", [
      { name: "transfer_funds", args: { amount: 2000, to: "acct-a" }, id: "c_a" },
      { name: "transfer_funds", args: { amount: 3000, to: "acct-b" }, id: "c_b" },
      { name: "search", args: { q: "fx rates" }, id: "c_s" },
    ]);
    const pauses = interrupts(first);
    expect(pauses.map((p) => p.value.toolCallId).sort()).toEqual(["c_a", "c_b"]);
    expect(search.fn).toHaveBeenCalledTimes(1);

    const resume = Object.fromEntries(
      pauses.map((p) => [p.id, answerApproval(p.value, { approved: p.value.toolCallId === "c_a" })]),
    );
    const out = await agent.invoke(new Command({ resume }), cfg("appr-3"));

    expect(transfer.fn).toHaveBeenCalledTimes(1);
    expect(transfer.fn).toHaveBeenCalledWith({ amount: 2000, to: "acct-a" });
    expect(search.fn).toHaveBeenCalledTimes(1); // finished before the pause, not re-run
    const byId = Object.fromEntries(toolMessages(out.messages).map((m) => [m.tool_call_id, m.status]));
    expect(byId).toEqual({ c_a: "success", c_b: "error", c_s: "success" });
    expect(kindsFor(sink.events, "c_a")).toEqual(APPROVED_SEQUENCE);
    expect(kindsFor(sink.events, "c_b")).toEqual(REJECTED_SEQUENCE);
    expect(kindsFor(sink.events, "c_s")).toEqual(["tool.request", "tool.decision", "tool.result"]);
  });

  it("resuming only one of two pending approvals does not re-trace the other", async () => {
    const { agent, transfer, sink, first } = await approvalAgent("appr-4", [
      { name: "transfer_funds", args: { amount: 2000, to: "acct-a" }, id: "c_a" },
      { name: "transfer_funds", args: { amount: 3000, to: "acct-b" }, id: "c_b" },
    ]);
    const pauses = interrupts(first);
    const a = pauses.find((p) => p.value.toolCallId === "c_a")!;
    const b = pauses.find((p) => p.value.toolCallId === "c_b")!;

    const second = await agent.invoke(
      new Command({ resume: { [a.id]: answerApproval(a.value, { approved: true }) } }),
      cfg("appr-4"),
    );
    expect(interrupts(second).map((p) => p.value.toolCallId)).toEqual(["c_b"]);
    expect(kindsFor(sink.events, "c_b")).toEqual(["tool.request", "tool.decision", "approval.request"]);

    await agent.invoke(
      new Command({ resume: { [b.id]: answerApproval(b.value, { approved: true }) } }),
      cfg("appr-4"),
    );
    expect(transfer.fn).toHaveBeenCalledTimes(2);
    expect(kindsFor(sink.events, "c_a")).toEqual(APPROVED_SEQUENCE);
    expect(kindsFor(sink.events, "c_b")).toEqual(APPROVED_SEQUENCE);
  });

  it("resumes through a rebuilt agent (same guard and checkpointer) without re-tracing the call", async () => {
    const { guard, sink, mandate } = await setup();
    const transfer = spyTool("transfer_funds", schemas.transfer, (a) => `sent ${a.amount}`);
    const checkpointer = new MemorySaver();
    const build = (model: ReturnType<typeof scripted>) =>
      createAgent({
        model,
        tools: [transfer.tool],
        middleware: [mandateMiddleware({ guard })],
        checkpointer,
      });
    const first = await build(
      scripted(
        callTools("ai-1", [{ name: "transfer_funds", args: { amount: 5000, to: "acct-1" }, id: "c_t" }]),
      ),
    ).invoke({ messages: [new HumanMessage("pay")], mandate }, cfg("appr-6"));
    const [pause] = interrupts(first);

    // a new request builds a new agent (and middleware) around the same guard
    await build(scripted(say("ai-2", "finished"))).invoke(
      new Command({ resume: { [pause!.id]: answerApproval(pause!.value, { approved: true }) } }),
      cfg("appr-6"),
    );
    expect(transfer.fn).toHaveBeenCalledTimes(1);
    expect(kindsFor(sink.events, "c_t")).toEqual(APPROVED_SEQUENCE);
  });

  it("a malformed resume value rejects (fail closed)", async () => {
    const { agent, transfer, first } = await approvalAgent("appr-5", [
      { name: "transfer_funds", args: { amount: 5000, to: "acct-1" }, id: "c_t" },
    ]);
    const [pause] = interrupts(first);
    const out = await agent.invoke(new Command({ resume: { [pause!.id]: "yes" } }), cfg("appr-5"));
    expect(transfer.fn).toHaveBeenCalledTimes(0);
    expect(toolMessages(out.messages)[0]?.status).toBe("error");
  });
});
