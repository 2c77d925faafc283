import type { TraceEvent } from "@mandate/core";
import { onAgentEnd, onAgentStart, onModelCall } from "./agent-spans.ts";
import { EventClock } from "./event-fields.ts";
import { HandoffBook } from "./handoffs.ts";
import { Identities } from "./identities.ts";
import { Lineage } from "./lineage.ts";
import type { Mapping } from "./open-span.ts";
import type { NormalizedOptions } from "./options.ts";
import { onMandateEvent, onRunEnd, onRunStart } from "./run-spans.ts";
import type { ForcedEnd } from "./span-store.ts";
import { SpanStore } from "./span-store.ts";
import { onToolEvent } from "./tool-spans.ts";

type Handler = (m: Mapping, event: TraceEvent, time: Date) => boolean;

/** Kinds with no span: the policy load and the trace's own checkpoints are integrity matters. */
const HANDLERS: Readonly<Record<string, Handler>> = {
  "run.start": onRunStart,
  "run.end": onRunEnd,
  "agent.start": onAgentStart,
  "agent.end": onAgentEnd,
  "model.call": onModelCall,
  "tool.request": onToolEvent,
  "tool.decision": onToolEvent,
  "tool.result": onToolEvent,
  "tool.error": onToolEvent,
  "approval.request": onToolEvent,
  "approval.resolve": onToolEvent,
  handoff: onToolEvent,
  "mandate.issue": onMandateEvent,
  "mandate.delegate": onMandateEvent,
  "mandate.revoke": onMandateEvent,
};

/** Turns trace events, in trace order, into spans. May throw: the sink wraps every call. */
export class EventMapper {
  readonly #m: Mapping;
  /** Events that fit no span (unknown kind, nothing to attach to, a duplicate start). */
  ignored = 0;

  constructor(options: NormalizedOptions) {
    const store = new SpanStore(options.maxOpenSpans, options.maxRemembered);
    this.#m = {
      tracer: options.tracer,
      options,
      clock: new EventClock(),
      store,
      lineage: new Lineage(store, options.maxRemembered),
      handoffs: new HandoffBook(options.maxRemembered),
      identities: new Identities(options.maxRemembered),
      counts: { spans: 0 },
    };
  }

  get spans(): number {
    return this.#m.counts.spans;
  }

  get open(): number {
    return this.#m.store.size;
  }

  get unfinished(): number {
    return this.#m.store.unfinished;
  }

  handle(event: TraceEvent): void {
    const handler = typeof event.kind === "string" ? HANDLERS[event.kind] : undefined;
    const time = this.#m.clock.timeOf(event);
    if (handler === undefined || !handler(this.#m, event, time)) this.ignored++;
  }

  /**
   * Ends every open span at the last event's time, marked `reason`. One span failing to end does
   * not keep the others open. Returns how many failed.
   */
  endAll(reason: ForcedEnd): number {
    const time = this.#m.clock.last();
    let failures = 0;
    for (const entry of this.#m.store.newestFirst()) {
      try {
        this.#m.store.forceEnd(entry.key, time, reason);
      } catch {
        failures++;
      }
    }
    return failures;
  }
}
