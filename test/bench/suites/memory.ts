/**
 * Memory: heap after 100,000 decisions in one task. The guard keeps per task a bounded window of
 * recent calls plus aggregates, so after warm-up the heap must stay flat however long the task.
 * The workload (lib/memory-child.ts) runs in a child `node --expose-gc --import tsx`, so heap
 * is read after a full GC in a process that runs nothing else (the `pnpm bench` script has no
 * --expose-gc, and package.json is not this suite's to change). Heap is sampled at 1k (warm-up),
 * 10k, 25k, 50k, 75k and 100k decisions. "Flat": growth from 10k to 100k under 1 MiB, i.e. under
 * 12 bytes per decision — a leak of even one small object per decision would be several MiB.
 * Run alone: `npx tsx test/bench/suites/memory.ts`.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const FLAT_LIMIT_BYTES = 1 << 20;

interface ChildReport {
  readonly heap: Record<string, number>;
  readonly effects: { readonly allow: number; readonly deny: number; readonly approve: number };
  readonly decisions: number;
  readonly events: number;
  readonly sinkFailures: number;
}

function runChild(): Promise<ChildReport> {
  const script = join(import.meta.dirname, "..", "lib", "memory-child.ts");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--expose-gc", "--import", "tsx", script],
      { maxBuffer: 1 << 20, timeout: 240_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`memory child failed: ${stderr.trim() || error.message}`));
        const line = stdout.trim().split("\n").at(-1) ?? "";
        resolve(JSON.parse(line) as ChildReport);
      },
    );
  });
}

export default async function run(): Promise<Record<string, number | boolean>> {
  const report = await runChild();
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 100) / 100;
  const heap = (n: number) => {
    const value = report.heap[String(n)];
    if (value === undefined) throw new Error(`no heap sample at ${n}`);
    return value;
  };
  const growth = heap(100_000) - heap(10_000);
  if (report.decisions < 100_000) throw new Error(`only ${report.decisions} decisions were made`);
  return {
    heapAt1kMiB: mib(heap(1_000)),
    heapAt10kMiB: mib(heap(10_000)),
    heapAt25kMiB: mib(heap(25_000)),
    heapAt50kMiB: mib(heap(50_000)),
    heapAt75kMiB: mib(heap(75_000)),
    heapAt100kMiB: mib(heap(100_000)),
    growth10kTo100kKiB: Math.round(growth / 1024),
    bytesPerDecisionAfterWarmup: Math.round((growth / 90_000) * 100) / 100,
    flat: growth < FLAT_LIMIT_BYTES,
    decisions: report.decisions,
    allowed: report.effects.allow,
    denied: report.effects.deny,
    approvals: report.effects.approve,
    traceEvents: report.events,
    sinkFailures: report.sinkFailures,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.table(await run());
}
