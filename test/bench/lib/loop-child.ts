/**
 * One pair of the loop suite, in a process of its own (see suites/loop.ts): the unguarded loop and
 * its guarded counterpart, run alternately for warm-up plus timed rounds. Prints one JSON line:
 * the timed runs of each side in ms, in round order (so ratios can be paired by round).
 * Usage: node --import tsx lib/loop-child.ts <toolNode|guardNode|createAgent> <rounds> <calls>
 */
import { AIMessage } from "@langchain/core/messages";
import { createBenchGuard } from "./guard.ts";
import { createAgentLoop, FINAL_ANSWER, type LoopRunner, noopSearch, stateGraphLoop } from "./loop.ts";

const WARMUP_ROUNDS = 2;

async function main(): Promise<void> {
  const [pair = "", roundsText = "", callsText = ""] = process.argv.slice(2);
  const rounds = Number(roundsText);
  const calls = Number(callsText);
  const bench = await createBenchGuard(`loop-${pair}`);
  const { guard, mandate } = bench;
  const plainTool = noopSearch();
  const guardedTool = noopSearch();
  const sides: Record<"plain" | "guarded", { runner: LoopRunner; runs: () => number }> = {
    plain: {
      runner: pair === "createAgent" ? createAgentLoop(plainTool.tool) : stateGraphLoop(plainTool.tool),
      runs: plainTool.runs,
    },
    guarded: {
      runner:
        pair === "createAgent"
          ? createAgentLoop(guardedTool.tool, { guard, mandate })
          : stateGraphLoop(guardedTool.tool, { guard, mandate, guardNode: pair === "guardNode" }),
      runs: guardedTool.runs,
    },
  };
  if (!["toolNode", "guardNode", "createAgent"].includes(pair)) throw new Error(`unknown pair ${pair}`);
  const ms: Record<"plain" | "guarded", number[]> = { plain: [], guarded: [] };
  for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
    // Alternate which side goes first, so neither always runs on a freshly collected heap.
    const order = round % 2 === 0 ? (["plain", "guarded"] as const) : (["guarded", "plain"] as const);
    for (const side of order) {
      const elapsed = await timeOne(
        side,
        sides[side],
        `${pair}-${side}-${round}`,
        calls,
        () => guard.stats().allowed,
      );
      if (round >= WARMUP_ROUNDS) ms[side].push(elapsed);
    }
  }
  const sinkFailures = guard.stats().sinkFailures;
  await bench.dispose();
  process.stdout.write(`${JSON.stringify({ ...ms, sinkFailures })}\n`);
}

/** One run, timed; throws unless every call ran once, was allowed once, and the model answered. */
async function timeOne(
  side: "plain" | "guarded",
  { runner, runs }: { runner: LoopRunner; runs: () => number },
  runId: string,
  calls: number,
  allowed: () => number,
): Promise<number> {
  const go = runner.prepare(runId, calls);
  const runsBefore = runs();
  const allowedBefore = allowed();
  const started = process.hrtime.bigint();
  const messages = await go();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  const last = messages.at(-1);
  if (runs() - runsBefore !== calls) throw new Error(`${runId}: ${runs() - runsBefore} tool runs`);
  if (!(last instanceof AIMessage) || last.content !== FINAL_ANSWER)
    throw new Error(`${runId}: the run did not end with the model's answer`);
  const decided = allowed() - allowedBefore;
  if (decided !== (side === "guarded" ? calls : 0)) throw new Error(`${runId}: ${decided} allowed decisions`);
  return elapsed;
}

await main();
