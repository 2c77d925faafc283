import { COLOR_FLAGS, paletteFor } from "../cli/color.ts";
import type { Command } from "../cli/command.ts";
import { EXIT } from "../cli/errors.ts";
import { readTraceLines } from "./events.ts";
import { renderTree } from "./view.ts";

export const traceViewCommand: Command = {
  name: "view",
  summary: "the hop tree in the terminal: agents, tool calls, decisions, handoffs, approvals, timings",
  args: ["FILE"],
  flags: { ...COLOR_FLAGS },
  example: "mandate trace view examples/supervisor/out/trace.jsonl",
  details:
    "Text from the trace is shown with control characters, bidi overrides and line separators\n" +
    "escaped as \\uXXXX, so a trace cannot drive the terminal. Colour is on when stdout is a TTY.",
  async run({ flags, positionals }, io) {
    const colors = paletteFor(flags, io);
    const events = await readTraceLines(positionals[0] ?? "");
    const lines = events.length === 0 ? ["(no events)"] : renderTree(events, colors);
    io.stdout.write(`${lines.join("\n")}\n`);
    return EXIT.ok;
  },
};
