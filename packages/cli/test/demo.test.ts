// The CLI on the project's main demo (examples/supervisor), run in-process into a temp directory.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { INTENT } from "../../../examples/supervisor/app.ts";
import { main as runDemo } from "../../../examples/supervisor/run.ts";
import { lines, runCli } from "./helpers.ts";

vi.setConfig({ testTimeout: 30_000 });

const POLICY = fileURLToPath(new URL("../../../examples/supervisor/policy.yaml", import.meta.url));
let dir: string;
let trace: string;
let jwks: string;
let events: Record<string, unknown>[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mandate-cli-demo-"));
  const result = await runDemo({ outDir: dir, log: () => {}, color: false });
  trace = result.tracePath;
  jwks = result.jwksPath;
  events = lines(await readFile(trace, "utf8")).map((l) => JSON.parse(l) as Record<string, unknown>);
}, 60_000);

describe("mandate on the supervisor demo trace", () => {
  it("verifies the intact demo trace (exit 0) and catches an edited decision (exit 1)", async () => {
    const intact = await runCli(["trace", "verify", trace, "--keys", jwks]);
    expect(intact.code).toBe(0);
    const checkpoints = events.filter((e) => e.kind === "trace.checkpoint").length;
    expect(lines(intact.stdout)).toEqual([
      `ok: ${events.length} events intact, ${checkpoints} signed checkpoint${checkpoints === 1 ? "" : "s"} verified`,
    ]);

    const deny = events.find((e) => e.kind === "tool.decision" && e.effect === "deny");
    expect(deny).toBeDefined();
    const edited = join(dir, "edited.jsonl");
    const text = await readFile(trace, "utf8");
    await writeFile(
      edited,
      text
        .split("\n")
        .map((l) =>
          l.includes(`"seq":${deny?.seq},`) ? l.replace('"effect":"deny"', '"effect":"allow"') : l,
        )
        .join("\n"),
    );
    const tampered = await runCli(["trace", "verify", edited, "--keys", jwks]);
    expect(tampered.code).toBe(1);
    expect(lines(tampered.stdout)).toEqual([
      `TAMPERED: first bad seq ${deny?.seq}: hash mismatch (trace.chain_broken)`,
    ]);
  });

  it("shows every decision and the approval in the hop tree", async () => {
    const result = await runCli(["trace", "view", trace]);
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    const decisions = events.filter((e) => e.kind === "tool.decision");
    const shown = out.filter((l) =>
      /^[│ ]*(ALLOW|DENY|APPROVE) {2}rules: /.test(l.trim() === l ? l : l.replace(/^[│├└─ ]+/, "")),
    );
    expect(shown).toHaveLength(decisions.length);
    for (const resolve of events.filter((e) => e.kind === "approval.resolve")) {
      expect(out.some((l) => l.endsWith(`approval granted by ${String(resolve.by)}`))).toBe(true);
    }
  });

  it("counts the demo's decisions", async () => {
    const result = await runCli(["trace", "stats", trace, "--json"]);
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as {
      events: number;
      runs: number;
      decisions: number;
      effects: Record<string, number>;
    };
    const decisions = events.filter((e) => e.kind === "tool.decision");
    expect(stats.events).toBe(events.length);
    expect(stats.runs).toBe(2); // the first run pauses for the payment approval; the resume is the second
    expect(events.filter((e) => e.kind === "run.start")).toHaveLength(2);
    expect(stats.decisions).toBe(decisions.length);
    for (const effect of ["allow", "deny", "approve"]) {
      expect(stats.effects[effect] ?? 0).toBe(decisions.filter((e) => e.effect === effect).length);
    }
  });

  it("replays the demo under its own policy with every decision reconstructed and none flipped", async () => {
    const intent = join(dir, "intent.json");
    await writeFile(intent, JSON.stringify(INTENT));
    const result = await runCli([
      "policy",
      "replay",
      "--trace",
      trace,
      "--policy",
      POLICY,
      "--intent",
      intent,
      "--json",
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, number>;
    const decisions = events.filter((e) => e.kind === "tool.decision").length;
    expect(report).toMatchObject({
      decisions,
      replayed: decisions,
      unchanged: decisions,
      flipped: 0,
      unreplayable: 0,
    });
  });
});
