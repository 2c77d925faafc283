import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { BIN, lines, runCli } from "./helpers.ts";
import { type FixturePaths, makeFixtures } from "./make-fixtures.ts";

vi.setConfig({ testTimeout: 30_000 });

let fx: FixturePaths;
let events: Record<string, unknown>[];

/** Our own SGR styles; anything else starting with ESC would have come from the trace. */
const OWN_SGR = new RegExp(`${String.fromCharCode(27)}\\[(1|2|22|31|32|33|36|39)m`, "g");

function rawControls(text: string): string[] {
  return [...text].filter((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return (
      (c < 0x20 && c !== 0x0a) ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0x2028 ||
      c === 0x2029
    );
  });
}

/** Ids and times that change from run to run or with the core's clock reads, so the snapshot shows structure. */
function normalise(text: string): string {
  return text
    .replace(/kid [A-Za-z0-9_-]{8,}…?/g, "kid <kid>")
    .replace(/\b(jti|parentJti|task)=[A-Za-z0-9_-]{8,}/g, "$1=<id>")
    .replace(/\bexp=\d+/g, "exp=<exp>")
    .replace(/\b\d+(\.\d+)? (µs|ms|s)\b/g, "<t>");
}

beforeAll(async () => {
  fx = await makeFixtures(await mkdtemp(join(tmpdir(), "mandate-cli-view-")));
  events = lines(await readFile(fx.demo, "utf8")).map((l) => JSON.parse(l) as Record<string, unknown>);
}, 30_000);

describe("mandate trace view", () => {
  it("shows the hop tree: agents, tool calls with decisions, handoffs with depth, approvals, timings", async () => {
    const result = await runCli(["trace", "view", fx.demo]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toMatch(new RegExp(`^run run-demo {2}${events.length} events {2}\\d+ ms$`));
    expect(out).toContain("   ├─ handoff supervisor → researcher  depth 1  supervisor");
    expect(out).toContain("   │     approval granted by alice@acme.example");
    expect(
      out.filter((l) => / DENY {2}rules: no-egress-after-confidential {2}— confidential data/.test(l)),
    ).toHaveLength(2);
    expect(out.at(-1)).toMatch(
      new RegExp(`^1 signed checkpoint \\(kid [A-Za-z0-9_-]+…\\), final at seq ${events.length}$`),
    );
    expect(normalise(result.stdout)).toMatchSnapshot();
  });

  it("colours effects only when asked (or on a TTY), and --no-color wins over nothing", async () => {
    const plain = await runCli(["trace", "view", fx.demo]);
    expect(plain.stdout).not.toContain("\u001b");
    const color = await runCli(["trace", "view", fx.demo, "--color"]);
    expect(color.code).toBe(0);
    expect(color.stdout).toContain("\u001b[32mALLOW\u001b[39m");
    expect(color.stdout).toContain("\u001b[31mDENY\u001b[39m");
    expect(color.stdout).toContain("\u001b[33mAPPROVE\u001b[39m");
    expect(color.stdout.replace(OWN_SGR, "")).toBe(plain.stdout);
    const conflict = await runCli(["trace", "view", fx.demo, "--color", "--no-color"]);
    expect(conflict.code).toBe(2);
    expect(lines(conflict.stderr)).toEqual(["mandate: --color and --no-color conflict"]);
  });

  // `script` (util-linux, Essential in Debian) gives the binary a real pseudo-terminal.
  it("colours by default on a TTY, and not with NO_COLOR", async () => {
    const onTty = (env: Record<string, string>): Promise<string> =>
      new Promise((resolve, reject) => {
        const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} trace view ${JSON.stringify(fx.demo)}`;
        execFile(
          "/usr/bin/script",
          ["-qec", command, "/dev/null"],
          { env: { ...process.env, ...env } },
          (error, stdout) => (error === null ? resolve(stdout) : reject(error)),
        );
      });
    expect(await onTty({ NO_COLOR: "" })).toContain("\u001b[32mALLOW\u001b[39m");
    expect(await onTty({ NO_COLOR: "1" })).not.toContain("\u001b[");
  });

  it("never writes raw control characters from a hostile trace (L-06)", async () => {
    for (const flags of [["--no-color"], ["--color"]]) {
      const result = await runCli(["trace", "view", fx.hostile, ...flags]);
      expect(result.code).toBe(0);
      expect(rawControls(result.stdout.replace(OWN_SGR, ""))).toEqual([]);
      expect(result.stdout).not.toContain("\u001b]8;");
    }
    const result = await runCli(["trace", "view", fx.hostile]);
    const out = lines(result.stdout);
    expect(out[0]).toMatch(/^run run-\\u001b\[31mhostile {2}/);
    expect(out[2]).toMatch(/^└─ agent evil\\u001b\[2K\\u000d\\u001b\[32mAPPROVED {2}\d+ ms$/);
    expect(out).toContain('   │     call c-2  args {"to":"boss@acme.example\\u202egpj.exe"} (36 B)');
    expect(out).toContain(
      "   └─ handoff evil\\u001b[2K\\u000d\\u001b[32mAPPROVED → \\u202eresearcher\\u2028next  depth 1  evil\\u001b[2K\\u000d\\u001b[32mAPPROVED",
    );
    expect(normalise(result.stdout)).toMatchSnapshot();
  });
});

describe("mandate trace stats", () => {
  it("counts decisions by agent, tool, effect and rule", async () => {
    const result = await runCli(["trace", "stats", fx.demo]);
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toBe(`events ${events.length}  runs 1  decisions 8`);
    const block = (head: string): string[] => {
      const start = out.findIndex((l) => l.startsWith(head));
      const end = out.indexOf("", start);
      return out.slice(start, end === -1 ? undefined : end);
    };
    expect(block("agent")).toEqual([
      "agent       decisions  allow  deny  approve",
      "supervisor          5      3     1        1",
      "researcher          3      1     2        0",
    ]);
    expect(block("effect")).toEqual([
      "effect   decisions",
      "allow            4",
      "deny             3",
      "approve          1",
    ]);
    expect(block("rule").some((l) => /^no-egress-after-confidential +2$/.test(l))).toBe(true);
  });

  it("prints the same counts as JSON with --json", async () => {
    const result = await runCli(["trace", "stats", fx.demo, "--json"]);
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(stats).toMatchObject({
      events: events.length,
      runs: 1,
      decisions: 8,
      effects: { allow: 4, deny: 3, approve: 1 },
      agents: {
        supervisor: { decisions: 5, allow: 3, deny: 1, approve: 1 },
        researcher: { decisions: 3, allow: 1, deny: 2, approve: 0 },
      },
      tools: { transfer_funds: { decisions: 3, allow: 2, deny: 0, approve: 1 } },
    });
  });
});
