import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  createTracer,
  jsonlSink,
  readTraceFile,
  type TraceEvent,
  verifyTrace,
} from "../../src/index.ts";
import { makeKey, tempDir } from "./helpers.ts";

describe("jsonlSink", () => {
  it("10,000 concurrent tasks emitting 2 events each: every event on disk, in one verifiable chain", async () => {
    const key = await makeKey();
    const path = join(tempDir(), "nested", "dir", "run.jsonl");
    const tracer = createTracer({ sinks: [jsonlSink(path)], signer: key.signer, checkpointEvery: 100 });
    await Promise.all(
      Array.from({ length: 10_000 }, async (_, i) => {
        await Promise.resolve();
        tracer.emit({ kind: "tool.request", tool: "search", span: `call_${i}`, i });
        await new Promise((r) => setImmediate(r));
        tracer.emit({ kind: "tool.result", tool: "search", span: `call_${i}`, i });
      }),
    );
    await tracer.close();
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    const checkpoints = 20_000 / 100 + 1;
    expect(lines).toHaveLength(20_000 + checkpoints);
    expect(tracer.stats()).toMatchObject({ events: 20_000 + checkpoints, sinkFailures: 0, checkpoints });
    const result = await verifyTrace(path, { keys: [key.jwk] });
    expect(result).toMatchObject({ ok: true, events: 20_000 + checkpoints, checkpoints });
    const spans = new Set<string>();
    for await (const e of readTraceFile(path)) if (e.kind === "tool.result") spans.add(e.span);
    expect(spans.size).toBe(10_000);
  });

  it("flush resolves once buffered lines are on disk; close is idempotent; write after close throws", async () => {
    const path = join(tempDir(), "f.jsonl");
    const sink = jsonlSink(path, { fsync: true });
    const tracer = createTracer({ sinks: [sink] });
    tracer.emit({ kind: "run.start" });
    expect(readFileSync(path, "utf8")).toBe("");
    await sink.flush();
    expect(readFileSync(path, "utf8").split("\n")).toHaveLength(2);
    await Promise.all([sink.close(), sink.close()]);
    expect(() => sink.write({} as TraceEvent)).toThrow("jsonl sink is closed");
  });

  it("escapes bidi and C1 characters in the file; the parsed event still verifies", async () => {
    const path = join(tempDir(), "b.jsonl");
    const tracer = createTracer({ sinks: [jsonlSink(path)] });
    tracer.emit({ kind: "tool.request", tool: "pay\u202eevil", agent: "a\u009b31m", note: "\u001b[2K" });
    await tracer.close();
    const text = readFileSync(path, "utf8");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are absent
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain("pay\\u202eevil");
    expect(await verifyTrace(path, { keys: [], requireFinal: false })).toMatchObject({ ok: true, events: 1 });
  });

  it("fails at construction on an unusable path", () => {
    expect(() => jsonlSink("")).toThrow(new TypeError("jsonlSink() needs a file path"));
    expect(() => jsonlSink(join(tempDir(), "file.jsonl", "\0bad"))).toThrow();
  });
});

describe("jsonlSink on process exit", () => {
  it("a process that ends without close() still writes every buffered line", () => {
    const dir = tempDir();
    const path = join(dir, "exit.jsonl");
    const script = join(dir, "child.ts");
    const src = join(process.cwd(), "packages/core/src/index.ts");
    writeFileSync(
      script,
      `import { createTracer, jsonlSink } from ${JSON.stringify(src)};\n` +
        `const t = createTracer({ sinks: [jsonlSink(${JSON.stringify(path)})] });\n` +
        `for (let i = 0; i < 500; i++) t.emit({ kind: "model.call", i });\n`,
    );
    execFileSync(join(process.cwd(), "node_modules/.bin/tsx"), [script], { stdio: "pipe", timeout: 30_000 });
    expect(readFileSync(path, "utf8").trimEnd().split("\n")).toHaveLength(500);
  });

  it("each line is the event's canonical text: sha256(prev + '\\n' + line without hash) is its hash", async () => {
    const path = join(tempDir(), "c.jsonl");
    const tracer = createTracer({ sinks: [jsonlSink(path)] });
    tracer.emit({ kind: "tool.request", tool: "x", args: { z: 1, a: [true, null] } });
    await tracer.close();
    const line = readFileSync(path, "utf8").trimEnd();
    const event = JSON.parse(line) as TraceEvent;
    const { hash, ...rest } = event;
    expect(line).toBe(canonicalJson(event as never));
    expect(
      createHash("sha256")
        .update(`\n${canonicalJson(rest as never)}`)
        .digest("hex"),
    ).toBe(hash);
  });
});
