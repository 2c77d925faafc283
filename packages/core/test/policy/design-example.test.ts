import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/index.ts";

const DESIGN_POLICY = readFileSync(
  join(import.meta.dirname, "../../../../examples/policy/policy.yaml"),
  "utf8",
);
const intent = { id: "t1", purpose: "research", tools: ["search", "read_doc"] };

describe("DESIGN.md's example policy", () => {
  const policy = loadPolicy(DESIGN_POLICY);

  it("allows a read within the intent", () => {
    const d = policy.decide({ tool: "search", args: { q: "x" }, intent });
    expect(d).toMatchObject({ effect: "allow", ruleIds: ["reads-within-intent"], controls: [] });
    expect(d.code).toBeUndefined();
    expect(d.latencyNs).toBeGreaterThan(0);
  });

  it("denies send_email after a confidential read, with the rule's controls", () => {
    const d = policy.decide({
      tool: "send_email",
      args: { to: "x@evil.example" },
      intent,
      history: [{ tool: "read_doc", outcome: "allowed" }],
    });
    expect(d).toMatchObject({
      effect: "deny",
      code: "POLICY_DENIED",
      ruleIds: ["no-egress-after-confidential"],
      reason: "confidential data was read in this task and may not leave it",
      controls: ["OWASP-ASI02", "NIST-AI-RMF-MANAGE-2.2"],
    });
  });

  it("does not taint from a denied or failed read", () => {
    for (const outcome of ["denied", "failed"] as const) {
      const d = policy.decide({
        tool: "send_email",
        args: {},
        intent,
        history: [{ tool: "read_doc", outcome }],
      });
      expect(d.ruleIds).not.toContain("no-egress-after-confidential");
    }
  });

  it("asks for approval for a transfer of 5000", () => {
    const d = policy.decide({ tool: "transfer_funds", args: { amount: 5000 }, intent });
    expect(d).toMatchObject({
      effect: "approve",
      code: "APPROVAL_REQUIRED",
      ruleIds: ["large-transfer-needs-approval"],
    });
  });

  it("denies an unknown tool by the default", () => {
    const d = policy.decide({ tool: "shell_exec", args: {}, intent });
    expect(d).toMatchObject({
      effect: "deny",
      code: "POLICY_DENIED",
      ruleIds: [],
      reason: "no rule matched; default deny",
    });
    expect(policy.toolEntry("shell_exec")).toEqual({ action: "act" });
  });
});
