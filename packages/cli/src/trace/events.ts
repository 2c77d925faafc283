import { CliError } from "../cli/errors.ts";
import { readTextFile } from "../cli/files.ts";

/**
 * A trace event as read from a file, before any trust: the envelope fields the schema promises,
 * the rest as unknown JSON. Views read fields through the accessors below and never assume a
 * field has its documented type, so a hand-edited or future trace still renders.
 */
export type TraceLine = Readonly<Record<string, unknown>>;

export const ENVELOPE_FIELDS: ReadonlySet<string> = new Set([
  "v",
  "seq",
  "ts",
  "run",
  "thread",
  "span",
  "parent",
  "agent",
  "kind",
  "prev",
  "hash",
]);

/** Reads a JSONL trace for display (view, stats, html): one JSON object per non-empty line. */
export async function readTraceLines(path: string): Promise<TraceLine[]> {
  const text = await readTextFile(path, "trace");
  return parseTraceLines(text, path);
}

export function parseTraceLines(text: string, path: string): TraceLine[] {
  const events: TraceLine[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CliError(`trace ${JSON.stringify(path)} line ${i + 1}: not valid JSON`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new CliError(`trace ${JSON.stringify(path)} line ${i + 1}: not a JSON object`);
    }
    events.push(value as TraceLine);
  }
  return events;
}

export function str(event: TraceLine, field: string): string | undefined {
  const value = event[field];
  return typeof value === "string" ? value : undefined;
}

export function num(event: TraceLine, field: string): number | undefined {
  const value = event[field];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function strList(event: TraceLine, field: string): string[] {
  const value = event[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function obj(event: TraceLine, field: string): TraceLine | undefined {
  const value = event[field];
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as TraceLine)
    : undefined;
}

export function kindOf(event: TraceLine): string {
  return str(event, "kind") ?? "(no kind)";
}

export function seqOf(event: TraceLine, fallback: number): number {
  return num(event, "seq") ?? fallback;
}

/** Milliseconds since the epoch of the event's `ts`, when it parses. */
export function timeOf(event: TraceLine): number | undefined {
  const ts = str(event, "ts");
  if (ts === undefined) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
}
