import type { ToolMessage } from "@langchain/core/messages";
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
  type ToolDefinition,
} from "@mandate/core";
import { type CallSite, callSite } from "./call-site.ts";
import { callKey, type Ledger, type Resolution, type Screened } from "./ledger.ts";
import { errorToolMessage } from "./messages.ts";
import { mandateFor, type ScreenOptions } from "./options.ts";

/** A tool call as an AIMessage carries it. */
export interface PendingToolCall {
  readonly id: string;
  readonly name: string;
  readonly args: Record<string, unknown>;
}

export interface ScreenResult {
  /** Error ToolMessages for refused calls (ToolNode skips calls that already have one). */
  readonly refused: ToolMessage[];
  /** Calls the guard cleared, in order (recorded in the ledger for the tool node). */
  readonly allowed: ToolCall[];
}

/**
 * One guard pass over the pending tool calls of an AIMessage: every call is authorized first,
 * then approvals are asked one `interrupt()` at a time, in call order (each resumed by its own
 * interrupt id). Nothing runs here. Decisions are kept in the ledger until the pass finishes,
 * because LangGraph re-runs the node from the top on resume (see Ledger).
 */
export async function screenToolCalls(
  opts: ScreenOptions,
  ledger: Ledger,
  state: unknown,
  config: unknown,
  calls: readonly PendingToolCall[],
): Promise<ScreenResult> {
  const site = callSite(config);
  const agent = opts.agentName ?? site.agent;
  const mandate = (await mandateFor(opts, state, config, agent)) ?? "";
  const refused: ToolMessage[] = [];
  const allowed: ToolCall[] = [];
  const keys: string[] = [];
  const entries: ({ key: string; entry: Screened } | { cleared: ToolCall })[] = [];
  const fresh: { key: string; entry: Screened }[] = [];

  for (const tc of calls) {
    const key = callKey(site.thread, tc.id);
    // This pass's own earlier decision (the node re-runs from the top on resume) comes first…
    let entry = ledger.screened(key, tc.name, tc.args);
    if (entry === undefined) {
      // …else a call a guard node upstream already cleared: run it, do not decide twice.
      const cleared = ledger.peek(key, tc.name);
      if (cleared !== undefined) {
        entries.push({ cleared });
        continue;
      }
      const call = buildCall(opts, site, agent, mandate, tc, state);
      entry = { call, decision: await authorizeSafely(opts.guard, call) };
      fresh.push({ key, entry });
    }
    keys.push(key);
    entries.push({ key, entry });
  }
  // Decisions need to outlive this pass only if it can pause: only an approval asks (interrupt),
  // and then LangGraph re-runs the node from the top. Otherwise they are forgotten below anyway.
  const canPause =
    opts.approval === "interrupt" &&
    entries.some((item) => "entry" in item && item.entry.decision.effect === "approve");
  if (canPause) for (const { key, entry } of fresh) ledger.remember(key, entry);

  for (const item of entries) {
    if ("cleared" in item) {
      allowed.push(item.cleared);
      continue;
    }
    const { key, entry } = item;
    const { call, decision } = entry;
    const toolCallId = call.callId ?? decision.callId;
    if (decision.effect === "allow") {
      ledger.clear(key, call);
      allowed.push(call);
    } else if (decision.effect === "deny") {
      refused.push(errorToolMessage(toolCallId, call.tool, denialText(call.tool, decision, mandate === "")));
    } else if (opts.approval === "deny") {
      const needs = {
        ...decision,
        code: "APPROVAL_REQUIRED" as const,
        reason: `needs approval: ${decision.reason}`,
      };
      refused.push(errorToolMessage(toolCallId, call.tool, denialText(call.tool, needs)));
    } else {
      // Always call interrupt() for every approval, in the same order: LangGraph matches resume
      // values to interrupts by position, so skipping one would hand its answer to the next.
      const payload = approvalPayload(call, toolCallId, decision, opts.redactKeys);
      const answer = parseApprovalAnswer(interrupt(payload), payload);
      entry.resolution ??= await resolve(opts.guard, call, answer);
      if (entry.resolution.kind === "allow") {
        ledger.clear(key, entry.resolution.call);
        allowed.push(entry.resolution.call);
      } else {
        refused.push(errorToolMessage(toolCallId, call.tool, entry.resolution.text));
      }
    }
  }
  ledger.forget(keys);
  return { refused, allowed };
}

function buildCall(
  opts: ScreenOptions,
  site: CallSite,
  agent: string | undefined,
  mandate: string,
  tc: PendingToolCall,
  state: unknown,
): ToolCall {
  const definition: ToolDefinition | undefined = opts.definitions.get(tc.name);
  const env = opts.env?.(state);
  return {
    mandate,
    tool: tc.name,
    args: tc.args,
    callId: tc.id,
    ...(agent !== undefined ? { agent: { id: agent } } : {}),
    ...(site.thread !== undefined ? { thread: site.thread } : {}),
    ...(site.parent !== undefined ? { parent: site.parent } : {}),
    ...(env !== undefined ? { env } : {}),
    ...(definition !== undefined ? { definition } : {}),
  };
}

/** After the approver answered: a single-use approval, one more authorize (which consumes it). */
async function resolve(guard: Guard, call: ToolCall, answer: ApprovalAnswer): Promise<Resolution> {
  let approval: string | undefined;
  try {
    approval = await guard.resolveApproval(call, answer);
  } catch (error) {
    // The mandate may have expired or been revoked while the run was paused.
    if (!isMandateError(error)) throw error;
    const reason = `mandate rejected: ${error.code}`;
    return { kind: "refuse", text: denialText(call.tool, { ruleIds: [], reason, code: error.code }) };
  }
  if (!answer.approved || approval === undefined) {
    const why = answer.reason === undefined ? "" : `: ${answer.reason}`;
    const text = `Mandate: the call to "${call.tool}" was rejected by ${answer.by ?? "the approver"}${why}. Do not retry this call.`;
    return { kind: "refuse", text };
  }
  const approved: ToolCall = { ...call, approval };
  const decision = await authorizeSafely(guard, approved);
  if (decision.effect === "allow") return { kind: "allow", call: approved };
  return { kind: "refuse", text: denialText(call.tool, decision) };
}

/**
 * The guard returns a deny for every bad mandate or call and throws only on misuse or a bug. Even
 * then the tool must not run and the run must not abort: fail closed, as a denial.
 */
export async function authorizeSafely(guard: Guard, call: ToolCall): Promise<GuardDecision> {
  try {
    return await guard.authorize(call);
  } catch (error) {
    const name = error instanceof Error ? error.name : "error";
    const reason = `the guard could not decide (${name})`;
    return { effect: "deny", ruleIds: [], reason, controls: [], latencyNs: 0, callId: call.callId ?? "" };
  }
}

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
