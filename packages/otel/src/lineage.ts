import type { TraceEvent } from "@mandate/core";
import type { SpanContext } from "@opentelemetry/api";
import { BoundedMap } from "./bounded-map.ts";
import { str, threadScoped } from "./event-fields.ts";
import type { OpenSpan, SpanFacts, SpanStore } from "./span-store.ts";

export interface ParentChoice {
  /** The parent's key when it is open (the child is then ended with it). */
  readonly key: string | undefined;
  /** Undefined: a root span (under whatever span is active in the caller's context). */
  readonly context: SpanContext | undefined;
  readonly runKey: string | undefined;
}

const ROOT: ParentChoice = { key: undefined, context: undefined, runKey: undefined };

/**
 * Where a new span goes. The event's `parent` when the sink knows it; else the run open in the
 * event's thread (the top-level agent of a run has no parent in the trace); else a root.
 *
 * One correction: a tool call resumed after an approval interrupt is recorded with the parent of
 * its first attempt, an agent span that has ended (in the earlier run, when there are runs).
 * Followed literally, the resumed call would hang under a finished agent, in the earlier trace.
 * An event whose parent has ended goes under the newest open span of the same agent in its thread
 * (the agent's continuation) instead, else under its thread's current run when the parent belongs
 * to an earlier one; the resumed call also links to its first attempt (tool-spans.ts).
 */
export class Lineage {
  /** The latest run key per thread (open or ended). */
  readonly #runs: BoundedMap<string, string>;
  /** Agent spans that ended paused for a human, by thread and agent. */
  readonly #paused: BoundedMap<string, SpanContext>;

  constructor(
    private readonly store: SpanStore,
    limit: number,
  ) {
    this.#runs = new BoundedMap(limit);
    this.#paused = new BoundedMap(limit);
  }

  agentPaused(span: OpenSpan): void {
    if (span.agent !== undefined) this.#paused.set(threadScoped(span.thread, span.agent), span.context);
  }

  /** The paused span an agent starting in `thread` continues, once. */
  takePaused(thread: string | undefined, agent: string): SpanContext | undefined {
    const key = threadScoped(thread, agent);
    const paused = this.#paused.get(key);
    this.#paused.delete(key);
    return paused;
  }

  runStarted(thread: string | undefined, key: string): void {
    if (thread !== undefined) this.#runs.set(thread, key);
  }

  /** The open run span of `thread`. */
  currentRun(thread: string | undefined): OpenSpan | undefined {
    const key = thread === undefined ? undefined : this.#runs.get(thread);
    const run = key === undefined ? undefined : this.store.get(key);
    return run?.role === "run" ? run : undefined;
  }

  /** The latest run span of `thread`, open or ended (a resumed run links to it). */
  latestRun(thread: string | undefined): SpanFacts | undefined {
    const key = thread === undefined ? undefined : this.#runs.get(thread);
    return key === undefined ? undefined : (this.store.get(key) ?? this.store.ended(key));
  }

  parentFor(event: TraceEvent): ParentChoice {
    const thread = str(event, "thread");
    const run = this.currentRun(thread);
    const parentKey = str(event, "parent");
    if (parentKey !== undefined) {
      const open = this.store.get(parentKey);
      if (open !== undefined) return choice(open);
      const ended = this.store.ended(parentKey);
      if (ended !== undefined) {
        const live = this.#liveAgent(thread, str(event, "agent"), run);
        if (live !== undefined) return choice(live);
        if (run !== undefined && ended.runKey !== undefined && ended.runKey !== run.key) return choice(run);
        return { key: undefined, context: ended.context, runKey: ended.runKey };
      }
    }
    return run === undefined ? ROOT : choice(run);
  }

  /** The newest open span of `agent` in `thread` (and in `run`, when there is one). */
  #liveAgent(thread: string | undefined, agent: string | undefined, run: OpenSpan | undefined) {
    if (agent === undefined) return undefined;
    return this.store
      .newestFirst()
      .find(
        (s) =>
          s.role === "agent" &&
          s.agent === agent &&
          s.thread === thread &&
          (run === undefined || s.runKey === run.key),
      );
  }
}

function choice(span: OpenSpan): ParentChoice {
  return { key: span.key, context: span.context, runKey: span.runKey };
}
