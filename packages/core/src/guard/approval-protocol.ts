/**
 * The approval protocol every adapter speaks, so one UI serves LangChain and LangGraph alike:
 * each approval is its own `interrupt()` whose value is an ApprovalPayload, answered with
 * `new Command({ resume: { [interrupt.id]: answerApproval(payload, { approved: true, by: "alice" }) } })`.
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

/**
 * The resume value for one approval. `argsHash` must repeat the payload's: an answer names the
 * exact arguments it approves, so it can never be spent on a call whose arguments changed after
 * the approver saw them (a checkpoint edited while paused, a resume value meant for another pause).
 * Build it with `answerApproval(payload, …)`.
 */
export interface ApprovalAnswer {
  readonly approved: boolean;
  readonly by?: string;
  readonly reason?: string;
  readonly argsHash?: string;
  /** The tool and tool call the approver was shown; when present they must match too. */
  readonly tool?: string;
  readonly toolCallId?: string;
}

export const APPROVAL_KIND = "mandate.approval" as const;

/** True for an interrupt value produced by a Mandate adapter (for UIs that route interrupts). */
export function isApprovalPayload(value: unknown): value is ApprovalPayload {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === APPROVAL_KIND;
}

/** The answer to one approval request, bound to the call it showed: tool, tool call and arguments. */
export function answerApproval(
  payload: ApprovalPayload,
  answer: { readonly approved: boolean; readonly by?: string; readonly reason?: string },
): ApprovalAnswer {
  return { ...answer, argsHash: payload.argsHash, tool: payload.tool, toolCallId: payload.toolCallId };
}

/**
 * Reads a resume value for `payload`. Anything but `{ approved: true, argsHash: payload.argsHash }`
 * (and, when the answer names them, the payload's tool and tool call id) is a rejection: a
 * malformed answer, or one for another call or other arguments, must never approve. `by` and
 * `reason` are kept only when they are strings.
 */
export function parseApprovalAnswer(
  value: unknown,
  payload: Pick<ApprovalPayload, "argsHash" | "tool" | "toolCallId">,
): ApprovalAnswer {
  if (typeof value !== "object" || value === null)
    return { approved: false, reason: "no valid approval answer" };
  const v = value as Record<string, unknown>;
  const who = typeof v.by === "string" ? { by: v.by } : {};
  if (v.approved === true && v.argsHash !== payload.argsHash) {
    return {
      approved: false,
      ...who,
      reason:
        typeof v.argsHash === "string"
          ? "the approval was given for other arguments"
          : "the approval does not name the arguments it approves (argsHash)",
    };
  }
  const otherCall =
    (v.tool !== undefined && v.tool !== payload.tool) ||
    (v.toolCallId !== undefined && v.toolCallId !== payload.toolCallId);
  if (v.approved === true && otherCall)
    return { approved: false, ...who, reason: "the approval was given for another call" };
  return {
    approved: v.approved === true,
    ...who,
    ...(typeof v.reason === "string" ? { reason: v.reason } : {}),
    ...(typeof v.argsHash === "string" ? { argsHash: v.argsHash } : {}),
  };
}
