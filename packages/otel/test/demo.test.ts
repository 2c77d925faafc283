import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { otelSink } from "@mandate/otel";
import { describe, expect, it } from "vitest";
import { main as runDemo } from "../../../examples/supervisor/run.ts";
import { expectDemoSpanTree } from "./demo-expectations.ts";
import { inMemoryProvider, labelSpans } from "./span-tree.ts";

// The acceptance test: the supervisor demo (examples/supervisor: app.ts, script.ts, tools.ts,
// policy.yaml, unchanged) with the sink on its guard, through the SDK's in-memory exporter.

const RAW_ARGUMENT_VALUES = [
  "partner-review",
  "finance-team",
  "Northwind",
  "INV-7",
  "the full report",
  "Q3 summary",
];

describe("otelSink on the supervisor demo", { timeout: 60_000 }, () => {
  it("emits the exact span tree: runs, agents, tools, model calls, handoff links, the denial, the approval", async () => {
    const { exporter, provider } = inMemoryProvider();
    const sink = otelSink({ tracerProvider: provider });
    const outDir = mkdtempSync(join(tmpdir(), "mandate-otel-demo-"));
    const run = await runDemo({ outDir, log: () => undefined, color: false, sinks: [sink] }).finally(() =>
      rmSync(outDir, { recursive: true, force: true }),
    );

    // What ran: the injected send_email was denied and ran zero times; the payment ran once, approved.
    expect(run.ran).toEqual({ search: 0, read_doc: 1, send_email: 1, transfer_funds: 1 });
    expect(run.approvals).toBe(1);
    expect(run.verification.ok).toBe(true);
    expect(run.events).toHaveLength(61);

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(27);
    expect(sink.stats()).toEqual({ events: 61, spans: 27, open: 0, unfinished: 0, ignored: 2, failures: 0 });
    expectDemoSpanTree(labelSpans(spans, run.events), run.events);

    // Never a raw argument or result value on a span: digests only, previews are opt-in.
    const exported = JSON.stringify(spans.map((s) => [s.attributes, s.events, s.links]));
    for (const value of RAW_ARGUMENT_VALUES) expect(exported).not.toContain(value);
    expect(exported).not.toContain("gen_ai.tool.call.arguments");
    expect(exported).not.toContain("gen_ai.tool.call.result");
  });

  it("gives the same tree when `pnpm demo`'s own events (run.ts main) are written to it", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "mandate-otel-demo-"));
    try {
      const demo = await runDemo({ outDir, log: () => undefined, color: false });
      expect(demo.verification.ok).toBe(true);
      const { exporter, provider } = inMemoryProvider();
      const sink = otelSink({ tracerProvider: provider });
      for (const event of demo.events) sink.write(event);
      await sink.close();
      expect(sink.stats()).toEqual({
        events: 61,
        spans: 27,
        open: 0,
        unfinished: 0,
        ignored: 2,
        failures: 0,
      });
      expectDemoSpanTree(labelSpans(exporter.getFinishedSpans(), demo.events), demo.events);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
