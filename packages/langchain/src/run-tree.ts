/** What the tracer remembers about an open LangChain run. */
export interface OpenRun {
  readonly parent: string | undefined;
  /** Whether this run is a span in the Mandate trace (agents, model calls). */
  readonly recorded: boolean;
  readonly info: Readonly<Record<string, unknown>>;
}

const MAX_OPEN_RUNS = 10_000;

/**
 * The open runs of the LangChain tree, so each traced hop can name its nearest traced ancestor as
 * parent (a model call's parent is its agent, not the `model_request` node between them).
 * Bounded: runs that never end (an aborted run) are forgotten after MAX_OPEN_RUNS newer ones.
 */
export class RunTree {
  readonly #runs = new Map<string, OpenRun>();

  add(
    runId: string,
    parent: string | undefined,
    recorded: boolean,
    info: Record<string, unknown> = {},
  ): void {
    this.#runs.set(runId, { parent, recorded, info });
    if (this.#runs.size > MAX_OPEN_RUNS) {
      const oldest = this.#runs.keys().next().value;
      if (oldest !== undefined) this.#runs.delete(oldest);
    }
  }

  take(runId: string): OpenRun | undefined {
    const run = this.#runs.get(runId);
    this.#runs.delete(runId);
    return run;
  }

  /** The closest traced run at or above `runId`; the raw id when the chain is unknown. */
  recordedAncestor(runId: string | undefined): string | undefined {
    let current = runId;
    for (let hops = 0; current !== undefined && hops < 1000; hops++) {
      const run = this.#runs.get(current);
      if (run === undefined) return current;
      if (run.recorded) return current;
      current = run.parent;
    }
    return runId;
  }
}
