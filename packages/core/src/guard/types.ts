import type { ApprovalRequest } from "../mandate/types.ts";
import type { Decision } from "../policy/types.ts";
import type { ApprovalAnswer } from "./approval-protocol.ts";

/** A tool's model-facing definition; hashed for `pin:` checks. */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments. */
  readonly schema?: unknown;
}

export interface ToolCall {
  /** The compact mandate token; never logged or traced (it appears by `jti`). */
  readonly mandate: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The model's tool call id; joins request, decision and result in the trace. */
  readonly callId?: string;
  readonly agent?: { readonly id: string; readonly name?: string };
  /** History is kept per run/thread: calls with the same key share taint and totals. */
  readonly run?: string;
  readonly thread?: string;
  /** The span of the hop that made this call (agent or model span), for the trace tree. */
  readonly parent?: string;
  readonly env?: Readonly<Record<string, unknown>>;
  /** A signed approval grant (`approval+jwt`) for exactly this call. */
  readonly approval?: string;
  /** The tool's current definition, checked against the catalogue's `pin:`. */
  readonly definition?: ToolDefinition;
}

export interface GuardDecision extends Decision {
  readonly callId: string;
  /** The mandate's `jti` and depth when it verified. */
  readonly jti?: string;
  readonly depth?: number;
  /** The task (root mandate jti) whose history this call joined. */
  readonly taskId?: string;
  /** Set when effect is `approve`: what an approver must grant (bound to this exact call). */
  readonly approvalRequest?: ApprovalRequest;
  /** Monitor mode: the effect the guard would have enforced (the returned effect is `allow`). */
  readonly enforcedEffect?: Decision["effect"];
  readonly monitored?: boolean;
}

export interface CallOutcome {
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: unknown;
  /** Labels of what this particular result contained (dynamic taint), added to the catalogue's. */
  readonly labels?: readonly string[];
}

export interface GuardStats {
  readonly decisions: number;
  readonly allowed: number;
  readonly denied: number;
  readonly approvals: number;
  readonly sinkFailures: number;
  readonly eventsEmitted: number;
}

/** The one object every adapter holds. */
export interface Guard {
  /** Verify the mandate, check scope, decide by policy; traces `tool.request` + `tool.decision`. */
  authorize(call: ToolCall): Promise<GuardDecision>;
  /** Record the result (`tool.result` / `tool.error`) and add the tool's labels to the task history. */
  complete(call: ToolCall, outcome: CallOutcome): void;
  /**
   * Approve (or reject) a pending call: returns a single-use `approval+jwt` bound to exactly that
   * call, to pass back as `call.approval`. Traces `approval.resolve`. Only an answer whose
   * `argsHash` is that of `call.args` (the approval payload's) approves.
   */
  resolveApproval(call: ToolCall, answer: ApprovalAnswer): Promise<string | undefined>;
  /** Narrow `parent` for a child agent (MANDATE_ESCALATION when it would widen). */
  delegate(parent: string, options: import("../mandate/types.ts").DelegateOptions): Promise<string>;
  /** Revoke a mandate and all its descendants. */
  revoke(jti: string): Promise<void>;
  /** Verify a mandate (cached) without deciding anything. */
  verify(mandate: string): Promise<import("../mandate/types.ts").VerifiedMandate>;
  /** Tool names (from `names`) this mandate's scope could ever allow; for hiding tools from the model. */
  toolsInScope(mandate: string, names: readonly string[]): Promise<string[]>;
  /** Add an adapter's own hop (agent, model, handoff, run) to the same hash chain. */
  record(record: import("../trace/types.ts").TraceRecord): void;
  stats(): GuardStats;
  /** Flush sinks and write the final signed checkpoint. */
  close(): Promise<void>;
}
