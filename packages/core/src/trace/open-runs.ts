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

  runOf(
    kind: string,
    own: string | undefined,
    thread: string | undefined,
    fallback: string | undefined,
  ): string | undefined {
    if (thread !== undefined && own !== undefined && kind === "run.start") this.#open(thread, own);
    const run = own ?? (thread === undefined ? undefined : this.#byThread.get(thread)) ?? fallback;
    // A run.end closes its own run only: another run opened on the thread since stays open.
    if (
      thread !== undefined &&
      kind === "run.end" &&
      (own === undefined || this.#byThread.get(thread) === own)
    )
      this.#byThread.delete(thread);
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
