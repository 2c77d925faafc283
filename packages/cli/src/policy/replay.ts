import type { Intent } from "@mandate/core";
import { kindOf, num, str, strList, type TraceLine } from "../trace/events.ts";
import type { LoadedPolicy } from "./load.ts";
import { recoverArgs } from "./replay-args.ts";
import { type ReplayReport, ReplayTally } from "./replay-report.ts";

/** Codes the guard sets before the policy is consulted: a new policy cannot change these. */
const GUARD_LEVEL = /^(MANDATE_|SCOPE_DENIED$|TOOL_CHANGED$)/;

type TaskHistory = ReturnType<LoadedPolicy["createHistory"]>;

interface TaskState {
  readonly history: TaskHistory;
  /** Why later decisions in this task cannot be replayed (an earlier call's args that matter are unknown). */
  incomplete: string | undefined;
}

export interface ReplayInput {
  readonly events: readonly TraceLine[];
  readonly policy: LoadedPolicy;
  readonly policyName: string;
  /** The `when` texts of the new policy, scanned for inputs the trace does not record. */
  readonly ruleTexts: readonly string[];
  readonly intent: Intent | undefined;
}

/**
 * Re-decides every recorded `tool.decision` under a new policy, on exactly what the trace proves:
 * the tool, the agent, the call's arguments when their preview is complete and matches its digest,
 * the intent (from --intent), the time, and the task history as recorded (every earlier decision
 * of the same task, the labels of the tools that returned). Decisions are re-decided against what
 * actually happened, not a counterfactual history. Anything that cannot be reconstructed is counted
 * as unreplayable with its reason, never guessed.
 */
export function replayTrace(input: ReplayInput): ReplayReport {
  const tally = new ReplayTally(input.policyName);
  const globalBlock = unsupportedInputs(input.ruleTexts);
  const historyArgsMatter = input.ruleTexts.some((t) => /\bcalls\b/.test(t));
  const jtiTask = new Map<string, string>();
  const jtiSub = new Map<string, string>();
  const requests = new Map<string, TraceLine>();
  const approved = new Set<string>();
  const callTask = new Map<string, string>();
  const tasks = new Map<string, TaskState>();
  const stateOf = (task: string): TaskState => {
    let state = tasks.get(task);
    if (state === undefined) {
      state = { history: input.policy.createHistory(), incomplete: undefined };
      tasks.set(task, state);
    }
    return state;
  };

  for (const event of input.events) {
    const kind = kindOf(event);
    const callKey = `${str(event, "run") ?? ""}\u0000${str(event, "callId") ?? str(event, "span") ?? ""}`;
    if (kind === "mandate.issue" || kind === "mandate.delegate") {
      const jti = str(event, "jti");
      if (jti === undefined) continue;
      const parent = str(event, "parentJti");
      const task =
        str(event, "task") ??
        (kind === "mandate.issue" ? jti : parent === undefined ? undefined : jtiTask.get(parent));
      if (task !== undefined) jtiTask.set(jti, task);
      const sub = str(event, "sub");
      if (sub !== undefined) jtiSub.set(jti, sub);
    } else if (kind === "tool.request") {
      requests.set(callKey, event);
    } else if (kind === "approval.resolve") {
      if (event.approved === true) approved.add(callKey);
    } else if (kind === "tool.result") {
      const task = callTask.get(callKey);
      if (task === undefined || event.unmatched === true) continue;
      const tool = str(event, "tool") ?? "";
      const labels = [...(input.policy.toolEntry(tool).labels ?? []), ...strList(event, "labels")];
      if (labels.length > 0) stateOf(task).history.addLabels(labels);
    } else if (kind === "tool.decision") {
      const tool = str(event, "tool") ?? "";
      const effect = str(event, "effect") ?? "";
      const code = str(event, "code");
      const jti = str(event, "jti");
      const depth = num(event, "depth");
      const seq = num(event, "seq") ?? 0;
      const agentLabel = str(event, "agent");
      const task = jti === undefined ? undefined : (jtiTask.get(jti) ?? (depth === 0 ? jti : undefined));
      const args = recoverArgs(requests.get(callKey));
      const base = { seq, callId: str(event, "callId") ?? "", agent: agentLabel ?? "", tool };
      // Every verified call joins its task's history, as the guard does, whatever happens below.
      const record = (state: TaskState | undefined): void => {
        if (state === undefined) return;
        state.history.record({
          tool,
          outcome: effect === "allow" ? "allowed" : "denied",
          args: args.ok ? args.args : {},
        });
        if (!args.ok && state.incomplete === undefined) {
          const summed = (input.policy.toolEntry(tool).sum ?? []).length > 0 && effect === "allow";
          if (historyArgsMatter || summed)
            state.incomplete = `an earlier call's args are unknown (seq ${seq})`;
        }
      };
      const state = jti === undefined ? undefined : stateOf(task ?? `jti:${jti}`);
      if (task !== undefined) callTask.set(callKey, task);

      if (code !== undefined && GUARD_LEVEL.test(code)) {
        tally.notPolicy(base, code);
        record(state);
        continue;
      }
      const oldEffect =
        str(event, "enforcedEffect") ??
        (code === "APPROVAL_INVALID" || (effect === "allow" && approved.has(callKey)) ? "approve" : effect);
      const why =
        globalBlock ??
        (input.intent === undefined ? "no intent (pass --intent FILE)" : undefined) ??
        (task === undefined ? "task unknown (its mandate's delegation is not in the trace)" : undefined) ??
        (args.ok ? undefined : args.reason) ??
        (input.policy.toolEntry(tool).pin !== undefined
          ? "tool is pinned; definitions are not in the trace"
          : undefined) ??
        state?.incomplete;
      if (why !== undefined || input.intent === undefined || !args.ok || state === undefined) {
        tally.unreplayable(base, why ?? "not reconstructable");
        record(state);
        continue;
      }
      const decision = input.policy.decide({
        tool,
        args: args.args,
        intent: input.intent,
        agent: {
          id: (jti === undefined ? undefined : jtiSub.get(jti)) ?? agentLabel ?? "",
          name: agentLabel ?? "",
        },
        history: state.history,
        now: dateOf(event),
      });
      tally.replayed(base, { effect: oldEffect, ruleIds: strList(event, "ruleIds") }, decision);
      record(state);
    }
  }
  return tally.report();
}

function unsupportedInputs(ruleTexts: readonly string[]): string | undefined {
  if (ruleTexts.some((t) => /\bmandate\s*\./.test(t)))
    return "the policy reads mandate claims, which the trace does not record";
  if (ruleTexts.some((t) => /\benv\b/.test(t)))
    return "the policy reads env, which the trace does not record";
  return undefined;
}

function dateOf(event: TraceLine): Date | undefined {
  const ts = str(event, "ts");
  const date = ts === undefined ? undefined : new Date(ts);
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}
