import type { ApprovalRequest } from "../mandate/types.ts";
import type { Decision } from "../policy/types.ts";

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
}

export interface GuardStats {
  readonly decisions: number;
  readonly allowed: number;
  readonly denied: number;
  readonly approvals: number;
  readonly sinkFailures: number;
  readonly eventsEmitted: number;
}
