/**
 * Guarded against unguarded: an agent loop of 200 no-op tool calls driven by a scripted model.
 * Three pairs: a LangGraph StateGraph with `ToolNode` vs `createGuardedToolNode`; the same with a
 * `createGuardNode` in front of the guarded tool node (DESIGN's layout); `createAgent` without and
 * with `mandateMiddleware`. The guard is the deployment one (lib/guard.ts): the bench policy, a
 * JSONL trace with hash chain and signed checkpoints, a cached mandate. No checkpointer on either
 * side, so the ratio is not diluted by one.
 *
 * Method: each pair runs in a fresh process of its own (lib/loop-child.ts), as a deployment runs
 * one agent style, so JIT state left by other suites or pairs does not leak into the figures.
 * Inside it the two sides alternate, round by round; times are medians (and p99) over 16 rounds
 * after 2 warm-up rounds, and each ratio is the median of the per-round ratios, so a slow moment
 * of the machine slows both sides of its own ratio. Every run is checked: 200 tool runs, 200
 * allowed decisions when guarded, the model's final answer last. The guard-node layout adds a
 * third graph node to every turn, so its ratio carries LangGraph's cost of that node; reported,
 * not a target. Run alone: `npx tsx test/bench/suites/loop.ts`.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ratio } from "../lib/measure.ts";

const CALLS = 200;
const ROUNDS = 16;
const PAIRS = [
  { pair: "toolNode", plain: "toolNode", guarded: "guardedToolNode", ratioName: "guardedToolNodeVsToolNode" },
  { pair: "guardNode", plain: "toolNodeB", guarded: "guardNode", ratioName: "guardNodeVsToolNode" },
  {
    pair: "createAgent",
    plain: "createAgent",
    guarded: "createAgentMiddleware",
    ratioName: "middlewareVsCreateAgent",
  },
] as const;

interface PairReport {
  readonly plain: number[];
  readonly guarded: number[];
  readonly sinkFailures: number;
}

function runPair(pair: string): Promise<PairReport> {
  const script = join(import.meta.dirname, "..", "lib", "loop-child.ts");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, pair, String(ROUNDS), String(CALLS)],
      { maxBuffer: 1 << 20, timeout: 180_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`loop pair ${pair} failed: ${stderr.trim() || error.message}`));
        resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as PairReport);
      },
    );
  });
}

export default async function run(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let sinkFailures = 0;
  for (const { pair, plain, guarded, ratioName } of PAIRS) {
    const report = await runPair(pair);
    sinkFailures += report.sinkFailures;
    const sides = [
      [plain, report.plain],
      [guarded, report.guarded],
    ] as const;
    for (const [name, ms] of sides) {
      const sorted = [...ms].sort((a, b) => a - b);
      out[`${name}MedianMs`] = round2(quantile(sorted, 0.5));
      out[`${name}P99Ms`] = round2(quantile(sorted, 0.99));
    }
    const perRound = report.guarded.map((g, i) => g / report.plain[i]!).sort((a, b) => a - b);
    out[ratioName] = ratio(quantile(perRound, 0.5), 1);
    if (pair === "toolNode") {
      out.guardCostPerCallUs = Math.round(
        ((out[`${guarded}MedianMs`]! - out[`${plain}MedianMs`]!) * 1000) / CALLS,
      );
    }
  }
  out.toolCallsPerRun = CALLS;
  out.rounds = ROUNDS;
  out.sinkFailures = sinkFailures;
  return out;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.table(await run());
}
