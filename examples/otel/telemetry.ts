// The OpenTelemetry SDK side of the example: a tracer provider whose exporter is chosen by the
// standard environment variables, wrapped so the example can say how the export went.
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";

type ExportCallback = Parameters<SpanExporter["export"]>[1];
const SUCCESS = 0; // ExportResultCode.SUCCESS (@opentelemetry/core)

/** Counts what the wrapped exporter delivered and what it could not. */
export class CountingExporter implements SpanExporter {
  exported = 0;
  failed = 0;
  lastError: string | undefined;

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: ExportCallback): void {
    this.inner.export(spans, (result) => {
      if (result.code === SUCCESS) this.exported += spans.length;
      else {
        this.failed += spans.length;
        this.lastError = result.error?.message;
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

export interface Telemetry {
  readonly provider: BasicTracerProvider;
  readonly exporter: CountingExporter;
  /** Where spans go: the OTLP traces URL, or "console". */
  readonly destination: string;
  /** Flushes and shuts the provider down. Never rejects: a missing collector is reported, not thrown. */
  finish(): Promise<void>;
}

/**
 * OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT is set
 * (the exporter reads them, and OTEL_EXPORTER_OTLP_*HEADERS / *TIMEOUT, itself); the console
 * otherwise. The service name comes from OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES).
 */
export function setUpTelemetry(env: NodeJS.ProcessEnv = process.env): Telemetry {
  const destination = otlpTracesUrl(env);
  const exporter = new CountingExporter(
    destination === undefined ? new ConsoleSpanExporter() : new OTLPTraceExporter(),
  );
  const resource = defaultResource()
    .merge(resourceFromAttributes({ "service.name": "mandate-otel-example" }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  return {
    provider,
    exporter,
    destination: destination ?? "console",
    async finish() {
      await provider.forceFlush().catch(() => undefined); // counted by the exporter wrapper
      await provider.shutdown().catch(() => undefined);
    },
  };
}

/** The URL the OTLP exporter will post to (its own rules), or undefined when none is configured. */
export function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!base) return undefined;
  return `${base.replace(/\/+$/, "")}/v1/traces`;
}
