/**
 * Trace throughput: events/s through `createTracer` (JSON copy, RFC 8785 canonical form, sha256
 * chain, a signed Ed25519 checkpoint every 100 events) into `jsonlSink`, against a baseline of
 * plain `JSON.stringify` + the same batched append to a file. Targets: >= 100,000 events/s and
 * <= 2x the baseline's cost per event. A sample is a batch of 1,000 events written and flushed;
 * events/s come from the median batch. Run alone: `npx tsx test/bench/suites/trace.ts`.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { close, mkdtempSync, openSync, rmSync, write } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createTracer, digest, jsonlSink, type TraceRecord } from "../../../packages/core/src/index.ts";
import { measure, ratio } from "../lib/measure.ts";

const BATCH = 1_000;

function record(i: number): TraceRecord {
  return {
    kind: "tool.decision",
    run: "run-1",
    thread: "thread-1",
    agent: "researcher",
    span: `call_${i}`,
    tool: "read_doc",
    effect: "allow",
    ruleIds: ["reads-within-intent"],
    reason: "read within the declared intent",
    controls: ["OWASP-ASI02"],
    jti: "5f0c1e8a9b7d4c3e2a1f0e9d8c7b6a59",
    depth: 1,
    latencyNs: 15_000,
    args: { sha256: "a".repeat(64), size: 42, preview: '{"doc":"q3-report.pdf"}' },
  };
}

/** The baseline: the same lines, stringified and appended in batches with async fs.write. */
function plainAppender(path: string) {
  const fd = openSync(path, "a");
  let buffer: string[] = [];
  return {
    write(value: unknown) {
      buffer.push(`${JSON.stringify(value)}\n`);
    },
    flush: () =>
      new Promise<void>((resolve, reject) => {
        const chunk = Buffer.from(buffer.join(""));
        buffer = [];
        write(fd, chunk, (err) => (err ? reject(err) : resolve()));
      }),
    close: () => new Promise<void>((resolve) => close(fd, () => resolve())),
  };
}

export default async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "mandate-bench-trace-"));
  const { privateKey } = generateKeyPairSync("ed25519");
  const signer = { kid: "bench", alg: "EdDSA" as const, sign: (b: Uint8Array) => sign(null, b, privateKey) };
  const sink = jsonlSink(join(dir, "trace.jsonl"));
  const tracer = createTracer({ sinks: [sink], signer, checkpointEvery: 100 });
  const plain = plainAppender(join(dir, "plain.jsonl"));
  const records = Array.from({ length: BATCH }, (_, i) => record(i));
  const smallArgs = { doc: "q3-report.pdf", password: "hunter2", page: 3 };

  const timings = await measure(
    [
      {
        name: "traced",
        async: true,
        fn: async () => {
          for (const r of records) tracer.emit(r);
          await sink.flush();
        },
      },
      {
        name: "plain",
        async: true,
        fn: async () => {
          for (const r of records) plain.write(r);
          await plain.flush();
        },
      },
      { name: "digest", fn: () => digest(smallArgs) },
    ],
    { time: 1_500, warmupTime: 300 },
  );
  await tracer.close();
  await plain.close();
  rmSync(dir, { recursive: true, force: true });

  const traced = timings.traced!;
  const baseline = timings.plain!;
  return {
    tracedEventsPerSec: Math.round((BATCH * 1e9) / traced.medianNs),
    plainEventsPerSec: Math.round((BATCH * 1e9) / baseline.medianNs),
    tracedNsPerEvent: Math.round(traced.medianNs / BATCH),
    tracedP99NsPerEvent: Math.round(traced.p99Ns / BATCH),
    plainNsPerEvent: Math.round(baseline.medianNs / BATCH),
    costRatioVsPlain: ratio(traced.medianNs, baseline.medianNs),
    digestMedianNs: timings.digest!.medianNs,
    digestP99Ns: timings.digest!.p99Ns,
    checkpoints: tracer.stats().checkpoints,
    sinkFailures: tracer.stats().sinkFailures,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.table(await run());
}
