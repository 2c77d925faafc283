import { randomUUID } from "node:crypto";
import { agentLabel } from "./authorize.ts";
import type { GuardContext } from "./context.ts";
import type { CallOutcome, GuardDecision, ToolCall } from "./types.ts";

interface PendingCall {
  readonly callId: string;
  readonly taskId: string;
  readonly startedAt: number;
}

const MAX_PENDING = 10_000;

/**
 * Allowed calls waiting for `complete()`, by call id (or by the call object when the adapter gave
 * no id). Bounded: a call that never completes is forgotten after MAX_PENDING newer ones.
 */
export class PendingCalls {
  readonly #byId = new Map<string, PendingCall>();
  readonly #byCall = new WeakMap<ToolCall, PendingCall>();

  add(call: ToolCall, decision: GuardDecision, now: Date): void {
    const entry: PendingCall = {
      callId: decision.callId,
      taskId: decision.taskId ?? "",
      startedAt: now.getTime(),
    };
    this.#byId.set(entry.callId, entry);
    this.#byCall.set(call, entry);
    if (this.#byId.size > MAX_PENDING) {
      const oldest = this.#byId.keys().next().value;
      if (oldest !== undefined) this.#byId.delete(oldest);
    }
  }

  take(call: ToolCall): PendingCall | undefined {
    const entry =
      (call.callId !== undefined ? this.#byId.get(call.callId) : undefined) ?? this.#byCall.get(call);
    if (entry !== undefined) this.#byId.delete(entry.callId);
    return entry;
  }
}

/**
 * Records a tool's outcome: `tool.result` or `tool.error` (result as a digest; an error by name,
 * code and digest — a tool's error message may quote its arguments, so no preview), and on
 * success the tool's labels join the task history: from now on the task has read that data.
 */
export function completeCall(
  ctx: GuardContext,
  pending: PendingCalls,
  call: ToolCall,
  outcome: CallOutcome,
): void {
  const entry = pending.take(call);
  const callId = entry?.callId ?? call.callId ?? randomUUID();
  const durationMs = entry === undefined ? undefined : ctx.clock().getTime() - entry.startedAt;
  const common = {
    span: callId,
    parent: ctx.callParents.parentOf(callId, call.parent),
    run: call.run,
    thread: call.thread,
    agent: agentLabel(call),
    callId,
    tool: call.tool,
    durationMs,
    // A completion without a prior allow (adapter bug or forged call) is traced but adds no taint
    // and no history: only the guard's own decisions feed the task history.
    unmatched: entry === undefined ? true : undefined,
  };
  if (outcome.ok) {
    ctx.tracer.emit({ kind: "tool.result", ...common, result: ctx.digest(outcome.result) });
    if (entry !== undefined) {
      const labels = [...(ctx.policy.toolEntry(call.tool).labels ?? []), ...(outcome.labels ?? [])];
      if (labels.length > 0) ctx.histories.get(entry.taskId)?.addLabels(labels);
    }
  } else {
    const error = outcome.error;
    const name = error instanceof Error ? error.name : typeof error;
    const code =
      typeof (error as { code?: unknown })?.code === "string" ? (error as { code: string }).code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    const { preview: _omitted, ...sizeAndHash } = ctx.digest(message);
    ctx.tracer.emit({ kind: "tool.error", ...common, error: { name, code, ...sizeAndHash } });
  }
}
