/**
 * The memory suite's workload, run in a child `node --expose-gc` (see suites/memory.ts): 100,000
 * guard decisions in ONE task (one root mandate) through the deployment guard, cycling through the
 * scenario's calls (allowed, denied and approval-needing ones), every allowed call completed. Heap
 * is sampled after a full GC at each checkpoint and printed as one JSON line on stdout.
 */
import { createBenchGuard, replayHistory } from "./guard.ts";
import { historyEntries, REQUESTS } from "./scenario.ts";

const CHECKPOINTS = [1_000, 10_000, 25_000, 50_000, 75_000, 100_000];
/** An agent awaits model and tool I/O between calls; yielding lets the trace file's writes run. */
const YIELD_EVERY = 100;

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") throw new Error("run with node --expose-gc");
  const bench = await createBenchGuard("memory");
  await replayHistory(bench);
  const { guard, mandate } = bench;
  const calls = [
    ...REQUESTS.map((r) => ({ tool: r.tool, args: r.args })),
    ...historyEntries().map((e) => ({ tool: e.tool, args: e.args ?? {} })),
  ];
  const heap: Record<string, number> = {};
  const effects = { allow: 0, deny: 0, approve: 0 };
  const limit = CHECKPOINTS.at(-1)!;
  for (let n = 1; n <= limit; n++) {
    const pick = calls[n % calls.length]!;
    const call = { mandate, tool: pick.tool, args: pick.args, callId: `m_${n}`, agent: { id: "researcher" } };
    const decision = await guard.authorize(call);
    effects[decision.effect]++;
    if (decision.effect === "allow") guard.complete(call, { ok: true, result: `${pick.tool} ok` });
    if (n % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    if (CHECKPOINTS.includes(n)) {
      await bench.sink.flush();
      gc();
      gc();
      heap[n] = process.memoryUsage().heapUsed;
    }
  }
  const stats = guard.stats();
  await bench.dispose();
  process.stdout.write(
    `${JSON.stringify({ heap, effects, decisions: stats.decisions, events: stats.eventsEmitted, sinkFailures: stats.sinkFailures })}\n`,
  );
}

await main();
