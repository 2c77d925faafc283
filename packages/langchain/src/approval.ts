import type { GuardDecision } from "@mandate/core";

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

  get(key: string | undefined, tool: string, args: unknown): GuardDecision | undefined {
    if (key === undefined) return undefined;
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Same id but another tool or other arguments is not the call that was paused: decide afresh.
    // (Fingerprinted only here and in `set`: most calls never wait for an approver.)
    return entry.fingerprint === callFingerprint(tool, args) ? entry.decision : undefined;
  }

  set(key: string | undefined, tool: string, args: unknown, decision: GuardDecision): void {
    if (key === undefined) return;
    this.#entries.delete(key);
    this.#entries.set(key, { decision, fingerprint: callFingerprint(tool, args) });
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
