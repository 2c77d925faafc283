import { randomUUID } from "node:crypto";
import { isMandateError } from "../errors.ts";
import { argsHash } from "../mandate/approval-hash.ts";
import type { VerifiedMandate } from "../mandate/types.ts";
import { toolDefinitionHash } from "../policy/pin.ts";
import type { Decision } from "../policy/types.ts";
import type { GuardContext } from "./context.ts";
import { approvedDecision, denial } from "./decisions.ts";
import { checkScope } from "./scope.ts";
import type { GuardDecision, ToolCall } from "./types.ts";

/**
 * The one check every adapter makes before a tool runs, in DESIGN.md's order:
 * mandate valid -> tool definition unchanged (pins) -> tool inside the mandate's scope -> policy
 * with the task's history -> approval grant. Never throws for a bad call: every failure is a
 * `deny` decision carrying the MandateError code, so adapters have one path to handle.
 */
export async function authorize(ctx: GuardContext, call: ToolCall): Promise<GuardDecision> {
  assertCall(call);
  const started = process.hrtime.bigint();
  const callId = call.callId ?? randomUUID();
  const entry = ctx.policy.toolEntry(call.tool);
  const parent = ctx.callParents.parentOf(callId, call.parent);
  ctx.tracer.emit({
    kind: "tool.request",
    span: callId,
    parent,
    run: call.run,
    thread: call.thread,
    agent: agentLabel(call),
    callId,
    tool: call.tool,
    action: entry.action,
    args: ctx.digest(call.args),
  });

  let verified: VerifiedMandate | undefined;
  let decision: Decision;
  try {
    verified = await ctx.verifier.verify(call.mandate, ctx.verifyOptions);
    decision = decide(ctx, call, verified, started);
    if (decision.effect === "approve" && call.approval !== undefined) {
      const granted = await approvalGranted(ctx, call, call.approval, verified);
      // Other calls of the task may have been decided while the grant was checked: decide again,
      // so that the decision and its record in the task history (finish, below) are one
      // synchronous step and parallel calls always see each other's counts and totals.
      const fresh = decide(ctx, call, verified, started);
      decision = !granted
        ? denial(
            "APPROVAL_INVALID",
            "the approval grant is invalid, used, or for another call",
            started,
            fresh.ruleIds,
          )
        : fresh.effect === "approve"
          ? approvedDecision(fresh, undefined, started)
          : fresh;
    }
  } catch (error) {
    if (!isMandateError(error)) throw error;
    decision = denial(error.code, `mandate rejected: ${error.code}`, started);
  }

  const result = finish(ctx, call, callId, verified, decision);
  ctx.tracer.emit({
    kind: "tool.decision",
    span: callId,
    parent,
    run: call.run,
    thread: call.thread,
    agent: agentLabel(call),
    callId,
    tool: call.tool,
    effect: result.effect,
    ruleIds: [...result.ruleIds],
    reason: result.reason,
    controls: [...result.controls],
    code: result.code,
    wouldFlip: result.wouldFlip === undefined ? undefined : [...result.wouldFlip],
    latencyNs: result.latencyNs,
    jti: result.jti,
    depth: result.depth,
    monitor: result.monitored,
    enforcedEffect: result.enforcedEffect,
  });
  if (result.approvalRequest !== undefined) {
    ctx.tracer.emit({
      kind: "approval.request",
      span: callId,
      parent,
      run: call.run,
      thread: call.thread,
      agent: agentLabel(call),
      callId,
      tool: call.tool,
      jti: result.approvalRequest.jti,
      argsHash: result.approvalRequest.argsHash,
      ruleIds: [...result.ruleIds],
      reason: result.reason,
    });
  }
  return result;
}

/** Pins, scope and policy, against the task history as it is now: synchronous, never awaits. */
function decide(ctx: GuardContext, call: ToolCall, verified: VerifiedMandate, started: bigint): Decision {
  const entry = ctx.policy.toolEntry(call.tool);
  if (entry.pin !== undefined) {
    const actual = call.definition === undefined ? undefined : toolDefinitionHash(call.definition);
    if (actual !== entry.pin) {
      return denial(
        "TOOL_CHANGED",
        call.definition === undefined
          ? `tool "${call.tool}" is pinned but its definition was not presented`
          : `tool "${call.tool}" changed its definition since it was pinned`,
        started,
      );
    }
  }
  const scope = checkScope(verified.claims, call.tool, entry.action, call.args);
  if (!scope.allowed) return denial("SCOPE_DENIED", scope.reason, started);

  const history = ctx.histories.get(taskIdOf(verified));
  if (history === undefined) {
    return denial(
      "POLICY_EVAL_ERROR",
      "this task's history was evicted (the guard holds maxTasks tasks): its cumulative rules cannot be checked",
      started,
    );
  }
  return ctx.policy.decide({
    tool: call.tool,
    args: call.args,
    intent: verified.claims.intent,
    agent: call.agent ?? { id: verified.claims.sub },
    mandate: verified.claims,
    history,
    env: call.env,
    now: ctx.clock(),
  });
}

/** Whether a presented grant is valid for exactly this call (and consumes it: single use). */
async function approvalGranted(
  ctx: GuardContext,
  call: ToolCall,
  approval: string,
  verified: VerifiedMandate,
): Promise<boolean> {
  try {
    await ctx.approvals.verify(approval, { jti: verified.jti, tool: call.tool, args: call.args });
    return true;
  } catch (error) {
    if (!isMandateError(error)) throw error;
    return false;
  }
}

/** Adds the call's identity, applies monitor mode and records the call in the task history. */
function finish(
  ctx: GuardContext,
  call: ToolCall,
  callId: string,
  verified: VerifiedMandate | undefined,
  decision: Decision,
): GuardDecision {
  const base = {
    ...decision,
    callId,
    ...(verified !== undefined
      ? { jti: verified.jti, depth: verified.depth, taskId: taskIdOf(verified) }
      : {}),
  };
  let result: GuardDecision = base;
  if (decision.effect === "approve" && verified !== undefined) {
    result = {
      ...base,
      approvalRequest: { jti: verified.jti, tool: call.tool, argsHash: argsHash(call.args) },
    };
  }
  // Monitor mode lets policy and scope decisions through and marks them. A mandate that does not
  // verify still blocks: monitor mode is for rolling out policies, not for accepting forged or
  // revoked authority.
  if (ctx.mode === "monitor" && result.effect !== "allow" && verified !== undefined) {
    const { approvalRequest: _none, ...rest } = result;
    result = { ...rest, effect: "allow", enforcedEffect: result.effect, monitored: true };
  }
  // A call waiting for approval has not happened yet: it joins the history when it is decided
  // again with its grant (allow) — counting it now would count an approved call twice.
  if (verified !== undefined && result.effect !== "approve") {
    // Allowed calls count at decision time, before they run: parallel calls in one turn see each
    // other's sums, so a payment split across one turn cannot slip under a cumulative limit.
    // Labels (taint) wait for `complete()`: the data is read when the call returns, not before.
    ctx.histories
      .get(taskIdOf(verified))
      ?.record(
        { tool: call.tool, outcome: result.effect === "allow" ? "allowed" : "denied", args: call.args },
        { taint: false },
      );
  }
  ctx.countDecision(result);
  return result;
}

export function taskIdOf(verified: VerifiedMandate): string {
  return verified.claims.chn[0] ?? verified.jti;
}

export function agentLabel(call: ToolCall): string | undefined {
  return call.agent?.name ?? call.agent?.id;
}

function assertCall(call: ToolCall): void {
  if (typeof call !== "object" || call === null) throw new TypeError("authorize() needs a call object");
  if (typeof call.mandate !== "string") throw new TypeError("call.mandate must be a string");
  if (typeof call.tool !== "string" || call.tool.length === 0)
    throw new TypeError("call.tool must be a string");
  if (typeof call.args !== "object" || call.args === null || Array.isArray(call.args))
    throw new TypeError("call.args must be an object");
}
