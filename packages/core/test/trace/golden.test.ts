import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTracer, jsonlSink, memorySink, type TraceEvent, verifyTrace } from "../../src/index.ts";
import { escapeUnsafeJson } from "../../src/trace/safe-text.ts";
import { goldenClock, goldenJwk, goldenRecords, goldenSigner } from "./golden-records.ts";
import { tempDir } from "./helpers.ts";

// Checkpoint span ids are random by design; a counter makes the golden bytes reproducible.
vi.mock("../../src/trace/span-id.ts", () => {
  let next = 0;
  return { newSpanId: () => (++next).toString(16).padStart(16, "0") };
});

// `canonicalize` is CommonJS whose typings declare an ES default export; require it as it is.
const canonicalize = createRequire(import.meta.url)("canonicalize") as (value: unknown) => string;
const FIXTURE = join(import.meta.dirname, "fixtures", "golden.jsonl");

async function writeGolden(): Promise<{ path: string; events: TraceEvent[] }> {
  const path = join(tempDir(), "golden.jsonl");
  const memory = memorySink();
  const tracer = createTracer({
    sinks: [jsonlSink(path), memory],
    signer: goldenSigner(),
    clock: goldenClock(),
    checkpointEvery: 5,
    run: "default-run",
  });
  for (const record of goldenRecords()) tracer.emit(record);
  await tracer.close();
  return { path, events: memory.events };
}

/** The JSONL line as the format defines it: the event's RFC 8785 text, unsafe characters escaped. */
const referenceLine = (event: TraceEvent) => escapeUnsafeJson(canonicalize(event));

describe("trace output bytes (the hashed JSONL line is a public contract)", () => {
  let golden: { path: string; events: TraceEvent[] };
  beforeAll(async () => {
    golden = await writeGolden(); // first tracer of this file: checkpoint spans count from 1
  });

  it("realistic and hostile records produce exactly the pinned bytes (written before the hot path was optimised; regenerated once, when tokens longer than a preview slice became fully redacted)", () => {
    const { path, events } = golden;
    const written = readFileSync(path);
    const pinned = readFileSync(FIXTURE);
    expect(events).toHaveLength(50);
    expect(written.toString("utf8").split("\n")).toEqual(pinned.toString("utf8").split("\n"));
    expect(written.equals(pinned)).toBe(true);
  });

  it("the pinned trace verifies with the golden key, and every line is its event's reference text", async () => {
    const { events } = golden;
    expect(await verifyTrace(FIXTURE, { keys: [goldenJwk()] })).toMatchObject({
      ok: true,
      events: 50,
      checkpoints: 9,
    });
    const lines = readFileSync(FIXTURE, "utf8").trimEnd().split("\n");
    expect(lines.map((line, i) => line === referenceLine(events[i] as TraceEvent))).toEqual(
      lines.map(() => true),
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting raw control characters are absent
    expect(lines.some((line) => /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/.test(line))).toBe(
      false,
    );
  });

  it("random records: each line is the reference text, each hash is sha256(prev + '\\n' + canonical)", async () => {
    const text = fc.string({ unit: "binary", maxLength: 24 });
    const value = fc.oneof(fc.jsonValue(), text, fc.dictionary(text, fc.jsonValue(), { maxKeys: 4 }));
    const record = fc.dictionary(text, value, { maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 8 }), async (records) => {
        const path = join(tempDir(), "random.jsonl");
        const memory = memorySink();
        const tracer = createTracer({ sinks: [jsonlSink(path), memory], signer: goldenSigner() });
        for (const r of records) tracer.emit({ ...r, kind: "model.call", span: "s" } as never);
        await tracer.close();
        const lines = readFileSync(path, "utf8").trimEnd().split("\n");
        expect(lines).toHaveLength(records.length + 1);
        lines.forEach((line, i) => {
          const event = memory.events[i] as TraceEvent;
          const { hash, ...rest } = event;
          expect(line).toBe(referenceLine(event));
          expect(hash).toBe(
            createHash("sha256")
              .update(`${event.prev}\n${canonicalize(rest)}`)
              .digest("hex"),
          );
        });
      }),
      { numRuns: 150 },
    );
  });
});
