import type { Span, SpanContext } from "@opentelemetry/api";
import { BoundedMap } from "./bounded-map.ts";
import { ATTR_MANDATE_INTERRUPTED, ATTR_MANDATE_UNFINISHED } from "./semconv.ts";

export type SpanRole = "run" | "agent" | "tool";

/** Why the sink ended a span the trace had not ended. */
export type ForcedEnd = "interrupted" | "parent_ended" | "run_ended" | "closed" | "evicted";

/** What outlives a span's end: enough to parent a late child under it, or to link to it. */
export interface SpanFacts {
  readonly role: SpanRole;
  readonly context: SpanContext;
  /** The key of the run span this span belongs to, when it belongs to one. */
  readonly runKey: string | undefined;
  readonly thread: string | undefined;
  /** The agent label (`agent` field): the agent itself, or the agent that called the tool. */
  readonly agent: string | undefined;
  /** A tool call paused for a human when it ended: its continuation links back to it. */
  awaitingApproval: boolean;
}

export interface OpenSpan extends SpanFacts {
  readonly key: string;
  readonly span: Span;
  readonly parentKey: string | undefined;
  readonly children: Set<string>;
  /** The root mandate's jti (run spans). */
  readonly jti?: string | undefined;
  /** A finished tool call whose span stays open until the agent it handed off to starts. */
  deferredEnd: Date | undefined;
}

/**
 * The open spans by trace span id, and what is remembered of ended ones. Ending a span ends its
 * open descendants first, marked with the reason; both maps are bounded.
 */
export class SpanStore {
  readonly #open = new Map<string, OpenSpan>();
  readonly #ended: BoundedMap<string, SpanFacts>;
  /** Spans the sink ended for a reason other than an interrupt. */
  unfinished = 0;

  constructor(
    private readonly maxOpen: number,
    maxRemembered: number,
  ) {
    this.#ended = new BoundedMap(maxRemembered);
  }

  get size(): number {
    return this.#open.size;
  }

  get(key: string): OpenSpan | undefined {
    return this.#open.get(key);
  }

  ended(key: string): SpanFacts | undefined {
    return this.#ended.get(key);
  }

  /** Open spans, newest first. */
  newestFirst(): OpenSpan[] {
    return [...this.#open.values()].reverse();
  }

  /** Whether a tool call under `key` is still waiting for a human (its run is paused, not done). */
  hasPausedCall(key: string): boolean {
    const entry = this.#open.get(key);
    if (entry === undefined) return false;
    return [...entry.children].some(
      (child) => this.#open.get(child)?.awaitingApproval === true || this.hasPausedCall(child),
    );
  }

  add(entry: OpenSpan, now: Date): void {
    this.#open.set(entry.key, entry);
    if (entry.parentKey !== undefined) this.#open.get(entry.parentKey)?.children.add(entry.key);
    // Only the oldest span goes, not its subtree: its children are still ended by their run or
    // by close().
    while (this.#open.size > this.maxOpen) {
      const oldest = this.#open.keys().next();
      if (oldest.done === true) break;
      this.#endOne(oldest.value, now, "evicted");
    }
  }

  /**
   * Ends `key` at `time` (a finished tool call waiting for its handoff ends at its own time), after
   * its open descendants, which are marked with `forChildren`.
   */
  end(key: string, time: Date, forChildren: ForcedEnd = "parent_ended"): void {
    const entry = this.#open.get(key);
    if (entry === undefined) return;
    for (const child of [...entry.children]) this.forceEnd(child, time, forChildren);
    this.#endOne(key, time, undefined);
  }

  /** Ends the open spans of a run that are not under its run span any more (reparented, orphaned). */
  endRunMembers(runKey: string, time: Date, reason: ForcedEnd): void {
    for (const entry of this.newestFirst()) {
      if (entry.runKey === runKey && entry.key !== runKey) this.forceEnd(entry.key, time, reason);
    }
  }

  /** Ends `key` and its descendants, marking every span that had not finished by itself. */
  forceEnd(key: string, time: Date, reason: ForcedEnd): void {
    const entry = this.#open.get(key);
    if (entry === undefined) return;
    for (const child of [...entry.children]) this.forceEnd(child, time, reason);
    this.#endOne(key, time, reason);
  }

  #endOne(key: string, time: Date, reason: ForcedEnd | undefined): void {
    const entry = this.#open.get(key);
    if (entry === undefined) return;
    this.#open.delete(key);
    if (entry.parentKey !== undefined) this.#open.get(entry.parentKey)?.children.delete(key);
    const { role, context, runKey, thread, agent, awaitingApproval } = entry;
    this.#ended.set(key, { role, context, runKey, thread, agent, awaitingApproval });
    if (entry.deferredEnd !== undefined) {
      entry.span.end(entry.deferredEnd); // it did finish; only the handoff link is missing
      return;
    }
    if (reason === "interrupted") entry.span.setAttribute(ATTR_MANDATE_INTERRUPTED, true);
    else if (reason !== undefined) {
      entry.span.setAttribute(ATTR_MANDATE_UNFINISHED, reason);
      this.unfinished++;
    }
    entry.span.end(time);
  }
}
