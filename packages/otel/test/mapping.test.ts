import type { TraceRecord } from "@mandate/core";
import {
  type Context,
  type ContextManager,
  context,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { at, harness, idOf, parentOf } from "./harness.ts";

const thread = "t-1";
const run = (fields: Partial<TraceRecord> = {}): TraceRecord => ({
  kind: "run.start",
  thread,
  jti: "root-jti",
  ...fields,
});
const agent = (span: string, name: string, parent?: string): TraceRecord => ({
  kind: "agent.start",
  span,
  agent: name,
  name,
  thread,
  ...(parent !== undefined ? { parent } : {}),
});
const call = (kind: TraceRecord["kind"], callId: string, fields: Partial<TraceRecord> = {}): TraceRecord => ({
  kind,
  span: callId,
  callId,
  parent: "a-1",
  agent: "worker",
  thread,
  tool: "send_email",
  ...fields,
});
const args = { sha256: "a".repeat(64), size: 40, preview: '{"to":"x@acme.example"}' };
const result = { sha256: "b".repeat(64), size: 4, preview: '"sent"' };

describe("tool calls", () => {
  it("a rejected approval ends the call's span: ERROR, error.type APPROVAL_REJECTED, the tool never ran", async () => {
    const h = harness();
    h.emit(
      run(),
      agent("a-1", "worker"),
      call("tool.request", "c-1", { args, action: "act" }),
      call("tool.decision", "c-1", {
        effect: "approve",
        ruleIds: ["big"],
        reason: "needs a human",
        code: "APPROVAL_REQUIRED",
      }),
      call("approval.request", "c-1", {
        ruleIds: ["big"],
        reason: "needs a human",
        argsHash: "h1",
        jti: "j",
      }),
      call("approval.resolve", "c-1", { approved: false, by: "cfo@acme.example", argsHash: "h1", jti: "j" }),
    );
    await h.sink.close();
    const span = h.span("execute_tool send_email");
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "APPROVAL_REJECTED" });
    expect(span.attributes["error.type"]).toBe("APPROVAL_REJECTED");
    expect(span.attributes["mandate.approval.status"]).toBe("rejected");
    expect(span.attributes["mandate.approval.by"]).toBe("cfo@acme.example");
    expect(span.attributes[`mandate.unfinished`]).toBeUndefined();
    expect(span.startTime).toEqual(at(3));
    expect(span.endTime).toEqual(at(6));
    expect(span.events.map((e) => [e.name, e.time, e.attributes?.["mandate.approval.approved"]])).toEqual([
      ["mandate.approval.request", at(5), undefined],
      ["mandate.approval.resolve", at(6), false],
    ]);
    expect(h.sink.stats()).toMatchObject({ spans: 3, unfinished: 2, failures: 0 }); // agent and run: closed
  });

  it("a tool error: error.type is the error's code, else its class name; never its message", async () => {
    const h = harness();
    h.emit(
      agent("a-1", "worker"),
      call("tool.request", "c-1"),
      call("tool.decision", "c-1", { effect: "allow", ruleIds: [], reason: "ok", controls: [] }),
      call("tool.error", "c-1", {
        durationMs: 5,
        error: { name: "MandateError", code: "MANDATE_EXPIRED", sha256: "c", size: 9 },
      }),
      call("tool.request", "c-2"),
      call("tool.error", "c-2", { error: { name: "TypeError", sha256: "d", size: 3 } }),
    );
    const [first, second] = h.spans();
    expect([first?.attributes["error.type"], first?.status]).toEqual([
      "MANDATE_EXPIRED",
      { code: SpanStatusCode.ERROR, message: "MANDATE_EXPIRED" },
    ]);
    expect(second?.attributes["error.type"]).toBe("TypeError");
    expect(first?.endTime).toEqual(at(4));
  });

  it("a tool result seen without its request (an unmatched completion) still gets a span of its duration", () => {
    const h = harness();
    h.emit(agent("a-1", "worker"), call("tool.result", "c-9", { durationMs: 4, result }));
    const span = h.span("execute_tool send_email");
    const endMs = Date.parse("2026-03-01T09:00:00.020Z");
    expect(span.endTime).toEqual(at(2));
    expect(span.startTime).toEqual([Math.floor((endMs - 4) / 1000), ((endMs - 4) % 1000) * 1e6]);
    expect(span.attributes["mandate.result.sha256"]).toBe(result.sha256);
  });

  it("monitor mode: the decision that would have been enforced is on the span, not an error", () => {
    const h = harness();
    h.emit(
      agent("a-1", "worker"),
      call("tool.request", "c-1"),
      call("tool.decision", "c-1", {
        effect: "allow",
        ruleIds: ["no-egress"],
        reason: "would deny",
        controls: ["OWASP-ASI02"],
        monitor: true,
        enforcedEffect: "deny",
        wouldFlip: ["no-egress"],
        jti: "j-1",
        depth: 2,
      }),
      call("tool.result", "c-1", { result }),
    );
    const span = h.span("execute_tool send_email");
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toEqual({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "send_email",
      "gen_ai.tool.call.id": "c-1",
      "gen_ai.agent.name": "worker",
      "gen_ai.conversation.id": thread,
      "mandate.decision": "allow",
      "mandate.rule_ids": ["no-egress"],
      "mandate.reason": "would deny",
      "mandate.controls": ["OWASP-ASI02"],
      "mandate.jti": "j-1",
      "mandate.depth": 2,
      "mandate.monitored": true,
      "mandate.monitored_effect": "deny",
      "mandate.would_flip": ["no-egress"],
      "mandate.result.sha256": result.sha256,
    });
  });

  it("argument and result previews only when asked, and then only the trace's redacted preview", () => {
    const events = [
      agent("a-1", "worker"),
      call("tool.request", "c-1", { args }),
      call("tool.result", "c-1", { result }),
    ];
    const off = harness();
    off.emit(...events);
    expect(off.span("execute_tool send_email").attributes["gen_ai.tool.call.arguments"]).toBeUndefined();
    expect(off.span("execute_tool send_email").attributes["gen_ai.tool.call.result"]).toBeUndefined();
    const on = harness({ captureArguments: true, captureResults: true });
    on.emit(...events);
    expect(on.span("execute_tool send_email").attributes["gen_ai.tool.call.arguments"]).toBe(args.preview);
    expect(on.span("execute_tool send_email").attributes["gen_ai.tool.call.result"]).toBe(result.preview);
  });
});

describe("handoffs", () => {
  it("a transfer tool the guard never saw (MandateTracer's handoff event only) links both ways", () => {
    const h = harness();
    h.emit(
      run(),
      agent("sup", "supervisor"),
      {
        kind: "handoff",
        span: "lc-run-7",
        callId: "call-7",
        parent: "sup",
        agent: "supervisor",
        thread,
        tool: "transfer_to_payer",
        goto: ["payer"],
      },
      agent("pay", "payer", "sup"),
      { kind: "agent.end", span: "pay", agent: "payer", thread, ok: true },
    );
    const tool = h.span("execute_tool transfer_to_payer");
    const payer = h.span("invoke_agent payer");
    // It finished when the handoff was recorded; it ended once the receiving agent had started.
    expect(tool.startTime).toEqual(at(3));
    expect(tool.endTime).toEqual(at(3));
    expect(tool.attributes["gen_ai.tool.call.id"]).toBe("call-7");
    expect(tool.attributes["mandate.handoff.to"]).toBe("payer");
    expect(tool.links).toEqual([
      { context: payer.spanContext(), attributes: { "mandate.link.type": "handoff.target" } },
    ]);
    expect(payer.links).toEqual([
      { context: tool.spanContext(), attributes: { "mandate.link.type": "handoff.source" } },
    ]);
    expect(parentOf(tool)).toBe(parentOf(payer));
  });

  it("a handoff recorded after its tool's result: the receiving agent still links to the tool's span", () => {
    const h = harness();
    h.emit(
      agent("sup", "supervisor"),
      call("tool.request", "c-1", { parent: "sup", tool: "hand_to_w" }),
      call("tool.result", "c-1", { parent: "sup", tool: "hand_to_w", result }),
      {
        kind: "handoff",
        span: "lc-run-1",
        callId: "c-1",
        parent: "sup",
        agent: "supervisor",
        thread,
        tool: "hand_to_w",
        goto: ["w"],
      },
      agent("w-1", "w", "sup"),
      { kind: "agent.end", span: "w-1", agent: "w", thread, ok: true },
    );
    const tools = h.spans().filter((s) => s.name === "execute_tool hand_to_w");
    expect(tools).toHaveLength(1); // no second span for the late handoff event
    expect(tools[0]?.links).toEqual([]);
    expect(h.span("invoke_agent w").links).toEqual([
      { context: tools[0]?.spanContext(), attributes: { "mandate.link.type": "handoff.source" } },
    ]);
  });

  it("a refused handoff links nothing and its tool span carries the refusal", () => {
    const h = harness();
    h.emit(
      agent("sup", "supervisor"),
      call("tool.request", "c-1", { parent: "sup", tool: "delegate_to_payer" }),
      call("tool.decision", "c-1", {
        parent: "sup",
        tool: "delegate_to_payer",
        effect: "allow",
        ruleIds: ["h"],
      }),
      call("handoff", "c-1", {
        parent: "sup",
        tool: "delegate_to_payer",
        to: "payer",
        outcome: "refused",
        code: "MANDATE_ESCALATION",
      }),
      call("tool.error", "c-1", {
        parent: "sup",
        tool: "delegate_to_payer",
        error: { name: "MandateError", code: "MANDATE_ESCALATION" },
      }),
      agent("pay", "payer", "sup"),
    );
    const tool = h.span("execute_tool delegate_to_payer");
    expect(tool.links).toEqual([]);
    expect(tool.attributes["mandate.handoff.outcome"]).toBe("refused");
    expect(tool.attributes["mandate.handoff.code"]).toBe("MANDATE_ESCALATION");
    expect(tool.attributes["error.type"]).toBe("MANDATE_ESCALATION");
    expect(tool.endTime).toEqual(at(5));
  });
});

describe("runs, agents and model calls", () => {
  it("a failed run is an ERROR, and what it left open ends with it, marked run_ended", () => {
    const h = harness();
    h.emit(run(), agent("a-1", "worker"), call("tool.request", "c-1"), {
      kind: "run.end",
      thread,
      status: "failed",
      revoked: true,
    });
    const runSpan = h.span("mandate.run");
    expect(runSpan.status).toEqual({ code: SpanStatusCode.ERROR, message: "_OTHER" });
    expect(runSpan.attributes["mandate.run.status"]).toBe("failed");
    expect(h.span("invoke_agent worker").attributes["mandate.unfinished"]).toBe("run_ended");
    expect(h.span("execute_tool send_email").attributes["mandate.unfinished"]).toBe("run_ended");
    expect(h.span("execute_tool send_email").endTime).toEqual(at(4));
    expect(h.sink.stats()).toMatchObject({ open: 0, unfinished: 2 });
  });

  it("agent and model failures: ERROR with the error's class name as error.type", () => {
    const h = harness();
    h.emit(
      agent("a-1", "worker"),
      {
        kind: "model.call",
        span: "m-1",
        parent: "a-1",
        agent: "worker",
        thread,
        model: "gpt-x",
        provider: "openai",
        durationMs: 5,
        ok: false,
        error: "RateLimitError",
      },
      { kind: "agent.end", span: "a-1", agent: "worker", thread, ok: false, error: "RateLimitError" },
    );
    const chat = h.span("chat gpt-x");
    expect(chat.kind).toBe(2); // CLIENT
    expect(chat.attributes["error.type"]).toBe("RateLimitError");
    expect(chat.attributes["gen_ai.provider.name"]).toBe("openai");
    expect(parentOf(chat)).toBe(idOf(h.span("invoke_agent worker")));
    expect(h.span("invoke_agent worker").status).toEqual({
      code: SpanStatusCode.ERROR,
      message: "RateLimitError",
    });
  });

  it("modelSpans: false leaves model calls to another instrumentation", () => {
    const h = harness({ modelSpans: false });
    h.emit(agent("a-1", "worker"), {
      kind: "model.call",
      span: "m-1",
      parent: "a-1",
      agent: "worker",
      thread,
      model: "gpt-x",
    });
    expect(h.spans()).toHaveLength(0);
    expect(h.sink.stats()).toMatchObject({ spans: 1, ignored: 1 });
  });
});

describe("the caller's context", () => {
  // A synchronous context manager (the tracer calls sinks synchronously), enough to make a span active.
  let stack: Context[] = [];
  const manager: ContextManager = {
    active: () => stack.at(-1) ?? ROOT_CONTEXT,
    with(ctx, fn, thisArg, ...rest) {
      stack.push(ctx);
      try {
        return fn.call(thisArg, ...rest);
      } finally {
        stack.pop();
      }
    },
    bind: (_ctx, target) => target,
    enable() {
      return this;
    },
    disable() {
      stack = [];
      return this;
    },
  };
  afterEach(() => context.disable());

  it("a run started inside an active span (say, an HTTP request) becomes its child", () => {
    context.setGlobalContextManager(manager);
    const h = harness();
    const request = h.provider.getTracer("app").startSpan("POST /tasks");
    context.with(trace.setSpan(context.active(), request), () => h.emit(run()));
    h.emit({ kind: "run.end", thread, status: "completed", revoked: true });
    request.end();
    expect(parentOf(h.span("mandate.run"))).toBe(request.spanContext().spanId);
    expect(h.span("mandate.run").spanContext().traceId).toBe(request.spanContext().traceId);
  });
});
