/**
 * Trace throughput: events/s through `createTracer` (JSON copy, RFC 8785 canonical form, sha256
 * chain, a signed Ed25519 checkpoint every 100 events) into `jsonlSink`, against a baseline of
 * plain `JSON.stringify` + the same batched append to a file. Targets: >= 100,000 events/s and
 * <= 2x the baseline's cost per event. Run alone: `npx tsx test/bench/suites/trace.ts`.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { close, mkdtempSync, openSync, rmSync, write } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { createTracer, digest, jsonlSink, type TraceRecord } from "../../../packages/core/src/index.ts";

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

  const bench = new Bench({ time: 1_500, warmupTime: 300 });
  bench
    .add("tracer + jsonl (1000 events)", async () => {
      for (const r of records) tracer.emit(r);
      await sink.flush();
    })
    .add("JSON.stringify + append (1000 events)", async () => {
      for (const r of records) plain.write(r);
      await plain.flush();
    })
    .add("digest (small args)", () => {
      digest(smallArgs);
    });
  await bench.run();
  await tracer.close();
  await plain.close();
  rmSync(dir, { recursive: true, force: true });

  const mean = (name: string): number => {
    const task = bench.getTask(name);
    const latency = task?.result && "latency" in task.result ? task.result.latency.mean : Number.NaN;
    return latency; // ms per iteration
  };
  const traced = mean("tracer + jsonl (1000 events)");
  const baseline = mean("JSON.stringify + append (1000 events)");
  const digestMs = mean("digest (small args)");
  return {
    tracedEventsPerSec: Math.round((BATCH / traced) * 1000),
    plainEventsPerSec: Math.round((BATCH / baseline) * 1000),
    costRatioVsPlain: traced / baseline,
    digestsPerSec: Math.round(1000 / digestMs),
    sinkFailures: tracer.stats().sinkFailures,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.table(await run());
}
