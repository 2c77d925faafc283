// Mandate's trace as OpenTelemetry spans: the supervisor demo (examples/supervisor) with an
// `otelSink` on its guard, exported over OTLP/HTTP to the collector named by the standard
// environment variables, or printed by the console exporter when none is set.
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 OTEL_SERVICE_NAME=vendor-payments \
//     npx tsx examples/otel/run.ts
// Offline (scripted models). A missing collector is reported, not fatal: the agent never depends
// on its telemetry.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { otelSink } from "@mandate/otel";
import { main as runDemo } from "../supervisor/run.ts";
import { setUpTelemetry } from "./telemetry.ts";

export interface OtelExampleResult {
  readonly destination: string;
  readonly spans: number;
  readonly exported: number;
  readonly failed: number;
}

export async function main(
  options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<OtelExampleResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const telemetry = setUpTelemetry(options.env ?? process.env);
  const sink = otelSink({ tracerProvider: telemetry.provider });
  // The demo prints its hop tree; here only the telemetry summary matters.
  const outDir = join(dirname(fileURLToPath(import.meta.url)), "out");
  const run = await runDemo({ outDir, log: () => undefined, color: false, sinks: [sink] });
  await telemetry.finish();

  const stats = sink.stats();
  const { exported, failed, lastError } = telemetry.exporter;
  log(
    `ran: ${Object.entries(run.ran)
      .map(([tool, n]) => `${tool}=${n}`)
      .join(" ")}; approvals: ${run.approvals}`,
  );
  log(`trace: ${run.events.length} events -> ${stats.spans} spans (sink failures: ${stats.failures})`);
  if (failed > 0) {
    log(
      `export failed: ${failed} spans not delivered to ${telemetry.destination} (${lastError ?? "no detail"})`,
    );
  } else if (telemetry.destination === "console") {
    log(`no OTEL_EXPORTER_OTLP_ENDPOINT set: ${exported} spans printed to the console instead`);
  } else {
    log(`exported ${exported} spans to ${telemetry.destination}`);
  }
  return { destination: telemetry.destination, spans: stats.spans, exported, failed };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
