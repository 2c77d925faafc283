import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createTracer,
  digest,
  jsonlSink,
  memorySink,
  type TraceEvent,
  type TraceRecord,
  verifyTrace,
} from "../../src/index.ts";
import { escapeUnsafeJson } from "../../src/trace/safe-text.ts";
import { realisticRecords, steppingClock, tempDir } from "./helpers.ts";

// `canonicalize` is CommonJS whose typings declare an ES default export; require it as it is.
const canonicalize = createRequire(import.meta.url)("canonicalize") as (value: unknown) => string;
const referenceLine = (event: TraceEvent) => escapeUnsafeJson(canonicalize(event));
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

async function traceToFile(emit: (tracer: ReturnType<typeof createTracer>) => void) {
  const path = join(tempDir(), "t.jsonl");
  const memory = memorySink();
  const tracer = createTracer({ sinks: [jsonlSink(path), memory], clock: steppingClock() });
  emit(tracer);
  await tracer.close();
  return { lines: readFileSync(path, "utf8").trimEnd().split("\n"), events: memory.events };
}

describe("the tracer's hot path keeps the format", () => {
  it("an ASCII-only batch (written as Latin-1) is byte for byte the reference lines, DEL escaped", async () => {
    const { lines, events } = await traceToFile((t) => {
      for (const r of realisticRecords(300)) t.emit(r);
      t.emit({ kind: "tool.error", span: "del", note: "rub\u007fout" });
    });
    expect(lines).toHaveLength(301);
    expect(lines).toEqual(events.map(referenceLine));
    expect(lines.every((line) => Buffer.byteLength(line) === line.length)).toBe(true);
    expect(lines[300]).toContain('"note":"rub\\u007fout"');
    expect(lines.some((line) => line.includes("\u007f"))).toBe(false);
  });

  it("200 record shapes, twice (more than the remembered member orders): every line is the reference", async () => {
    const shape = (i: number): TraceRecord => {
      const record: Record<string, number | string> = { kind: "model.call", span: `s${i}` };
      for (let k = 0; k <= i % 200; k += 7) record[`k${(k * 31) % 97}`] = k;
      record[`only${i % 200}`] = "x";
      return record as TraceRecord;
    };
    const { lines, events } = await traceToFile((t) => {
      for (let i = 0; i < 400; i++) t.emit(shape(i));
    });
    expect(lines).toHaveLength(400);
    expect(lines).toEqual(events.map(referenceLine));
  });

  it("an emit from inside a record value's toJSON is sealed whole first; both events are canonical", async () => {
    const { lines, events } = await traceToFile((t) => {
      t.emit({
        kind: "tool.result",
        span: "outer",
        // a nested key an object orders first, copied before the inner emit runs
        a: { "10": 1, "2": 2 },
        b: {
          toJSON() {
            t.emit({ kind: "model.call", span: "inner" });
            return "b";
          },
        },
      } as never);
    });
    expect(events.map((e) => [e.seq, e.span])).toEqual([
      [1, "inner"],
      [2, "outer"],
    ]);
    expect(events[1]?.prev).toBe(events[0]?.hash);
    expect(lines).toEqual(events.map(referenceLine));
    expect(lines[1]).toContain('"a":{"10":1,"2":2},"b":"b"');
  });

  it("the in-memory event holds its members in canonical order, and its JSON is the line", async () => {
    const { lines, events } = await traceToFile((t) => {
      t.emit({ kind: "tool.request", tool: "search", span: "c1", args: digest({ q: "x" }) });
    });
    expect(Object.keys(events[0] as object)).toEqual([
      "args",
      "hash",
      "kind",
      "prev",
      "seq",
      "span",
      "tool",
      "ts",
      "v",
    ]);
    expect(Object.keys((events[0] as TraceEvent).args as object)).toEqual(["preview", "sha256", "size"]);
    expect(JSON.stringify(events[0])).toBe(lines[0]);
  });

  it("timestamps: one text per millisecond of the clock, a new one when it moves", () => {
    const times = [0, 0, 1, 1, 1000, 999].map((ms) => new Date(Date.UTC(2026, 0, 1) + ms));
    let i = 0;
    const tracer = createTracer({ clock: () => times[i++] as Date });
    const ts = times.map(() => tracer.emit({ kind: "model.call" }).ts);
    expect(ts).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.001Z",
      "2026-01-01T00:00:00.001Z",
      "2026-01-01T00:00:01.000Z",
      "2026-01-01T00:00:00.999Z",
    ]);
    const system = createTracer().emit({ kind: "model.call" }).ts;
    expect(Math.abs(Date.parse(system) - Date.now())).toBeLessThan(5_000);
  });
});

describe("jsonlSink outside a tracer", () => {
  it("a replaced write() is called, not bypassed by the tracer's line hand-off", async () => {
    const path = join(tempDir(), "r.jsonl");
    const sink = jsonlSink(path);
    const seen: string[] = [];
    const original = sink.write.bind(sink);
    (sink as { write: (e: TraceEvent) => void }).write = (event) => {
      seen.push(event.kind);
      original(event);
    };
    const tracer = createTracer({ sinks: [sink] });
    tracer.emit({ kind: "run.start" });
    tracer.emit({ kind: "run.end" });
    await tracer.close();
    expect(seen).toEqual(["run.start", "run.end"]);
    expect(await verifyTrace(path, { keys: [], requireFinal: false })).toMatchObject({ ok: true, events: 2 });
  });

  it("write(event) of a sealed event writes the tracer's line; of a foreign one, its canonical JSON", async () => {
    const memory = memorySink();
    const tracer = createTracer({ sinks: [memory] });
    tracer.emit({ kind: "tool.request", tool: "pay\u202eevil", span: "s", args: { b: 1, a: [1n] } } as never);
    const path = join(tempDir(), "w.jsonl");
    const sink = jsonlSink(path);
    sink.write(memory.events[0] as TraceEvent);
    sink.write({ z: 1, a: { d: new Date(0), n: 2n, f: () => 1 }, t: "\u2028" } as never);
    await sink.close();
    expect(readFileSync(path, "utf8").split("\n")).toEqual([
      referenceLine(memory.events[0] as TraceEvent),
      '{"a":{"d":"1970-01-01T00:00:00.000Z","n":"2"},"t":"\\u2028","z":1}',
      "",
    ]);
  });
});

describe("digest on the hot path", () => {
  it("a caller that edits its (unfrozen) options is always obeyed; frozen options are reused", () => {
    const options: { redactKeys: string[] } = { redactKeys: ["alpha"] };
    expect(digest({ alpha: 1, beta: 2 }, options).preview).toBe('{"alpha":"[REDACTED]","beta":2}');
    options.redactKeys = ["beta"];
    expect(digest({ alpha: 1, beta: 2 }, options).preview).toBe('{"alpha":1,"beta":"[REDACTED]"}');
    options.redactKeys.push("alpha");
    expect(digest({ alpha: 1, beta: 2 }, options).preview).toBe('{"alpha":"[REDACTED]","beta":"[REDACTED]"}');
    const frozen = Object.freeze({ redactKeys: Object.freeze(["beta"]) });
    for (let i = 0; i < 3; i++) {
      expect(digest({ alpha: 1, beta: 2 }, frozen).preview).toBe('{"alpha":1,"beta":"[REDACTED]"}');
    }
  });

  it("every getter and toJSON runs once: the hash and the preview show the same reading", () => {
    let reads = 0;
    let serialised = 0;
    const value = {
      get n() {
        return ++reads;
      },
      when: {
        toJSON() {
          return `t${++serialised}`;
        },
      },
    };
    const d = digest(value);
    expect([reads, serialised]).toEqual([1, 1]);
    expect(d.preview).toBe('{"n":1,"when":"t1"}');
    expect(d.sha256).toBe(sha('{"n":1,"when":"t1"}'));
  });

  it("a redacted member is still hashed, never previewed, also when it is long or nested", () => {
    const value = { password: { nested: "p".repeat(10_000), list: ["s1", "s2"] }, keep: "k" };
    const d = digest(value, { previewChars: 64 });
    const canonical = canonicalize(value);
    expect(d).toEqual({
      sha256: sha(canonical),
      size: Buffer.byteLength(canonical),
      preview: '{"keep":"k","password":"[REDACTED]"}',
    });
  });
});
