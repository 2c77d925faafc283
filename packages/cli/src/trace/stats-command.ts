import type { Command } from "../cli/command.ts";
import { EXIT } from "../cli/errors.ts";
import { flagBool } from "../cli/parse.ts";
import { readTraceLines } from "./events.ts";
import { computeStats, renderStats } from "./stats.ts";

export const traceStatsCommand: Command = {
  name: "stats",
  summary: "decision counts by agent, tool, effect and rule",
  args: ["FILE"],
  flags: { json: { type: "boolean", description: "print the counts as JSON" } },
  example: "mandate trace stats out/trace.jsonl --json",
  async run({ flags, positionals }, io) {
    const stats = computeStats(await readTraceLines(positionals[0] ?? ""));
    if (flagBool(flags, "json")) io.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    else io.stdout.write(`${renderStats(stats).join("\n")}\n`);
    return EXIT.ok;
  },
};
