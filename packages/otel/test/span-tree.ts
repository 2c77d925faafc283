import type { TraceEvent } from "@mandate/core";
import type { Attributes, HrTime, SpanKind } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

/** The SDK's in-memory pipeline: every span is exported as it ends. */
export function inMemoryProvider() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider };
}

/** A finished span with everything random replaced by readable labels (see `labelSpans`). */
export interface SpanNode {
  readonly name: string;
  readonly kind: SpanKind;
  /** Which trace (1, 2, … in order of first appearance). */
  readonly trace: number;
  readonly parent: string | null;
  readonly start: number;
  readonly end: number;
  readonly status: { readonly code: number; readonly message?: string };
  readonly attributes: Attributes;
  readonly events: readonly { name: string; time: number; attributes: Attributes | undefined }[];
  readonly links: readonly { to: string; attributes: Attributes | undefined }[];
}

export function ms(time: HrTime): number {
  return time[0] * 1000 + Math.round(time[1] / 1e6);
}

/**
 * Labels spans by what they are, from the trace events: `run#1`, `<agent>#n` (nth agent.start of
 * that name), `chat:<agent>#n` (nth model.call of that agent), `<callId>#n` (nth span of that tool
 * call, by start time).
 */
export function labelSpans(
  spans: readonly ReadableSpan[],
  events: readonly TraceEvent[],
): Map<string, SpanNode> {
  const byTraceSpan = new Map<string, string>();
  const counts = new Map<string, number>();
  const next = (base: string) => {
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return `${base}#${n}`;
  };
  for (const e of events) {
    if (e.kind === "run.start") byTraceSpan.set(e.span, next("run"));
    if (e.kind === "agent.start") byTraceSpan.set(e.span, next(String(e.name ?? e.agent)));
    if (e.kind === "model.call") byTraceSpan.set(e.span, next(`chat:${e.agent}`));
  }
  const sorted = [...spans].sort((a, b) => ms(a.startTime) - ms(b.startTime));
  const labelOf = new Map<string, string>();
  for (const span of sorted) {
    const traceSpan = span.attributes["mandate.trace.span"];
    const callId = span.attributes["gen_ai.tool.call.id"];
    const label =
      typeof traceSpan === "string"
        ? byTraceSpan.get(traceSpan)
        : typeof callId === "string"
          ? next(callId)
          : undefined;
    labelOf.set(span.spanContext().spanId, label ?? `?${span.name}`);
  }
  const traces = new Map<string, number>();
  const nodes = new Map<string, SpanNode>();
  for (const span of sorted) {
    const traceId = span.spanContext().traceId;
    if (!traces.has(traceId)) traces.set(traceId, traces.size + 1);
    const parentId = span.parentSpanContext?.spanId;
    nodes.set(labelOf.get(span.spanContext().spanId) ?? "?", {
      name: span.name,
      kind: span.kind,
      trace: traces.get(traceId) ?? 0,
      parent: parentId === undefined ? null : (labelOf.get(parentId) ?? `?${parentId}`),
      start: ms(span.startTime),
      end: ms(span.endTime),
      status: span.status.message === undefined ? { code: span.status.code } : { ...span.status },
      attributes: { ...span.attributes },
      events: span.events.map((e) => ({ name: e.name, time: ms(e.time), attributes: e.attributes })),
      links: span.links.map((l) => ({ to: labelOf.get(l.context.spanId) ?? "?", attributes: l.attributes })),
    });
  }
  return nodes;
}

/** The events of one kind matching `pred`, in trace order. */
export function find(
  events: readonly TraceEvent[],
  kind: string,
  pred: (e: TraceEvent) => boolean = () => true,
) {
  return events.filter((e) => e.kind === kind && pred(e));
}

/** The `ts` of the one event of `kind` matching `pred` (throws when there is not exactly one). */
export function tsOf(
  events: readonly TraceEvent[],
  kind: string,
  pred: (e: TraceEvent) => boolean = () => true,
): number {
  const found = find(events, kind, pred);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return Date.parse(found[0]?.ts ?? "");
}
