import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { otelSink } from "@mandate/otel";
import { describe, expect, it } from "vitest";
import { main as quickstart } from "../../../examples/quickstart/run.ts";
import { inMemoryProvider, labelSpans } from "./span-tree.ts";

// examples/quickstart: one createAgent agent, no runTask (so no run spans), a payment paused for
// approval. LangGraph ends the paused root agent normally (it returns `__interrupt__`), and the
// resumed call is recorded with the first agent span as its parent.

describe("otelSink on the quickstart (a createAgent agent paused for approval)", { timeout: 60_000 }, () => {
  it("marks the pause, puts the resumed call under the resumed agent, links both to their first attempt", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "mandate-otel-quickstart-"));
    try {
      const r = await quickstart({ outDir, log: () => undefined });
      expect(r.ran).toEqual({ search: 1, read_doc: 1, transfer_funds: 1 });
      const { exporter, provider } = inMemoryProvider();
      const sink = otelSink({ tracerProvider: provider });
      for (const event of r.events) sink.write(event);
      await sink.close();
      expect(sink.stats()).toEqual({
        events: 25,
        spans: 11,
        open: 0,
        unfinished: 0,
        ignored: 2,
        failures: 0,
      });

      const nodes = labelSpans(exporter.getFinishedSpans(), r.events);
      // By label: spans that start in the same millisecond have no order to rely on.
      const shape = Object.fromEntries(
        [...nodes].map(([label, n]) => [
          label,
          {
            trace: n.trace,
            parent: n.parent,
            interrupted: n.attributes["mandate.interrupted"],
            decision: n.attributes["mandate.decision"],
            error: n.attributes["error.type"],
            links: n.links.map((l) => `${l.attributes?.["mandate.link.type"]}:${l.to}`),
          },
        ]),
      );
      const span = (parent: string | null, fields: Record<string, unknown> = {}) => ({
        trace: parent?.endsWith("#2") || fields.trace === 2 ? 2 : 1,
        parent,
        interrupted: undefined,
        decision: undefined,
        error: undefined,
        links: [],
        ...fields,
      });
      expect(shape).toEqual({
        "assistant#1": span(null, { interrupted: true }),
        "chat:assistant#1": span("assistant#1"),
        "c_search#1": span("assistant#1", { decision: "allow" }),
        "c_read#1": span("assistant#1", { decision: "allow" }),
        "chat:assistant#2": span("assistant#1"),
        "c_email#1": span("assistant#1", { decision: "deny", error: "POLICY_DENIED" }),
        "chat:assistant#3": span("assistant#1"),
        "c_pay#1": span("assistant#1", { decision: "approve", interrupted: true }),
        "assistant#2": span(null, { trace: 2, links: ["resume:assistant#1"] }),
        "c_pay#2": span("assistant#2", { decision: "allow", links: ["resume:c_pay#1"] }),
        "chat:assistant#4": span("assistant#2"),
      });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
