import type { Attributes, Link, SpanKind, Tracer } from "@opentelemetry/api";
import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import type { EventClock } from "./event-fields.ts";
import type { HandoffBook } from "./handoffs.ts";
import type { Identities } from "./identities.ts";
import type { Lineage, ParentChoice } from "./lineage.ts";
import type { NormalizedOptions } from "./options.ts";
import type { OpenSpan, SpanRole, SpanStore } from "./span-store.ts";

/** Everything the event handlers share: one per sink. */
export interface Mapping {
  readonly tracer: Tracer;
  readonly options: NormalizedOptions;
  readonly clock: EventClock;
  readonly store: SpanStore;
  readonly lineage: Lineage;
  readonly handoffs: HandoffBook;
  readonly identities: Identities;
  readonly counts: { spans: number };
}

export interface SpanInit {
  readonly key: string;
  readonly role: SpanRole;
  readonly name: string;
  readonly kind: SpanKind;
  readonly parent: ParentChoice;
  readonly start: Date;
  readonly attributes: Attributes;
  readonly links?: Link[];
  readonly thread: string | undefined;
  readonly agent: string | undefined;
  readonly jti?: string | undefined;
}

/** Starts a span at the event's time under the chosen parent and tracks it as open. */
export function openSpan(m: Mapping, init: SpanInit): OpenSpan {
  const span = m.tracer.startSpan(
    init.name,
    { kind: init.kind, attributes: init.attributes, links: init.links ?? [], startTime: init.start },
    parentContext(init.parent),
  );
  m.counts.spans++;
  const entry: OpenSpan = {
    key: init.key,
    role: init.role,
    span,
    context: span.spanContext(),
    parentKey: init.parent.key,
    runKey: init.role === "run" ? init.key : init.parent.runKey,
    thread: init.thread,
    agent: init.agent,
    jti: init.jti,
    children: new Set(),
    awaitingApproval: false,
    deferredEnd: undefined,
  };
  m.store.add(entry, init.start);
  return entry;
}

/**
 * A span with no parent in the trace joins whatever span is active where the event was recorded
 * (the tracer calls sinks synchronously), so a run started inside a traced request lands in that
 * request's trace.
 */
export function parentContext(parent: ParentChoice) {
  return parent.context === undefined ? context.active() : trace.setSpanContext(ROOT_CONTEXT, parent.context);
}
