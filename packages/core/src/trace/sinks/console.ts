import { escapeForTerminal } from "../safe-text.ts";
import type { TraceEvent, TraceSink } from "../types.ts";

export interface ConsoleSinkOptions {
  /** Where lines go. Default `process.stderr` (stdout may be the agent's own output). */
  readonly stream?: { write(text: string): unknown };
  /** Width of the agent column. Default 12. */
  readonly agentWidth?: number;
}

/**
 * One readable line per hop, e.g.
 * `12:00:00.123 researcher    tool.decision     read_doc  allow  [reads-within-intent]`.
 * Every field is passed through `escapeForTerminal`: a tool argument or agent name can never move
 * the cursor, recolour the line or flip its direction (L-06). Times are UTC, from the event.
 */
export function consoleSink(options: ConsoleSinkOptions = {}): TraceSink {
  const stream = options.stream ?? process.stderr;
  if (typeof stream?.write !== "function") throw new TypeError("`stream` must have write(text)");
  const agentWidth = options.agentWidth ?? 12;
  return {
    name: "console",
    write(event: TraceEvent): void {
      stream.write(`${formatLine(event, agentWidth)}\n`);
    },
  };
}

/** The console line for one event (exported for viewers and snapshot tests). */
export function formatLine(event: TraceEvent, agentWidth = 12): string {
  const time = typeof event.ts === "string" ? event.ts.slice(11, 23) : "";
  const parts = [time, text(event.agent ?? "-").padEnd(agentWidth), text(event.kind).padEnd(17)];
  for (const detail of details(event)) parts.push(detail);
  return parts.join(" ").trimEnd();
}

function details(e: TraceEvent): string[] {
  const out: string[] = [];
  if (e.kind === "trace.checkpoint") {
    out.push(`#${text(e.headSeq)}`, e.final === true ? "final" : "", `kid=${text(e.kid).slice(0, 12)}`);
    return out.filter((s) => s !== "");
  }
  const subject = e.tool ?? e.name ?? e.jti;
  if (subject !== undefined) out.push(` ${text(subject)}`);
  const verdict =
    e.effect ??
    (e.approved === true ? "approved" : e.approved === false ? "rejected" : undefined) ??
    outcome(e);
  if (verdict !== undefined) out.push(` ${text(verdict)}`);
  if (Array.isArray(e.ruleIds) && e.ruleIds.length > 0) out.push(` [${e.ruleIds.map(text).join(", ")}]`);
  if (e.monitor === true || (Array.isArray(e.wouldFlip) && e.wouldFlip.length > 0)) out.push(" (monitor)");
  if (typeof e.durationMs === "number") out.push(` ${e.durationMs}ms`);
  return out;
}

function outcome(e: TraceEvent): string | undefined {
  if (e.kind === "tool.result") return "ok";
  if (e.kind === "tool.error") {
    const error = e.error;
    if (typeof error === "object" && error !== null && !Array.isArray(error)) {
      const { code, name } = error as { code?: unknown; name?: unknown };
      return `error ${text(code ?? name ?? "")}`.trim();
    }
    return "error";
  }
  return undefined;
}

function text(value: unknown): string {
  return escapeForTerminal(typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
}
