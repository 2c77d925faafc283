import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BaseMessage } from "@langchain/core/messages";
import { afterAll, describe, expect, it } from "vitest";
import { main as mcp } from "../../examples/mcp/run.ts";
import { main as quickstart } from "../../examples/quickstart/run.ts";
import { main as demo } from "../../examples/supervisor/run.ts";
import { main as swarm } from "../../examples/swarm/run.ts";

/**
 * Every example's output as a whole — trace files, in-memory events, what each prints, and what the
 * models were told — holds no compact JWS (a mandate or an approval), and no private key.
 */
const COMPACT_JWS = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/;

function expectNoSecrets(label: string, text: string): void {
  expect(COMPACT_JWS.exec(text)?.[0].slice(0, 12), `${label}: a token-shaped string`).toBeUndefined();
  expect(text, `${label}: a private JWK member`).not.toMatch(/"d"\s*:\s*"/);
  expect(text, `${label}: a PEM key`).not.toContain("PRIVATE KEY");
}

const contents = (messages: readonly BaseMessage[]) =>
  messages.map((m) => JSON.stringify(m.content)).join("\n");

describe("no token or key in any example's trace, output or model-visible message", () => {
  const outDir = mkdtempSync(join(tmpdir(), "mandate-leak-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("the supervisor demo", async () => {
    const lines: string[] = [];
    const r = await demo({ outDir: join(outDir, "demo"), log: (l) => lines.push(l), color: false });
    expect(r.events.length).toBeGreaterThan(40);
    expectNoSecrets("demo trace file", readFileSync(r.tracePath, "utf8"));
    expectNoSecrets("demo output", lines.join("\n"));
    const jwks = JSON.parse(readFileSync(r.jwksPath, "utf8")) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(Object.keys(key)).not.toContain("d");
  });

  it("the quickstart", async () => {
    const lines: string[] = [];
    const r = await quickstart({ outDir: join(outDir, "quickstart"), log: (l) => lines.push(l) });
    expectNoSecrets("quickstart trace file", readFileSync(r.tracePath, "utf8"));
    expectNoSecrets("quickstart output", lines.join("\n"));
  });

  it("the swarm, checked against the very mandates it minted", async () => {
    const lines: string[] = [];
    const r = await swarm({ log: (l) => lines.push(l) });
    const minted = Object.values(r.mandates);
    expect(minted.length).toBeGreaterThan(1);
    for (const token of minted) expect(COMPACT_JWS.test(token)).toBe(true); // the scan would see one
    const seen = [
      JSON.stringify(r.events),
      lines.join("\n"),
      r.toolMessages.map((m) => m.content).join("\n"),
    ];
    for (const text of seen) {
      expectNoSecrets("swarm", text);
      for (const token of minted) expect(text.includes(token)).toBe(false);
    }
  });

  it("the MCP example", async () => {
    const lines: string[] = [];
    const r = await mcp({ log: (l) => lines.push(l) });
    expectNoSecrets("mcp trace", JSON.stringify(r.events));
    expectNoSecrets("mcp output", lines.join("\n"));
    expectNoSecrets("mcp messages", contents(r.messages));
  });
});
