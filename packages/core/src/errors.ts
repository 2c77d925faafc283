/**
 * The one error type Mandate throws or returns. Callers test `code`, never `instanceof`: two copies
 * of @mandate/core may be loaded in one process (adapters peer-depend on it), and `code` is stable.
 *
 * Messages never contain a token, a key or a raw argument value. Put identifiers (rule id, jti,
 * tool name) in `details` so they can be logged as data.
 */
export const ERROR_CODES = [
  "MANDATE_MALFORMED",
  "MANDATE_ALG_NOT_ALLOWED",
  "MANDATE_TYPE_INVALID",
  "MANDATE_SIGNATURE_INVALID",
  "MANDATE_KEY_UNKNOWN",
  "MANDATE_EXPIRED",
  "MANDATE_NOT_YET_VALID",
  "MANDATE_ISSUER_MISMATCH",
  "MANDATE_AUDIENCE_MISMATCH",
  "MANDATE_REVOKED",
  "MANDATE_ESCALATION",
  "MANDATE_DEPTH_EXCEEDED",
  "SCOPE_DENIED",
  "POLICY_INVALID",
  "POLICY_EVAL_ERROR",
  "POLICY_DENIED",
  "APPROVAL_REQUIRED",
  "APPROVAL_INVALID",
  "TOOL_CHANGED",
  "TRACE_TAMPERED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Readonly<
  Record<string, string | number | boolean | readonly string[] | undefined>
>;

export class MandateError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: ErrorDetails }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MandateError";
    this.code = code;
    this.details = Object.freeze({ ...(options?.details ?? {}) });
  }
}

/** True for any MandateError, from this or another copy of @mandate/core. */
export function isMandateError(value: unknown): value is MandateError {
  if (typeof value !== "object" || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code);
}

/** Optionally narrows to one code: `if (hasCode(e, "MANDATE_REVOKED"))`. */
export function hasCode<C extends ErrorCode>(value: unknown, code: C): value is MandateError & { code: C } {
  return isMandateError(value) && value.code === code;
}
