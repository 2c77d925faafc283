import { describe, expect, it } from "vitest";
import { APPROVAL_KIND, denialText, isApprovalPayload, parseApprovalAnswer } from "../../src/index.ts";

describe("the approval protocol shared by the adapters", () => {
  it("approves only on `approved: true` exactly; every malformed answer is a rejection", () => {
    expect(parseApprovalAnswer({ approved: true, by: "alice", reason: "ok" })).toEqual({
      approved: true,
      by: "alice",
      reason: "ok",
    });
    for (const answer of [undefined, null, true, "yes", 1, {}, { approved: "true" }, { approved: 1 }, []]) {
      expect(parseApprovalAnswer(answer).approved).toBe(false);
    }
    expect(parseApprovalAnswer({ approved: true, by: 7, reason: {} })).toEqual({ approved: true });
  });

  it("recognises its own interrupt payloads only", () => {
    expect(isApprovalPayload({ kind: APPROVAL_KIND, tool: "t" })).toBe(true);
    expect(isApprovalPayload({ kind: "other" })).toBe(false);
    expect(isApprovalPayload(null)).toBe(false);
  });

  it("words a denial from the decision alone: rule ids, reason and code", () => {
    const text = denialText("send_email", {
      ruleIds: ["r1", "r2"],
      reason: "no egress",
      code: "POLICY_DENIED",
    });
    expect(text).toBe(
      'Mandate denied the call to "send_email" (rule: r1, r2): no egress [POLICY_DENIED]. Do not retry this call; tell the user it was not permitted.',
    );
    expect(denialText("t", { ruleIds: [], reason: "x", code: undefined }, true)).toBe(
      'Mandate denied the call to "t": no mandate was presented for this agent. Do not retry this call; tell the user it was not permitted.',
    );
  });
});
