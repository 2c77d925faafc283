import { interrupt } from "@langchain/langgraph";
import {
  APPROVAL_KIND,
  type ApprovalAnswer,
  type ApprovalPayload,
  denialText,
  digest,
  type Guard,
  type GuardDecision,
  isMandateError,
  parseApprovalAnswer,
  type ToolCall,
} from "@mandate/core";
import { approvalKey, type PendingApprovals } from "./approval.ts";

export interface EnforceDeps {
  readonly guard: Guard;
  readonly approvalMode: "interrupt" | "deny";
  readonly pending: PendingApprovals;
  /** Extra keys redacted in the approval payload's preview. */
  readonly redactKeys?: readonly string[];
}

/**
 * How an adapter turns the two outcomes into its own result: the middleware returns an error
 * ToolMessage for a refusal, `guardTool` throws (ToolNode makes the ToolMessage).
 */
export interface EnforceOutcomes<R> {
  refuse(text: string, toolCallId: string): R;
  /** Runs the tool (once) and reports the outcome with `guard.complete(call, …)`. */
  run(call: ToolCall, toolCallId: string): Promise<R>;
}

/**
 * One tool call through the guard: authorize, then refuse, ask a human, or run. A policy outcome is
 * never an exception out of here (unless the adapter's `refuse` throws on purpose); only
 * `interrupt()`'s GraphInterrupt leaves by throwing, which LangGraph needs to pause the run.
 */
export async function enforceToolCall<R>(
  deps: EnforceDeps,
  call: ToolCall,
  out: EnforceOutcomes<R>,
): Promise<R> {
  const { guard, pending } = deps;
  // Code before interrupt() re-runs on resume: reuse the paused call's decision instead of
  // authorizing (and tracing, and counting in the task history) the same call again.
  const key = approvalKey(call.thread, call.callId);
  const decision = pending.get(key, call.tool, call.args) ?? (await authorizeSafely(guard, call));
  const toolCallId = call.callId ?? decision.callId;

  if (decision.effect === "allow") return out.run(call, toolCallId);
  if (decision.effect === "deny") return out.refuse(refusal(call, decision), toolCallId);
  if (deps.approvalMode === "deny") {
    const needs = {
      ...decision,
      code: "APPROVAL_REQUIRED" as const,
      reason: `needs approval: ${decision.reason}`,
    };
    return out.refuse(refusal(call, needs), toolCallId);
  }

  pending.set(key, call.tool, call.args, decision);
  const payload = approvalPayload(call, toolCallId, decision, deps.redactKeys ?? []);
  const answer = parseApprovalAnswer(interrupt(payload), payload);
  pending.delete(key);
  return resolveAndRun(guard, call, toolCallId, answer, out);
}

/** After the approver answered: a single-use approval, one more authorize, then the tool, once. */
async function resolveAndRun<R>(
  guard: Guard,
  call: ToolCall,
  toolCallId: string,
  answer: ApprovalAnswer,
  out: EnforceOutcomes<R>,
): Promise<R> {
  let approval: string | undefined;
  try {
    approval = await guard.resolveApproval(call, answer);
  } catch (error) {
    // The mandate may have expired or been revoked while the run was paused.
    if (!isMandateError(error)) throw error;
    return out.refuse(
      refusal(call, { ruleIds: [], reason: `mandate rejected: ${error.code}`, code: error.code }),
      toolCallId,
    );
  }
  if (!answer.approved || approval === undefined) {
    const by = answer.by ?? "the approver";
    const why = answer.reason === undefined ? "" : `: ${answer.reason}`;
    return out.refuse(
      `Mandate: the call to "${call.tool}" was rejected by ${by}${why}. Do not retry this call.`,
      toolCallId,
    );
  }
  const approved: ToolCall = { ...call, approval };
  const decision = await authorizeSafely(guard, approved);
  if (decision.effect !== "allow") return out.refuse(refusal(call, decision), toolCallId);
  return out.run(approved, toolCallId);
}

/**
 * The guard returns a deny for every bad mandate or call; it throws only on misuse or a bug. Even
 * then the tool must not run, and the agent's run must not abort: fail closed, as a denial.
 */
async function authorizeSafely(guard: Guard, call: ToolCall): Promise<GuardDecision> {
  try {
    return await guard.authorize(call);
  } catch (error) {
    const name = error instanceof Error ? error.name : "error";
    return {
      effect: "deny",
      ruleIds: [],
      reason: `the guard could not decide (${name})`,
      controls: [],
      latencyNs: 0,
      callId: call.callId ?? "",
    };
  }
}

function refusal(call: ToolCall, decision: Pick<GuardDecision, "ruleIds" | "reason" | "code">): string {
  return denialText(call.tool, decision, call.mandate === "");
}

/** The documented interrupt payload; see ApprovalPayload. */
function approvalPayload(
  call: ToolCall,
  toolCallId: string,
  decision: GuardDecision,
  redactKeys: readonly string[],
): ApprovalPayload {
  return {
    kind: APPROVAL_KIND,
    toolCallId,
    tool: call.tool,
    args: digest(call.args, { redactKeys }).preview,
    ruleIds: [...decision.ruleIds],
    reason: decision.reason,
    argsHash: decision.approvalRequest?.argsHash ?? "",
  };
}
