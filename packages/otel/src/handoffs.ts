import type { TraceEvent } from "@mandate/core";
import type { SpanContext } from "@opentelemetry/api";
import { BoundedMap } from "./bounded-map.ts";
import { str } from "./event-fields.ts";

export interface PendingHandoff {
  /** The trace key of the handoff tool's span. */
  readonly toolKey: string;
  readonly context: SpanContext;
  readonly target: string;
  readonly thread: string | undefined;
  /** The `handoff` event: the child mandate's jti and depth for the receiving agent. */
  readonly event: TraceEvent;
}

/**
 * Handoffs waiting for their receiving agent. The trace has no id joining a `handoff` to the
 * `agent.start` it causes; the receiving agent's start is the next `agent.start` in the same
 * thread with the handoff's target as its name, so pending handoffs are matched oldest first.
 */
export class HandoffBook {
  readonly #pending: BoundedMap<string, PendingHandoff>;

  constructor(limit: number) {
    this.#pending = new BoundedMap(limit);
  }

  add(handoff: PendingHandoff): void {
    this.#pending.set(handoff.toolKey, handoff);
  }

  has(toolKey: string): boolean {
    return this.#pending.get(toolKey) !== undefined;
  }

  take(thread: string | undefined, agent: string): PendingHandoff | undefined {
    for (const handoff of this.#pending.values()) {
      if (handoff.target === agent && handoff.thread === thread) {
        this.#pending.delete(handoff.toolKey);
        return handoff;
      }
    }
    return undefined;
  }
}

/** Who a handoff goes to: Mandate's handoff tool records `to`; MandateTracer records `goto`. */
export function handoffTarget(event: TraceEvent): string | undefined {
  const to = str(event, "to");
  if (to !== undefined) return to;
  const goto = event.goto;
  if (Array.isArray(goto)) return goto.find((g): g is string => typeof g === "string" && g !== "");
  return typeof goto === "string" && goto !== "" ? goto : undefined;
}
