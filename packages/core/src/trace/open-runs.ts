import type { TraceRecord } from "./types.ts";

/** Threads whose run.start has been seen without its run.end; more than this and the oldest go. */
const MAX_OPEN_RUNS = 10_000;

/**
 * Which run an event belongs to. A LangGraph thread runs one invocation at a time, so an event of a
 * thread between that thread's `run.start` and `run.end` belongs to that run, even when its producer
 * (a tool call deep inside a subgraph, a callback handler) never saw the run id. An event's own
 * `run` always wins.
 */
export class OpenRuns {
  readonly #byThread = new Map<string, string>();

  runOf(record: TraceRecord, fallback: string | undefined): string | undefined {
    const thread = typeof record.thread === "string" ? record.thread : undefined;
    const own = typeof record.run === "string" ? record.run : undefined;
    if (thread !== undefined && own !== undefined && record.kind === "run.start") this.#open(thread, own);
    const run = own ?? (thread === undefined ? undefined : this.#byThread.get(thread)) ?? fallback;
    if (thread !== undefined && record.kind === "run.end") this.#byThread.delete(thread);
    return run;
  }

  #open(thread: string, run: string): void {
    this.#byThread.delete(thread);
    this.#byThread.set(thread, run);
    if (this.#byThread.size > MAX_OPEN_RUNS) {
      const oldest = this.#byThread.keys().next().value;
      if (oldest !== undefined) this.#byThread.delete(oldest);
    }
  }
}
