import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { lines, runCli } from "./helpers.ts";
import { type FixturePaths, makeFixtures, SHARED_TRACES } from "./make-fixtures.ts";

vi.setConfig({ testTimeout: 30_000 });

let fx: FixturePaths;
let events: Record<string, unknown>[];

const seqOf = (kind: string, tool: string): number => {
  const event = events.find((e) => e.kind === kind && e.tool === tool);
  if (event === undefined) throw new Error(`no ${kind} ${tool} in the demo trace`);
  return event.seq as number;
};

beforeAll(async () => {
  fx = await makeFixtures(await mkdtemp(join(tmpdir(), "mandate-cli-verify-")));
  events = lines(await readFile(fx.demo, "utf8")).map((l) => JSON.parse(l) as Record<string, unknown>);
}, 30_000);

describe("mandate trace verify", () => {
  it("exits 0 on the intact trace", async () => {
    const result = await runCli(["trace", "verify", fx.demo, "--keys", fx.jwks]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const checkpoints = events.filter((e) => e.kind === "trace.checkpoint").length;
    expect(checkpoints).toBeGreaterThan(0);
    expect(lines(result.stdout)).toEqual([
      `ok: ${events.length} events intact, ${checkpoints} signed checkpoint${checkpoints === 1 ? "" : "s"} verified`,
    ]);
  });

  it("exits 1 on each tampered copy, printing the first bad seq and the problem", async () => {
    const last = events.length;
    const cases: [string, string][] = [
      [
        fx.edited,
        `TAMPERED: first bad seq ${seqOf("tool.decision", "send_email")}: hash mismatch (trace.chain_broken)`,
      ],
      [
        fx.deleted,
        `TAMPERED: first bad seq ${seqOf("tool.request", "read_doc")}: sequence gap (trace.sequence_gap)`,
      ],
      [
        fx.swapped,
        `TAMPERED: first bad seq ${seqOf("tool.request", "read_doc")}: sequence gap (trace.sequence_gap)`,
      ],
      [fx.truncated, `TAMPERED: first bad seq ${last - 2}: truncated: no final checkpoint (trace.truncated)`],
      [
        fx.rehashed,
        `TAMPERED: first bad seq ${last}: checkpoint signature invalid (trace.signature_invalid)`,
      ],
    ];
    for (const [file, message] of cases) {
      const result = await runCli(["trace", "verify", file, "--keys", fx.jwks]);
      expect(result.code, file).toBe(1);
      expect(lines(result.stdout), file).toEqual([message]);
      expect(result.stderr).toBe("");
    }
  }, 30_000);

  it("verifies the shared fixtures in test/fixtures/traces (regenerate with make-fixtures.ts)", async () => {
    const shared = (name: string): string => join(SHARED_TRACES, name);
    const intact = await runCli([
      "trace",
      "verify",
      shared("demo.jsonl"),
      "--keys",
      shared("demo.jwks.json"),
    ]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^ok: \d+ events intact, 1 signed checkpoint verified\n$/);
    for (const name of ["edited", "deleted", "swapped", "truncated", "rehashed"]) {
      const result = await runCli([
        "trace",
        "verify",
        shared(`tampered-${name}.jsonl`),
        "--keys",
        shared("demo.jwks.json"),
      ]);
      expect(result.code, name).toBe(1);
      expect(result.stdout, name).toMatch(/^TAMPERED: first bad seq \d+: /);
    }
  });

  it("fails with the wrong keys (exit 1) and on a bad key file (exit 2)", async () => {
    const other = join(fx.dir, "other-keys");
    expect((await runCli(["keys", "new", "--out", other])).code).toBe(0);
    const wrong = await runCli(["trace", "verify", fx.demo, "--keys", join(other, "jwks.json")]);
    expect(wrong.code).toBe(1);
    expect(lines(wrong.stdout)).toEqual([
      `TAMPERED: first bad seq ${events.length}: checkpoint key unknown (trace.signature_invalid)`,
    ]);
    const bad = await runCli(["trace", "verify", fx.demo, "--keys", fx.demo]);
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual([`mandate: key set "${fx.demo}" is not valid JSON`]);
  });
});
