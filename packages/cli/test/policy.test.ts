import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { lines, runCli } from "./helpers.ts";
import { type FixturePaths, makeFixtures, STATIC } from "./make-fixtures.ts";

vi.setConfig({ testTimeout: 30_000 });

const POLICY = fileURLToPath(
  new URL("../../../test/fixtures/policies/research-assistant.yaml", import.meta.url),
);
const V2 = join(STATIC, "research-assistant-v2.yaml");
const INTENT = join(STATIC, "intent.json");
let fx: FixturePaths;

beforeAll(async () => {
  fx = await makeFixtures(await mkdtemp(join(tmpdir(), "mandate-cli-policy-")));
}, 30_000);

describe("mandate policy check", () => {
  it("prints ok: N rules for a valid policy", async () => {
    const result = await runCli(["policy", "check", POLICY]);
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual(["ok: 4 rules"]);
    expect((await runCli(["policy", "check", V2])).stdout).toBe("ok: 5 rules\n");
  });

  it("prints the load error with the rule and its position, exit 1", async () => {
    const file = join(STATIC, "invalid-policy.yaml");
    const result = await runCli(["policy", "check", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const err = lines(result.stderr);
    expect(err[0]).toMatch(new RegExp(`^${reEscape(file)}: POLICY_INVALID: .*not-bool`));
    expect(result.stderr).toMatch(/line:? 11/);
  });

  it("reports YAML syntax errors with their position", async () => {
    const file = join(fx.dir, "syntax.yaml");
    await writeFile(file, "apiVersion: mandate/v1\nkind: Policy\nrules: [\n  - id: x\n");
    const result = await runCli(["policy", "check", file]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toMatch(new RegExp(`^${reEscape(file)}: POLICY_INVALID: `));
    expect(lines(result.stderr)[0]).toMatch(/ at line 4, column 3$/);
  });
});

describe("mandate policy test", () => {
  it("prints PASS per case and exits 0 when every case matches", async () => {
    const result = await runCli(["policy", "test", POLICY, "--cases", join(STATIC, "cases.yaml")]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual([
      "PASS  search within intent is allowed",
      "PASS  email after a confidential read is denied",
      "PASS  a large transfer needs approval",
      "PASS  tools outside the intent fall to the default",
      "",
      "4 passed, 0 failed",
    ]);
  });

  it("prints FAIL with expected and actual, exit 1 on a mismatch", async () => {
    const result = await runCli(["policy", "test", POLICY, "--cases", join(STATIC, "cases-failing.yaml")]);
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([
      "PASS  search is allowed",
      "FAIL  wrong expectation: expected deny [no-egress-after-confidential], got allow [acts-within-intent]",
      "",
      "1 passed, 1 failed",
    ]);
  });

  it("rejects a malformed cases file with a usage error naming the case (exit 2)", async () => {
    const file = join(fx.dir, "bad-cases.yaml");
    await writeFile(file, "cases:\n  - name: no tool\n    expect: { effect: allow }\n");
    const result = await runCli(["policy", "test", POLICY, "--cases", file]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([`mandate: cases "${file}": case 1 ("no tool"): missing tool`]);
  });
});

describe("mandate policy replay", () => {
  it("reports the exact flips of the demo trace under a modified policy", async () => {
    const result = await runCli(["policy", "replay", "--trace", fx.demo, "--policy", V2, "--intent", INTENT]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out.slice(0, 2)).toEqual([
      "policy research-assistant-v2",
      "decisions 8  replayed 6  unchanged 4  flipped 2  unreplayable 1  not-policy 1",
    ]);
    expect(out).toContain("  allow -> approve: 1");
    expect(out).toContain("  allow -> deny: 1");
    expect(
      out.some((l) =>
        /^ {2}seq \d+ {2}supervisor {2}search {2}allow -> deny {2}\[reads-within-intent\] -> \[no-revenue-searches\]$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(
      out.some((l) =>
        /^ {2}seq \d+ {2}supervisor {2}transfer_funds {2}allow -> approve {2}\[acts-within-intent\] -> \[transfer-needs-approval\]$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(out).toContain("  args redacted: 1");
  });

  it("replays the recorded policy itself with zero flips (the reconstruction is faithful)", async () => {
    const result = await runCli([
      "policy",
      "replay",
      "--trace",
      fx.demo,
      "--policy",
      POLICY,
      "--intent",
      INTENT,
    ]);
    expect(result.code).toBe(0);
    expect(lines(result.stdout).slice(0, 2)).toEqual([
      "policy research-assistant",
      "decisions 8  replayed 6  unchanged 6  flipped 0  unreplayable 1  not-policy 1",
    ]);
  });

  it("prints JSON with --json and exits 1 with --fail-on-flip", async () => {
    const result = await runCli([
      "policy",
      "replay",
      "--trace",
      fx.demo,
      "--policy",
      V2,
      "--intent",
      INTENT,
      "--json",
      "--fail-on-flip",
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      policy: "research-assistant-v2",
      decisions: 8,
      replayed: 6,
      unchanged: 4,
      flipped: 2,
      unreplayable: 1,
      notPolicy: 1,
      transitions: { "allow -> deny": 1, "allow -> approve": 1 },
      unreplayableReasons: { "args redacted": 1 },
    });
    expect((report.flips as { tool: string }[]).map((f) => f.tool)).toEqual(["search", "transfer_funds"]);
  });

  it("refuses to replay a policy that reads inputs the trace does not record (mandate claims)", async () => {
    const file = join(fx.dir, "reads-mandate.yaml");
    await writeFile(
      file,
      [
        "apiVersion: mandate/v1",
        "kind: Policy",
        "metadata: { name: reads-mandate }",
        "default: allow",
        "rules:",
        "  - id: shallow-only",
        "    effect: deny",
        "    when: mandate.dep > 0",
        "",
      ].join("\n"),
    );
    const result = await runCli([
      "policy",
      "replay",
      "--trace",
      fx.demo,
      "--policy",
      file,
      "--intent",
      INTENT,
    ]);
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out[1]).toBe("decisions 8  replayed 0  unchanged 0  flipped 0  unreplayable 7  not-policy 1");
    expect(out).toContain("  the policy reads mandate claims, which the trace does not record: 7");
  });

  it("counts every policy decision as unreplayable without an intent, never guessing", async () => {
    const result = await runCli(["policy", "replay", "--trace", fx.demo, "--policy", V2]);
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out[1]).toBe("decisions 8  replayed 0  unchanged 0  flipped 0  unreplayable 7  not-policy 1");
    expect(out).toContain("  no intent (pass --intent FILE): 7");
  });
});

function reEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
