import { createTracer, type TraceRecord } from "@mandate/core";
import { type OtelSinkOptions, otelSink } from "@mandate/otel";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { inMemoryProvider } from "./span-tree.ts";

export const T0 = Date.parse("2026-03-01T09:00:00.000Z");
export const STEP_MS = 10;

/**
 * The sink behind a real core tracer (hash-chained, sealed events), with a clock that advances
 * STEP_MS per event: the nth emitted event (from 1) has ts T0 + n * STEP_MS.
 */
export function harness(options: Omit<OtelSinkOptions, "tracer" | "tracerProvider"> = {}) {
  const { exporter, provider } = inMemoryProvider();
  const sink = otelSink({ tracerProvider: provider, ...options });
  let now = T0;
  const clock = () => {
    now += STEP_MS;
    return new Date(now);
  };
  const tracer = createTracer({ sinks: [sink], clock });
  const emit = (...records: TraceRecord[]) => records.map((r) => tracer.emit(r));
  const spans = () => exporter.getFinishedSpans();
  const span = (name: string, n = 1): ReadableSpan => {
    const found = spans().filter((s) => s.name === name)[n - 1];
    if (found === undefined) throw new Error(`no span #${n} named ${name}`);
    return found;
  };
  return { sink, tracer, emit, spans, span, exporter, provider };
}

/** The time of the nth event (from 1) as the SDK's HrTime. */
export function at(n: number): [number, number] {
  const ms = T0 + n * STEP_MS;
  return [Math.floor(ms / 1000), (ms % 1000) * 1e6];
}

export const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
export const idOf = (span: ReadableSpan) => span.spanContext().spanId;
