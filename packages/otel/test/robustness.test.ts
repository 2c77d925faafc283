import { TRACE_SCHEMA, type TraceEvent } from "@mandate/core";
import { otelSink } from "@mandate/otel";
import type { Span, Tracer } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { BoundedMap } from "../src/bounded-map.ts";
import { at, harness, idOf, parentOf } from "./harness.ts";
import { inMemoryProvider } from "./span-tree.ts";

// Telemetry never breaks the agent: whatever the sink is fed and whatever its tracer does, write
// and close do not throw, and every failure is counted.

let seq = 0;
/** A raw event as a producer or an edited file might hand it over: only the envelope is filled. */
const raw = (fields: Record<string, unknown>) =>
  ({
    v: TRACE_SCHEMA,
    seq: ++seq,
    ts: "2026-03-01T09:00:01.000Z",
    prev: "",
    hash: "",
    span: `s${seq}`,
    ...fields,
  }) as unknown as TraceEvent;

describe("malformed and out-of-order events", () => {
  it("never throw; events that fit no span are ignored and counted", async () => {
    const { exporter, provider } = inMemoryProvider();
    const sink = otelSink({ tracerProvider: provider });
    const hostile = Object.defineProperty({}, "kind", {
      get() {
        throw new Error("boom");
      },
    }) as TraceEvent;
    const fed: unknown[] = [
      null,
      42,
      "tool.request",
      {},
      raw({ kind: 5 }),
      raw({ kind: "no.such.kind" }),
      raw({ kind: "agent.end", span: "never-started" }), // an end before its start
      raw({ kind: "run.end", thread: "nobody" }),
      raw({ kind: "handoff", span: undefined, callId: undefined, to: "x" }),
      raw({ kind: "agent.start", span: "" }),
      raw({
        kind: "tool.decision",
        span: "d-1",
        ts: "not a date",
        effect: "deny",
        ruleIds: "r",
        depth: "1",
        reason: 7,
      }),
      raw({ kind: "policy.load" }),
      raw({ kind: "trace.checkpoint" }),
      hostile,
    ];
    for (const event of fed) expect(() => sink.write(event as TraceEvent)).not.toThrow();
    await expect(sink.close()).resolves.toBeUndefined();
    expect(sink.stats()).toEqual({ events: 14, spans: 1, open: 0, unfinished: 0, ignored: 12, failures: 1 });

    // The one span: a denied call (no code: error.type _OTHER) with only the well-typed fields.
    const [denied] = exporter.getFinishedSpans();
    expect(denied?.name).toBe("execute_tool");
    expect(denied?.attributes).toEqual({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.call.id": "d-1",
      "mandate.decision": "deny",
      "error.type": "_OTHER",
    });
  });

  it("an end before its start is ignored; the start then opens a span that close() ends, marked", async () => {
    const h = harness();
    h.emit(
      { kind: "agent.end", span: "a-1", agent: "w", thread: "t", ok: true },
      { kind: "agent.start", span: "a-1", agent: "w", name: "w", thread: "t" },
      {
        kind: "tool.request",
        span: "c-1",
        callId: "c-1",
        parent: "a-1",
        agent: "w",
        thread: "t",
        tool: "search",
      },
    );
    expect(h.spans()).toHaveLength(0);
    await h.sink.close();
    const [tool, agent] = h.spans();
    expect([tool?.name, agent?.name]).toEqual(["execute_tool search", "invoke_agent w"]);
    expect(tool?.attributes["mandate.unfinished"]).toBe("closed");
    expect(agent?.attributes["mandate.unfinished"]).toBe("closed");
    expect(tool?.endTime).toEqual(at(3)); // the last event's time, not the wall clock
    expect(agent?.endTime).toEqual(at(3));
    expect(parentOf(tool!)).toBe(idOf(agent!));
    expect(h.sink.stats()).toEqual({ events: 3, spans: 2, open: 0, unfinished: 2, ignored: 1, failures: 0 });
  });

  it("close() is idempotent; events after it are ignored, and a finished handoff ends at its own time", async () => {
    const h = harness();
    h.emit(
      { kind: "agent.start", span: "sup", agent: "sup", name: "sup", thread: "t" },
      {
        kind: "tool.request",
        span: "c-1",
        callId: "c-1",
        parent: "sup",
        agent: "sup",
        thread: "t",
        tool: "delegate_to_w",
      },
      {
        kind: "handoff",
        span: "c-1",
        callId: "c-1",
        parent: "sup",
        agent: "sup",
        thread: "t",
        tool: "delegate_to_w",
        to: "w",
        outcome: "delegated",
      },
      {
        kind: "tool.result",
        span: "c-1",
        callId: "c-1",
        parent: "sup",
        agent: "sup",
        thread: "t",
        tool: "delegate_to_w",
      },
      { kind: "model.call", span: "m-1", parent: "sup", agent: "sup", thread: "t", model: "m" },
    );
    expect(h.spans().map((s) => s.name)).toEqual(["chat m"]); // the handoff waits for its agent
    await Promise.all([h.sink.close(), h.sink.close()]);
    h.emit({ kind: "agent.start", span: "w-1", agent: "w", name: "w", thread: "t" });
    const tool = h.span("execute_tool delegate_to_w");
    expect(tool.endTime).toEqual(at(4));
    expect(tool.attributes["mandate.unfinished"]).toBeUndefined();
    expect(h.span("invoke_agent sup").attributes["mandate.unfinished"]).toBe("closed");
    expect(h.spans()).toHaveLength(3);
    expect(h.sink.stats()).toEqual({ events: 5, spans: 3, open: 0, unfinished: 1, ignored: 1, failures: 0 });
  });
});

describe("a failing tracer or provider", () => {
  const events = [
    raw({ kind: "run.start", thread: "t", jti: "j" }),
    raw({ kind: "agent.start", span: "a", agent: "w", name: "w", thread: "t" }),
    raw({ kind: "tool.request", span: "c", callId: "c", parent: "a", thread: "t", tool: "search" }),
    raw({ kind: "tool.result", span: "c", callId: "c", parent: "a", thread: "t", tool: "search" }),
    raw({ kind: "run.end", thread: "t", status: "completed" }),
  ];

  it("a tracer whose startSpan throws: every write is a counted failure, none throws", async () => {
    const tracer = {
      startSpan() {
        throw new Error("exporter on fire");
      },
      startActiveSpan() {
        throw new Error("exporter on fire");
      },
    } as unknown as Tracer;
    const sink = otelSink({ tracer });
    for (const event of events) expect(() => sink.write(event)).not.toThrow();
    await expect(sink.close()).resolves.toBeUndefined();
    // run.start, agent.start and tool.request fail; tool.result then fails too (no request span,
    // it tries to open one); run.end finds no run: ignored.
    expect(sink.stats()).toEqual({ events: 5, spans: 0, open: 0, unfinished: 0, ignored: 1, failures: 4 });
  });

  it("spans whose methods throw: counted failures; close() still resolves", async () => {
    const { provider } = inMemoryProvider();
    const real = provider.getTracer("t");
    const brittle = (span: Span): Span =>
      new Proxy(span, {
        get(target, key, receiver) {
          if (key === "end" || key === "setAttributes")
            return () => {
              throw new Error("nope");
            };
          return Reflect.get(target, key, receiver);
        },
      });
    const tracer = {
      ...real,
      startSpan: (...a: Parameters<Tracer["startSpan"]>) => brittle(real.startSpan(...a)),
    } as Tracer;
    const sink = otelSink({ tracer });
    for (const event of events) expect(() => sink.write(event)).not.toThrow();
    await expect(sink.close()).resolves.toBeUndefined();
    // tool.request, tool.result and run.end throw in setAttributes; at close each of the three
    // open spans throws in end(), and one failing does not keep the others open.
    expect(sink.stats()).toEqual({ events: 5, spans: 3, open: 0, unfinished: 3, ignored: 0, failures: 6 });
  });

  it("a provider whose forceFlush rejects: flush() and close() resolve and count it", async () => {
    const { provider } = inMemoryProvider();
    provider.forceFlush = () => Promise.reject(new Error("collector down"));
    const sink = otelSink({ tracerProvider: provider });
    await expect(sink.flush()).resolves.toBeUndefined();
    await expect(sink.close()).resolves.toBeUndefined();
    expect(sink.stats().failures).toBe(2);
  });
});

describe("bounded memory", () => {
  it("past maxOpenSpans the oldest open span is ended, marked evicted", () => {
    const h = harness({ maxOpenSpans: 3 });
    for (let i = 1; i <= 5; i++)
      h.emit({ kind: "agent.start", span: `a-${i}`, agent: `w${i}`, name: `w${i}`, thread: "t" });
    expect(h.spans().map((s) => [s.name, s.attributes["mandate.unfinished"], s.endTime])).toEqual([
      ["invoke_agent w1", "evicted", at(4)],
      ["invoke_agent w2", "evicted", at(5)],
    ]);
    expect(h.sink.stats()).toMatchObject({ open: 3, spans: 5, unfinished: 2 });
  });

  it("BoundedMap forgets the oldest entries and refreshes on set", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 3); // refreshed: now the newest
    map.set("c", 4);
    expect([map.get("a"), map.get("b"), map.get("c"), map.size]).toEqual([3, undefined, 4, 2]);
  });
});

describe("options", () => {
  it("misuse is a TypeError at construction", () => {
    const { provider } = inMemoryProvider();
    const tracer = provider.getTracer("x");
    expect(() => otelSink({ tracer, tracerProvider: provider })).toThrow(
      new TypeError("give otelSink() a `tracer` or a `tracerProvider`, not both"),
    );
    expect(() => otelSink({ tracer: {} as Tracer })).toThrow(
      new TypeError("`tracer` must be an OpenTelemetry Tracer"),
    );
    expect(() =>
      otelSink({ tracerProvider: provider, captureArguments: "yes" as unknown as boolean }),
    ).toThrow(new TypeError("`captureArguments` must be a boolean"));
    expect(() => otelSink({ tracerProvider: provider, maxOpenSpans: 0 })).toThrow(
      new TypeError("`maxOpenSpans` must be a positive integer"),
    );
    expect(() => otelSink(null as never)).toThrow(new TypeError("otelSink() needs an options object"));
  });

  it("without a tracer or provider it uses the global provider (a no-op until one is registered)", async () => {
    const sink = otelSink();
    expect(sink.name).toBe("otel");
    sink.write(raw({ kind: "agent.start", span: "a", agent: "w", name: "w" }));
    await sink.close();
    expect(sink.stats()).toEqual({ events: 1, spans: 1, open: 0, unfinished: 1, ignored: 0, failures: 0 });
  });
});
