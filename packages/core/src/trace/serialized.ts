import type { TraceEvent } from "./types.ts";

/**
 * The canonical JSON text the tracer computed while sealing each event (RFC 8785, `hash`
 * included), kept beside the frozen event so a file sink writes it instead of serialising again.
 * A WeakMap: it lives exactly as long as the event. Events from elsewhere have no entry.
 */
const lines = new WeakMap<TraceEvent, string>();

export function rememberLine(event: TraceEvent, line: string): void {
  lines.set(event, line);
}

/** The event as one line of JSON: the cached canonical text, else `JSON.stringify`. */
export function lineOf(event: TraceEvent): string {
  return lines.get(event) ?? JSON.stringify(event);
}
