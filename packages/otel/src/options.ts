import { type Tracer, type TracerProvider, trace } from "@opentelemetry/api";

export const INSTRUMENTATION_NAME = "@mandate/otel";
export const INSTRUMENTATION_VERSION = "0.1.0";

export interface OtelSinkOptions {
  /** The tracer spans are started with. Give this or `tracerProvider`, not both. */
  readonly tracer?: Tracer;
  /**
   * The provider to take a tracer from (scope `@mandate/otel`); `flush()` and `close()` also
   * force-flush it when it can. Neither option: the global provider (`trace.getTracerProvider()`).
   */
  readonly tracerProvider?: TracerProvider;
  /** The sink's name in the tracer's failure counts. Default "otel". */
  readonly name?: string;
  /**
   * Put the trace's redacted, size-capped argument preview on tool spans as
   * `gen_ai.tool.call.arguments` (Opt-In in the conventions). Default false: digest only.
   * Raw argument values are never available to the sink: the trace does not hold them.
   */
  readonly captureArguments?: boolean;
  /** The same for results, as `gen_ai.tool.call.result`. Default false. */
  readonly captureResults?: boolean;
  /** A `chat {model}` span per `model.call` event. Default true; turn off when an LLM
   * instrumentation (OpenInference, LangSmith) already emits model spans. */
  readonly modelSpans?: boolean;
  /** Spans open at once; past it the oldest is ended, marked `evicted`. Default 10 000. */
  readonly maxOpenSpans?: number;
  /** Ended spans, threads and mandates remembered for parents and links. Default 10 000. */
  readonly maxRemembered?: number;
}

export interface NormalizedOptions {
  readonly tracer: Tracer;
  readonly provider: { forceFlush(): Promise<void> } | undefined;
  readonly name: string;
  readonly captureArguments: boolean;
  readonly captureResults: boolean;
  readonly modelSpans: boolean;
  readonly maxOpenSpans: number;
  readonly maxRemembered: number;
}

/** Validates once, at construction: misuse is a TypeError here, never an error mid-run. */
export function normalizeOptions(options: OtelSinkOptions): NormalizedOptions {
  if (typeof options !== "object" || options === null)
    throw new TypeError("otelSink() needs an options object");
  const { tracer, tracerProvider } = options;
  if (tracer !== undefined && tracerProvider !== undefined)
    throw new TypeError("give otelSink() a `tracer` or a `tracerProvider`, not both");
  if (tracer !== undefined && typeof tracer?.startSpan !== "function")
    throw new TypeError("`tracer` must be an OpenTelemetry Tracer");
  if (tracerProvider !== undefined && typeof tracerProvider?.getTracer !== "function")
    throw new TypeError("`tracerProvider` must be an OpenTelemetry TracerProvider");
  const provider = tracerProvider ?? trace.getTracerProvider();
  return Object.freeze({
    tracer: tracer ?? provider.getTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION),
    provider: tracer === undefined ? flushable(provider) : undefined,
    name: optionalString(options.name, "name") ?? "otel",
    captureArguments: flag(options.captureArguments, "captureArguments", false),
    captureResults: flag(options.captureResults, "captureResults", false),
    modelSpans: flag(options.modelSpans, "modelSpans", true),
    maxOpenSpans: limit(options.maxOpenSpans, "maxOpenSpans"),
    maxRemembered: limit(options.maxRemembered, "maxRemembered"),
  });
}

function flushable(provider: TracerProvider): { forceFlush(): Promise<void> } | undefined {
  const candidate = provider as TracerProvider & { forceFlush?: unknown };
  if (typeof candidate.forceFlush !== "function") return undefined;
  return { forceFlush: () => (candidate.forceFlush as () => Promise<void>).call(provider) };
}

function flag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new TypeError(`\`${name}\` must be a boolean`);
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "")
    throw new TypeError(`\`${name}\` must be a non-empty string`);
  return value;
}

function limit(value: unknown, name: string): number {
  if (value === undefined) return 10_000;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new TypeError(`\`${name}\` must be a positive integer`);
  return value;
}
