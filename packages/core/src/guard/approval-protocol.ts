/**
 * The approval protocol every adapter speaks, so one UI serves LangChain and LangGraph alike:
 * each approval is its own `interrupt()` whose value is an ApprovalPayload, answered with
 * `new Command({ resume: { [interrupt.id]: { approved: true, by: "alice" } } })`.
 */

/**
 * What the application is handed when a call needs a human: enough to decide, nothing to leak.
 * `args` is the guard's redacted, size-capped preview; `argsHash` is the hash the single-use
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

/** The resume value for one approval. */
export interface ApprovalAnswer {
  readonly approved: boolean;
  readonly by?: string;
  readonly reason?: string;
}

export const APPROVAL_KIND = "mandate.approval" as const;

/** True for an interrupt value produced by a Mandate adapter (for UIs that route interrupts). */
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
