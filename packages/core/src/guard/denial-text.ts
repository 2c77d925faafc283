import type { GuardDecision } from "./types.ts";

/**
 * What a model reads when a call is refused: the tool, the rule ids, the reason and the code, in
 * the same words from every adapter. Built only from the decision (policy text and identifiers),
 * never from the arguments or the token, so a denial cannot leak what it protects.
 */
export function denialText(
  tool: string,
  decision: Pick<GuardDecision, "ruleIds" | "reason" | "code">,
  missingMandate = false,
): string {
  const rules = decision.ruleIds.length > 0 ? ` (rule: ${decision.ruleIds.join(", ")})` : "";
  const code = decision.code !== undefined ? ` [${decision.code}]` : "";
  const reason = missingMandate ? "no mandate was presented for this agent" : decision.reason;
  return `Mandate denied the call to "${tool}"${rules}: ${reason}${code}. Do not retry this call; tell the user it was not permitted.`;
}
