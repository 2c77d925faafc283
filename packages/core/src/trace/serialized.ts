import type { JsonValue } from "../json.ts";
import { canonicalJson } from "./canonical.ts";
import { JsonCopier } from "./normalize.ts";
import type { TraceEvent, TraceSink } from "./types.ts";

/**
 * Sinks that store the JSONL line itself (the file sink) register here, and the tracer hands them
 * the line it computed while sealing the event instead of the event. Keyed by sink, looked up once
 * per tracer: nothing is kept per event, which a per-event map would cost on every `emit`.
 */
export interface LineWriter {
  /** The sink's `write` when it registered: if someone replaced it since, theirs is called. */
  readonly write: TraceSink["write"];
  readonly writeLine: (line: string) => void;
}

const lineWriters = new WeakMap<TraceSink, LineWriter>();

export function registerLineWriter(sink: TraceSink, writeLine: (line: string) => void): void {
  lineWriters.set(sink, { write: sink.write, writeLine });
}

export function lineWriterOf(sink: TraceSink): LineWriter | undefined {
  return lineWriters.get(sink);
}

/**
 * The JSONL line of an event handed to a sink by anything but a tracer: its RFC 8785 text, the
 * very line the tracer makes for an event it sealed. Values that are not JSON are copied as
 * `JSON.stringify` would see them first.
 */
export function lineOf(event: TraceEvent): string {
  return canonicalJson(new JsonCopier().copy(event) as JsonValue);
}
