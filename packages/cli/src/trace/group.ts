import type { CommandGroup } from "../cli/command.ts";
import { traceHtmlCommand } from "./html-command.ts";
import { traceStatsCommand } from "./stats-command.ts";
import { traceVerifyCommand } from "./verify-command.ts";
import { traceViewCommand } from "./view-command.ts";

export const traceGroup: CommandGroup = {
  name: "trace",
  summary: "read, verify and render trace files (mandate.trace/v1 JSONL)",
  commands: [traceViewCommand, traceVerifyCommand, traceHtmlCommand, traceStatsCommand],
};
