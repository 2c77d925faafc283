import { describe, expect, it } from "vitest";
import {
  APPROVAL_KIND,
  answerApproval,
  denialText,
  isApprovalPayload,
  parseApprovalAnswer,
} from "../../src/index.ts";

describe("the approval protocol shared by the adapters", () => {
  const payload = {
    kind: APPROVAL_KIND,
    toolCallId: "c1",
    tool: "pay",
    args: '{"amount":5000}',
    ruleIds: ["big"],
    reason: "needs a human",
    argsHash: "hash-of-5000",
  } as const;

  it("approves only on `approved: true` with the payload's argsHash; every malformed answer is a rejection", () => {
    expect(
      parseApprovalAnswer(answerApproval(payload, { approved: true, by: "alice", reason: "ok" }), payload),
    ).toEqual({
      approved: true,
      by: "alice",
      reason: "ok",
      argsHash: "hash-of-5000",
    });
    for (const answer of [undefined, null, true, "yes", 1, {}, { approved: "true" }, { approved: 1 }, []]) {
      expect(parseApprovalAnswer(answer, payload).approved).toBe(false);
    }
    expect(
      parseApprovalAnswer({ approved: true, by: 7, reason: {}, argsHash: "hash-of-5000" }, payload),
    ).toEqual({
      approved: true,
      argsHash: "hash-of-5000",
    });
  });

  it("an approval that does not name these arguments is a rejection (edited or misrouted answers)", () => {
    expect(parseApprovalAnswer({ approved: true, by: "alice" }, payload)).toEqual({
      approved: false,
      by: "alice",
      reason: "the approval does not name the arguments it approves (argsHash)",
    });
    expect(parseApprovalAnswer({ approved: true, by: "alice", argsHash: "hash-of-4900" }, payload)).toEqual({
      approved: false,
      by: "alice",
      reason: "the approval was given for other arguments",
    });
    // The same arguments for another tool or tool call (two paused calls swapped) approve nothing.
    const answer = answerApproval(payload, { approved: true, by: "alice" });
    expect(parseApprovalAnswer(answer, { ...payload, tool: "refund" })).toEqual({
      approved: false,
      by: "alice",
      reason: "the approval was given for another call",
    });
    expect(parseApprovalAnswer(answer, { ...payload, toolCallId: "c2" }).approved).toBe(false);
    // A rejection needs no hash: refusing is always safe.
    expect(parseApprovalAnswer({ approved: false, by: "bob", reason: "no" }, payload)).toEqual({
      approved: false,
      by: "bob",
      reason: "no",
    });
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
