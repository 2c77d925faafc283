import { describe, expect, it, vi } from "vitest";
import { GROUPS } from "../src/main.ts";
import { lines, runCli } from "./helpers.ts";

vi.setConfig({ testTimeout: 30_000 });

describe("mandate (usage)", () => {
  it("prints the command list for --help and exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const out = lines(result.stdout);
    expect(out[0]).toBe(
      "mandate — view, verify and replay Mandate traces, test policies, inspect tokens, make keys",
    );
    for (const name of [
      "trace view",
      "trace verify",
      "trace html",
      "trace stats",
      "policy check",
      "policy test",
      "policy replay",
      "token inspect",
      "keys new",
    ]) {
      expect(out.some((l) => l.startsWith(`  ${name} `))).toBe(true);
    }
  });

  it("prints the help on stderr and exits 2 without a command", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: mandate <group> <command> [options]");
  });

  it("has --help for every group and every command", async () => {
    for (const group of GROUPS) {
      const groupHelp = await runCli([group.name, "--help"]);
      expect(groupHelp.code).toBe(0);
      expect(lines(groupHelp.stdout)[2]).toBe(`Usage: mandate ${group.name} <command> [options]`);
      for (const command of group.commands) {
        const help = await runCli([group.name, command.name, "--help"]);
        expect(help.code).toBe(0);
        expect(help.stderr).toBe("");
        const out = lines(help.stdout);
        expect(out[0]).toBe(`mandate ${group.name} ${command.name} — ${command.summary}`);
        expect(out[2]).toMatch(new RegExp(`^Usage: mandate ${group.name} ${command.name}`));
        expect(out).toContain("Example:");
        expect(out.some((l) => /^ {2}-h, --help +show this help$/.test(l))).toBe(true);
      }
    }
  }, 60_000);

  it("exits 2 with one line on stderr for unknown commands, flags and missing arguments", async () => {
    const cases: [string[], string][] = [
      [["nope"], 'mandate: unknown command "nope" (see `mandate --help`)'],
      [["trace"], ""],
      [["trace", "nope"], 'mandate: unknown command "trace nope" (see `mandate trace --help`)'],
      [["trace", "view"], "mandate: trace view: missing FILE"],
      [["trace", "view", "a", "b"], 'mandate: trace view: unexpected argument "b"'],
      [["trace", "view", "x.jsonl", "--bogus"], "mandate: trace view: Unknown option '--bogus'"],
      [["trace", "verify", "x.jsonl"], "mandate: trace verify: missing --keys JWKS"],
      [["trace", "html", "x.jsonl"], "mandate: trace html: missing --out OUT.html"],
      [
        ["trace", "view", "/nonexistent/t.jsonl"],
        'mandate: cannot read trace "/nonexistent/t.jsonl": no such file',
      ],
      [
        ["trace", "stats", "packages/cli/README.md"],
        'mandate: trace "packages/cli/README.md" line 1: not valid JSON',
      ],
      [
        ["policy", "check", "/nonexistent/p.yaml"],
        'mandate: cannot read policy "/nonexistent/p.yaml": no such file',
      ],
      [["policy", "replay", "--trace", "t.jsonl"], "mandate: policy replay: missing --policy NEW"],
      [["keys", "new", "--alg", "RS256"], 'mandate: keys new: --alg must be EdDSA or ES256, not "RS256"'],
      [
        ["token", "inspect", "x", "--keys", "k.json"],
        "mandate: token inspect: --keys needs --issuer and --audience",
      ],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      if (message !== "") expect(lines(result.stderr), args.join(" ")).toEqual([message]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it("starts quickly (best of three runs under 1.5 s)", async () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const result = await runCli(["trace", "view", "--help"]);
      expect(result.code).toBe(0);
      times.push(performance.now() - started);
    }
    expect(Math.min(...times)).toBeLessThan(1500);
  }, 30_000);
});
