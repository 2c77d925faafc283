import type { TraceEvent, TraceSink } from "../types.ts";

export interface MemorySink extends TraceSink {
  /** Every event written, in order (the array is live). */
  readonly events: TraceEvent[];
}

/** Keeps events in an array: for tests, and for reading a run back in-process. */
export function memorySink(): MemorySink {
  const events: TraceEvent[] = [];
  return {
    name: "memory",
    events,
    write(event: TraceEvent): void {
      events.push(event);
    },
  };
}
