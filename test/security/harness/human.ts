import { type ApprovalAnswer, type ApprovalPayload, answerApproval, digest } from "@mandate/core";
import type { CallSpec } from "./types.ts";

/** Whoever answers approval requests in a run. */
export interface Approver {
  answer(payload: ApprovalPayload): ApprovalAnswer;
  /** Every payload shown, in order (what the human was asked). */
  readonly asked: readonly ApprovalPayload[];
}

/**
 * A careful human: approves a paused call only when it is one the user asked for (same tool, same
 * arguments as shown in the payload's preview), and only as many times as the user asked for it.
 * Anything else — a new payee, a second identical payment, edited arguments — is rejected.
 */
export function diligentHuman(userCalls: readonly CallSpec[]): Approver {
  const remaining = userCalls.map((c) => ({ tool: c.tool, preview: digest(c.args).preview }));
  const asked: ApprovalPayload[] = [];
  return {
    asked,
    answer(payload) {
      asked.push(payload);
      const index = remaining.findIndex((c) => c.tool === payload.tool && c.preview === payload.args);
      if (index === -1) {
        return { approved: false, by: "emma.johnson@acme.example", reason: "I did not ask for this" };
      }
      remaining.splice(index, 1);
      return answerApproval(payload, { approved: true, by: "emma.johnson@acme.example" });
    },
  };
}
