import { describe, expect, it } from "vitest";
import { createTracer, memorySink, type TraceEvent, verifyTrace } from "../../src/index.ts";
import { makeKey, realisticRecords, steppingClock } from "./helpers.ts";

async function run(alg: "EdDSA" | "ES256" = "EdDSA", clock = steppingClock()) {
  const key = await makeKey(alg);
  const sink = memorySink();
  const tracer = createTracer({ sinks: [sink], signer: key.signer, checkpointEvery: 5, clock });
  for (const r of realisticRecords(12)) tracer.emit(r);
  return { key, sink, tracer };
}

describe("verifyTrace", () => {
  it("verifies ES256 checkpoints as well as EdDSA, from an async iterable", async () => {
    const { key, sink, tracer } = await run("ES256");
    await tracer.close();
    async function* events() {
      yield* sink.events;
    }
    expect(await verifyTrace(events(), { keys: [key.jwk] })).toMatchObject({
      ok: true,
      events: 15,
      checkpoints: 3,
    });
  });

  it("an unknown kid fails at the first checkpoint", async () => {
    const { sink, tracer } = await run();
    await tracer.close();
    const other = await makeKey();
    expect(await verifyTrace(sink.events, { keys: { keys: [other.jwk] } })).toMatchObject({
      ok: false,
      firstBadSeq: 6,
      problem: "checkpoint key unknown",
      code: "trace.signature_invalid",
    });
  });

  it("a run in progress verifies against a supplied head with requireFinal: false", async () => {
    const { key, sink, tracer } = await run();
    const head = tracer.head();
    const opts = { keys: [key.jwk], head, requireFinal: false };
    expect(await verifyTrace(sink.events, opts)).toMatchObject({ ok: true, events: 14 });
    expect(await verifyTrace(sink.events.slice(0, 13), opts)).toMatchObject({
      ok: false,
      firstBadSeq: 14,
      code: "trace.truncated",
      problem: "truncated: supplied head not reached",
    });
    expect(await verifyTrace(sink.events, { ...opts, head: { seq: 3, hash: "0".repeat(64) } })).toMatchObject(
      {
        ok: false,
        firstBadSeq: 3,
        problem: "head mismatch",
      },
    );
  });

  it("a backwards clock is reported as a time anomaly but does not fail (L-12)", async () => {
    const times = [5, 6, 1, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
    let i = 0;
    const { key, sink, tracer } = await run(
      "EdDSA",
      () => new Date(Date.UTC(2026, 0, 1) + (times[i++] ?? 99) * 1000),
    );
    await tracer.close();
    const result = await verifyTrace(sink.events, { keys: [key.jwk] });
    expect(result).toMatchObject({ ok: true, warnings: ["time anomaly at seq 3"] });
  });

  it("a malformed event and an empty trace are not ok", async () => {
    const { key, sink, tracer } = await run();
    await tracer.close();
    const broken = [...sink.events];
    broken[2] = { ...broken[2], seq: "3" } as unknown as TraceEvent;
    expect(await verifyTrace(broken, { keys: [key.jwk] })).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      problem: "malformed event",
    });
    expect(await verifyTrace([], { keys: [key.jwk] })).toMatchObject({
      ok: false,
      firstBadSeq: 1,
      code: "trace.truncated",
    });
  });

  it("a checkpoint whose head fields disagree with its position fails", async () => {
    const { key, sink, tracer } = await run();
    await tracer.close();
    const events = sink.events.map((e) => (e.seq === 6 ? ({ ...e, headSeq: 4 } as TraceEvent) : e));
    const result = await verifyTrace(events, { keys: [key.jwk] });
    expect(result).toMatchObject({ ok: false, firstBadSeq: 6, problem: "hash mismatch" });
  });

  it("misuse is a TypeError", async () => {
    await expect(verifyTrace([], { keys: "x" as never })).rejects.toThrow(TypeError);
  });
});
