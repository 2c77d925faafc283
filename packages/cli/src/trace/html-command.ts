import { writeFile } from "node:fs/promises";
import type { Command } from "../cli/command.ts";
import { CliError, EXIT } from "../cli/errors.ts";
import { describeFsError } from "../cli/files.ts";
import { flagString } from "../cli/parse.ts";
import { safeText } from "../cli/safe-text.ts";
import { readTraceLines } from "./events.ts";
import { renderHtml } from "./html.ts";

export const traceHtmlCommand: Command = {
  name: "html",
  summary: "one self-contained HTML page: timeline, coloured decisions, filters, details on click",
  args: ["FILE"],
  flags: {
    out: {
      type: "string",
      short: "o",
      value: "OUT.html",
      description: "where to write the page",
      required: true,
    },
    title: { type: "string", value: "TEXT", description: "page title (default: the trace file name)" },
  },
  example: "mandate trace html out/trace.jsonl -o trace.html",
  details: "The page loads nothing from the network (inline CSS and JS, a strict CSP).",
  async run({ flags, positionals }, io) {
    const file = positionals[0] ?? "";
    const out = flagString(flags, "out") ?? "";
    const events = await readTraceLines(file);
    const html = renderHtml(events, { title: flagString(flags, "title") ?? file });
    try {
      await writeFile(out, html, "utf8");
    } catch (error) {
      throw new CliError(`cannot write ${JSON.stringify(out)}: ${describeFsError(error)}`);
    }
    io.stdout.write(`wrote ${safeText(out)} (${events.length} events)\n`);
    return EXIT.ok;
  },
};
