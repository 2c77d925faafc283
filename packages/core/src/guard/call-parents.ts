import type { TraceRecord } from "../trace/types.ts";

const MAX_ENTRIES = 4096;

/**
 * Joins a tool call to the agent whose model proposed it. A tracer records each model call with
 * the tool call ids it returned and the agent span as parent; the guard's own events for those
 * calls then take that agent span as their parent, so tool hops sit under their agent in the tree
 * (and under the `invoke_agent` span in OpenTelemetry) even when the adapter only knows the run id
 * of a node between them. Bounded: the oldest entries go first.
 */
export class CallParents {
  readonly #parents = new Map<string, string>();

  /** Learns from a recorded `model.call`; other records are ignored. */
  learn(record: TraceRecord): void {
    if (record.kind !== "model.call" || typeof record.parent !== "string") return;
    const calls = record.toolCalls;
    if (!Array.isArray(calls)) return;
    for (const call of calls) {
      const id = (call as { id?: unknown } | null)?.id;
      if (typeof id !== "string" || id.length === 0) continue;
      this.#parents.delete(id);
      this.#parents.set(id, record.parent);
      if (this.#parents.size > MAX_ENTRIES) {
        const oldest = this.#parents.keys().next().value;
        if (oldest !== undefined) this.#parents.delete(oldest);
      }
    }
  }

  /** The agent span of `callId`, else the parent the adapter supplied. */
  parentOf(callId: string | undefined, supplied: string | undefined): string | undefined {
    return (callId === undefined ? undefined : this.#parents.get(callId)) ?? supplied;
  }
}
