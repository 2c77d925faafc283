/**
 * The approval protocol, identical to @mandate/langchain's so one UI serves both adapters:
 * every approval is its own `interrupt()` whose value is an ApprovalPayload, answered with
 * `new Command({ resume: { [interrupt.id]: { approved: true, by: "alice" } } })`.
 */
export interface ApprovalPayload {
  readonly kind: "mandate.approval";
  readonly toolCallId: string;
  readonly tool: string;
  /** The guard's redacted, size-capped preview of the arguments. */
  readonly args: string;
  readonly ruleIds: readonly string[];
  readonly reason: string;
  /** What the single-use approval will be bound to (sha256 of the canonical arguments). */
  readonly argsHash: string;
}

export interface ApprovalAnswer {
  readonly approved: boolean;
  readonly by?: string;
  readonly reason?: string;
}

export const APPROVAL_KIND = "mandate.approval" as const;

/** True for an interrupt value produced by Mandate (for UIs that route interrupts). */
export function isApprovalPayload(value: unknown): value is ApprovalPayload {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === APPROVAL_KIND;
}

/** Anything but `{ approved: true }` is a rejection: a malformed answer must never approve. */
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
