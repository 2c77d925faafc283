import type { GuardDecision } from "@mandate/core";

/**
 * What `interrupt()` hands the application when a call needs a human: enough to decide, nothing to
 * leak. `args` is the guard's redacted, size-capped preview; `argsHash` is the hash the single-use
 * approval will be bound to (sha256, base64url, of the RFC 8785 canonical arguments).
 */
export interface ApprovalPayload {
  readonly kind: "mandate.approval";
  readonly toolCallId: string;
  readonly tool: string;
  readonly args: string;
  readonly ruleIds: readonly string[];
  readonly reason: string;
  readonly argsHash: string;
}

/** The resume value for one approval, sent as `new Command({ resume: { [interruptId]: answer } })`. */
export interface ApprovalAnswer {
  readonly approved: boolean;
  readonly by?: string;
  readonly reason?: string;
}

export const APPROVAL_KIND = "mandate.approval" as const;

/** True for an interrupt value produced by `mandateMiddleware` (for UIs that route interrupts). */
export function isApprovalPayload(value: unknown): value is ApprovalPayload {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === APPROVAL_KIND;
}

/**
 * Reads a resume value. Anything but `{ approved: true }` is a rejection: a malformed answer must
 * never approve. `by` and `reason` are kept only when they are strings.
 */
export function parseApprovalAnswer(value: unknown): ApprovalAnswer {
  if (typeof value !== "object" || value === null)
    return { approved: false, reason: "no valid approval answer" };
  const v = value as Record<string, unknown>;
  return {
    approved: v.approved === true,
    ...(typeof v.by === "string" ? { by: v.by } : {}),
    ...(typeof v.reason === "string" ? { reason: v.reason } : {}),
  };
}

interface PendingApproval {
  readonly decision: GuardDecision;
  /** The paused call's tool and arguments, to tell it from another call reusing the id. */
  readonly fingerprint: string;
}

/**
 * Decisions waiting for an approver, by thread and tool call id.
 *
 * Why: LangGraph re-runs a node from the top when it resumes, so the code before `interrupt()` runs
 * twice. Without this cache the guard would trace `tool.request`/`tool.decision`/`approval.request`
 * again and count the call twice in the task history. The entry is taken when the answer arrives.
 * It lives in this process (shared per guard): a resume handled by another process re-authorizes
 * (and re-traces) the call once.
 * Bounded: the oldest pending approval is forgotten after `max` newer ones.
 */
export class PendingApprovals {
  readonly #entries = new Map<string, PendingApproval>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string | undefined, fingerprint: string): GuardDecision | undefined {
    if (key === undefined) return undefined;
    const entry = this.#entries.get(key);
    // Same id but another tool or other arguments is not the call that was paused: decide afresh.
    return entry?.fingerprint === fingerprint ? entry.decision : undefined;
  }

  set(key: string | undefined, fingerprint: string, decision: GuardDecision): void {
    if (key === undefined) return;
    this.#entries.delete(key);
    this.#entries.set(key, { decision, fingerprint });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  delete(key: string | undefined): void {
    if (key !== undefined) this.#entries.delete(key);
  }
}

// One cache per guard, shared by every middleware and guardTool built on it: servers often rebuild
// the agent per request, and the resumed request must still find the paused call's decision.
const byGuard = new WeakMap<object, PendingApprovals>();

/** The pending approvals of this guard (created on first use). */
export function pendingApprovalsFor(guard: object, max: number): PendingApprovals {
  let pending = byGuard.get(guard);
  if (pending === undefined) {
    pending = new PendingApprovals(max);
    byGuard.set(guard, pending);
  }
  return pending;
}

/** Tool call ids repeat across threads (and across fake models), so the thread is part of the key. */
export function approvalKey(thread: string | undefined, callId: string | undefined): string | undefined {
  return callId === undefined ? undefined : `${thread ?? ""}\u0000${callId}`;
}

/** Tool name plus arguments as key-sorted JSON; only compared in memory, never traced. */
export function callFingerprint(tool: string, args: unknown): string {
  return `${tool}\u0000${stableJson(args)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
