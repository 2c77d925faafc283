import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyTrace } from "@mandate/core";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../examples/supervisor/run.ts";

describe("the demo (examples/supervisor, `pnpm demo`)", () => {
  const outDir = mkdtempSync(join(tmpdir(), "mandate-demo-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("runs offline, blocks the exfiltration, pays after approval, and leaves a trace that verifies", async () => {
    const lines: string[] = [];
    const started = Date.now();
    const r = await main({ outDir, log: (line) => lines.push(line), color: false });
    expect(Date.now() - started).toBeLessThan(30_000);

    expect(r.verification.ok).toBe(true);
    expect(r.verification.events).toBe(r.events.length);
    expect(r.ran).toEqual({ search: 0, read_doc: 1, send_email: 1, transfer_funds: 1 });
    expect(r.sentTo).toEqual(["finance-team@acme.example"]);
    expect(r.approvals).toBe(1);
    expect(r.supervisorMandateUnchanged).toBe(true);

    const decisions = r.events
      .filter((e) => e.kind === "tool.decision")
      .map((e) => `${e.agent} ${e.tool} ${e.effect} ${(e.ruleIds as string[]).join(",")}`);
    expect(decisions).toEqual([
      "supervisor delegate_to_researcher allow supervisor-handoffs",
      "researcher read_doc allow reads-within-intent",
      "supervisor delegate_to_mailer allow supervisor-handoffs",
      "mailer send_email deny no-external-egress-after-confidential",
      "mailer send_email allow internal-mail",
      "supervisor delegate_to_payer allow supervisor-handoffs",
      "payer transfer_funds approve large-payment-needs-approval",
      "payer transfer_funds allow large-payment-needs-approval",
    ]);
    expect(r.events.filter((e) => e.kind === "mandate.revoke")).toHaveLength(1);

    // Every tool hop sits under the agent whose model proposed it (the guard joins by tool call
    // id), and each handoff is traced once, by Mandate's handoff tool, with the child's depth.
    const agentSpans = new Map(
      r.events.filter((e) => e.kind === "agent.start").map((e) => [e.span, e.agent] as const),
    );
    const toolEvents = r.events.filter((e) => e.kind.startsWith("tool.") || e.kind.startsWith("approval."));
    for (const event of toolEvents) expect(agentSpans.has(event.parent ?? "")).toBe(true);
    const decisionAgents = r.events
      .filter((e) => e.kind === "tool.decision")
      .map((e) => agentSpans.get(e.parent ?? ""));
    expect(decisionAgents).toEqual([
      "vendor-payment-team",
      "researcher",
      "vendor-payment-team",
      "mailer",
      "mailer",
      "vendor-payment-team",
      "payer",
      "payer",
    ]);
    const handoffs = r.events.filter((e) => e.kind === "handoff");
    expect(handoffs.map((e) => `${e.to} ${e.depth}`)).toEqual(["researcher 1", "mailer 1", "payer 1"]);

    // The files a user (and `mandate trace verify`) reads, re-verified from disk with the JWKS file.
    expect(existsSync(r.tracePath)).toBe(true);
    const jwks = JSON.parse(readFileSync(r.jwksPath, "utf8"));
    expect((await verifyTrace(r.tracePath, { keys: jwks })).ok).toBe(true);
    const text = lines.join("\n");
    expect(text).toContain("⇢ researcher");
    expect(text).toContain("depth 1");
    expect(text).toContain("DENY [no-external-egress-after-confidential]");
    expect(text).toContain("approved by cfo@acme.example");
    expect(text).toContain(`npx mandate trace view`);
    expect(text).not.toContain("\u001b["); // no colour when not asked
  });
});
