import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { MandateError } from "../errors.ts";
import type { TraceEvent } from "./types.ts";

/**
 * The lines of a JSONL file, split on "\n" only (a JSON text never holds a raw "\n"; CR, U+2028
 * and U+2029 are not line ends here). Whitespace-only lines are skipped. Streams: a large trace is
 * never read into memory at once.
 */
export async function* readTraceLines(path: string): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of createReadStream(path)) {
    rest += decoder.write(chunk as Buffer);
    let newline = rest.indexOf("\n");
    while (newline !== -1) {
      const line = rest.slice(0, newline);
      rest = rest.slice(newline + 1);
      if (line.trim() !== "") yield line;
      newline = rest.indexOf("\n");
    }
  }
  rest += decoder.end();
  if (rest.trim() !== "") yield rest;
}

/**
 * The events of a JSONL trace file, in file order, unverified (use `verifyTrace` for that).
 * A line that is not a JSON object throws `TRACE_TAMPERED` naming its line number.
 */
export async function* readTraceFile(path: string): AsyncGenerator<TraceEvent> {
  let line = 0;
  for await (const text of readTraceLines(path)) {
    line++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new MandateError("TRACE_TAMPERED", `trace line ${line} is not a JSON object`, {
        details: { line },
      });
    }
    yield value as TraceEvent;
  }
}
