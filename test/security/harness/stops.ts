import type { ErrorCode } from "@mandate/core";
import type { Stop } from "./types.ts";

/** A policy denial by exactly these rules ([] = the policy's `default: deny`, no rule matched). */
export function deny(tool: string, ...ruleIds: string[]): Stop {
  return { tool, effect: "deny", code: "POLICY_DENIED", ruleIds };
}

/** A denial by a guard check that is not a policy rule (scope, pin) or by an unevaluable input. */
export function refused(tool: string, code: ErrorCode): Stop {
  return { tool, effect: "deny", code, ruleIds: [] };
}

/** A pause for approval by these rules, which the approver then refused. */
export function awaitingApproval(tool: string, ...ruleIds: string[]): Stop {
  return { tool, effect: "approve", code: "APPROVAL_REQUIRED", ruleIds };
}
