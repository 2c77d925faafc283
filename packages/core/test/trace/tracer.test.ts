import { describe, expect, it } from "vitest";
import {
  createTracer,
  functionSink,
  memorySink,
  TRACE_SCHEMA,
  type TraceEvent,
  type TraceSink,
  verifyTrace,
} from "../../src/index.ts";
import { recomputeHash } from "../../src/trace/chain.ts";
import { makeKey, realisticRecords, steppingClock } from "./helpers.ts";

describe("createTracer", () => {
  it("seals records into a hash chain starting at seq 1 with prev ''", async () => {
    const sink = memorySink();
    const tracer = createTracer({ sinks: [sink], clock: steppingClock(), run: "r" });
    const a = tracer.emit({ kind: "run.start" });
    const b = tracer.emit({ kind: "tool.request", tool: "search", span: "call_1" });
    expect(a.v).toBe(TRACE_SCHEMA);
    expect(a.seq).toBe(1);
    expect(a.prev).toBe("");
    expect(a.span).toMatch(/^[0-9a-f]{16}$/);
    expect(a.run).toBe("r");
    expect(a.ts).toBe("2026-01-01T12:00:00.000Z");
    expect(b.seq).toBe(2);
    expect(b.prev).toBe(a.hash);
    expect(b.span).toBe("call_1");
    expect(recomputeHash(b)).toBe(b.hash);
    expect(Object.isFrozen(b)).toBe(true);
    expect(sink.events).toEqual([a, b]);
    expect(tracer.head()).toEqual({ seq: 2, hash: b.hash });
    expect(tracer.stats()).toEqual({ events: 2, sinkFailures: 0, checkpoints: 0, checkpointFailures: 0 });
  });

  it("stamps a thread's open run on that thread's events that carry none; an event's own run wins", () => {
    const tracer = createTracer({ clock: steppingClock() });
    const runs = [
      tracer.emit({ kind: "run.start", run: "r1", thread: "t1" }),
      tracer.emit({ kind: "run.start", run: "r2", thread: "t2" }),
      tracer.emit({ kind: "tool.request", thread: "t1" }),
      tracer.emit({ kind: "tool.request", thread: "t2" }),
      tracer.emit({ kind: "tool.request", thread: "t1", run: "own" }),
      tracer.emit({ kind: "tool.request" }),
      tracer.emit({ kind: "run.end", run: "r1", thread: "t1" }),
      tracer.emit({ kind: "tool.request", thread: "t1" }),
      tracer.emit({ kind: "run.start", run: "r3", thread: "t1" }),
      tracer.emit({ kind: "run.end", thread: "t1" }),
      tracer.emit({ kind: "tool.request", thread: "t2" }),
    ].map((e) => e.run);
    expect(runs).toEqual(["r1", "r2", "r1", "r2", "own", undefined, "r1", undefined, "r3", "r3", "r2"]);
    // overlapping runs on one thread: the first run's end leaves the second open
    const overlap = [
      tracer.emit({ kind: "run.start", run: "a", thread: "t3" }),
      tracer.emit({ kind: "run.start", run: "b", thread: "t3" }),
      tracer.emit({ kind: "run.end", run: "a", thread: "t3" }),
      tracer.emit({ kind: "tool.request", thread: "t3" }),
    ].map((e) => e.run);
    expect(overlap).toEqual(["a", "b", "a", "b"]);
  });

  it("ignores producer-supplied envelope fields and copies values as JSON", () => {
    const sink = memorySink();
    const tracer = createTracer({ sinks: [sink] });
    const nested = { n: 1, when: new Date(0), big: 10n, nan: Number.NaN, gone: undefined };
    const e = tracer.emit({
      kind: "model.call",
      seq: 99,
      hash: "x",
      prev: "y",
      v: "z",
      ts: "old",
      data: nested,
    } as never);
    expect(e.seq).toBe(1);
    expect(e.prev).toBe("");
    expect(e.v).toBe(TRACE_SCHEMA);
    expect(e.data).toEqual({ n: 1, when: "1970-01-01T00:00:00.000Z", big: "10", nan: null });
    nested.n = 2;
    expect((e.data as { n: number }).n).toBe(1);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it("does not throw on cyclic record values", () => {
    const tracer = createTracer({});
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const e = tracer.emit({ kind: "model.call", data: cyclic } as never);
    expect(e.data).toEqual({ a: 1, self: "[Circular]" });
  });

  it("rejects misuse with TypeError", () => {
    expect(() => createTracer({ checkpointEvery: 0 })).toThrow(
      new TypeError("`checkpointEvery` must be a positive integer"),
    );
    expect(() => createTracer({ sinks: [{} as TraceSink] })).toThrow(
      new TypeError("`sinks` must be an array of trace sinks"),
    );
    const tracer = createTracer({});
    expect(() => tracer.emit({ kind: "nope" } as never)).toThrow(new TypeError('unknown trace kind "nope"'));
    expect(() => tracer.emit({ kind: "trace.checkpoint" })).toThrow(
      new TypeError("trace.checkpoint events are written by the tracer"),
    );
  });

  it("writes a signed checkpoint every N events and a final one at close; close is idempotent", async () => {
    const key = await makeKey();
    const sink = memorySink();
    const tracer = createTracer({ sinks: [sink], signer: key.signer, checkpointEvery: 10 });
    for (const r of realisticRecords(25)) tracer.emit(r);
    await tracer.close();
    await tracer.close();
    const cps = sink.events.filter((e) => e.kind === "trace.checkpoint");
    expect(cps.map((e) => [e.seq, e.headSeq, e.final])).toEqual([
      [11, 10, false],
      [22, 21, false],
      [28, 27, true],
    ]);
    expect(cps[0]?.headHash).toBe(sink.events[9]?.hash);
    expect(cps[0]?.kid).toBe(key.signer.kid);
    expect(cps[0]?.alg).toBe("EdDSA");
    expect(tracer.stats().checkpoints).toBe(3);
    expect(() => tracer.emit({ kind: "run.end" })).toThrow(new TypeError("the tracer is closed"));
    expect(await verifyTrace(sink.events, { keys: { keys: [key.jwk] } })).toMatchObject({
      ok: true,
      events: 28,
    });
  });

  it("checkpoint() on demand, and not twice in a row", async () => {
    const key = await makeKey();
    const tracer = createTracer({ signer: key.signer });
    expect(tracer.checkpoint()).toBeUndefined();
    tracer.emit({ kind: "run.start" });
    const cp = tracer.checkpoint();
    expect(cp).toMatchObject({ kind: "trace.checkpoint", seq: 2, headSeq: 1, final: false });
    expect(tracer.checkpoint()).toBeUndefined();
  });

  it("counts a signer that throws and keeps emitting", () => {
    const tracer = createTracer({
      checkpointEvery: 1,
      signer: {
        kid: "k",
        alg: "EdDSA",
        sign: () => {
          throw new Error("hsm down");
        },
      },
    });
    tracer.emit({ kind: "run.start" });
    tracer.emit({ kind: "run.end" });
    expect(tracer.stats()).toMatchObject({ events: 2, checkpoints: 0, checkpointFailures: 2 });
  });

  it("falls back to the system clock when the clock is broken", () => {
    const tracer = createTracer({ clock: () => new Date(Number.NaN) });
    expect(tracer.emit({ kind: "run.start" }).ts).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe("sink failures never break or block emit", () => {
  it("a throwing, a rejecting and a stalled sink: every event still reaches the good sink", async () => {
    const good = memorySink();
    const throwing = functionSink(() => {
      throw new Error("disk full");
    }, "throwing");
    const rejecting = functionSink(() => Promise.reject(new Error("network")), "rejecting");
    const stalled: TraceSink = { name: "stalled", write: () => new Promise<void>(() => undefined) };
    const stalledFlush: TraceSink = {
      name: "stalled-flush",
      write: () => undefined,
      flush: () => new Promise(() => undefined),
    };
    const tracer = createTracer({
      sinks: [throwing, rejecting, stalled, stalledFlush, good],
      sinkTimeoutMs: 100,
    });
    const emitted: TraceEvent[] = [];
    for (let i = 0; i < 5; i++) emitted.push(tracer.emit({ kind: "model.call", i }));
    expect(good.events).toEqual(emitted);
    expect(tracer.stats().sinkFailures).toBe(5); // the synchronous throws
    await new Promise((r) => setImmediate(r));
    expect(tracer.stats().sinkFailures).toBe(10); // + the rejections, counted as they happen
    const started = Date.now();
    await tracer.flush();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(tracer.stats().sinkFailures).toBe(16); // + 5 stalled writes + 1 stalled flush
    await tracer.close();
    expect(Date.now() - started).toBeLessThan(2000);
    // close wrote no checkpoint (no signer); the stalled flush at close counts once more
    expect(tracer.stats()).toMatchObject({ events: 5, sinkFailures: 17 });
  });

  it("a sink whose close rejects is counted, close still resolves", async () => {
    const sink: TraceSink = {
      name: "bad-close",
      write: () => undefined,
      close: () => Promise.reject(new Error("x")),
    };
    const tracer = createTracer({ sinks: [sink] });
    tracer.emit({ kind: "run.start" });
    await expect(tracer.close()).resolves.toBeUndefined();
    expect(tracer.stats().sinkFailures).toBe(1);
  });
});
