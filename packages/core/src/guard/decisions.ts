import type { ErrorCode } from "../errors.ts";
import type { Decision } from "../policy/types.ts";

/** A guard-level denial (mandate, pin, scope, approval) in the same shape as a policy decision. */
export function denial(
  code: ErrorCode,
  reason: string,
  startedNs: bigint,
  ruleIds: readonly string[] = [],
): Decision {
  return {
    effect: "deny",
    ruleIds,
    reason,
    controls: [],
    code,
    latencyNs: Number(process.hrtime.bigint() - startedNs),
  };
}

/** Approved by a valid single-use grant: the policy's `approve` becomes `allow`, once. */
export function approvedDecision(decision: Decision, by: string | undefined, startedNs: bigint): Decision {
  const { code: _dropped, ...rest } = decision;
  return {
    ...rest,
    effect: "allow",
    reason: by === undefined ? `approved: ${decision.reason}` : `approved by ${by}: ${decision.reason}`,
    latencyNs: Number(process.hrtime.bigint() - startedNs),
  };
}
