import { ToolMessage } from "@langchain/core/messages";
import type { GuardDecision } from "@mandate/core";

/**
 * What the model reads when a call is refused: tool, rule ids, reason and code; the same wording
 * as @mandate/langchain so a mixed graph reads alike. Built only from the decision, never from the
 * arguments or the token, so a denial cannot leak what it protects.
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

/** The error ToolMessage the model reads as the call's result; the run goes on. */
export function errorToolMessage(toolCallId: string, tool: string, content: string): ToolMessage {
  return new ToolMessage({ status: "error", tool_call_id: toolCallId, name: tool, content });
}
