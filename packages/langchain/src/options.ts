import type { Guard } from "@mandate/core";

/** Caller-supplied CEL `env` for one call, from the agent's state and invocation context. */
export type EnvProvider = (input: {
  readonly state: unknown;
  readonly context: unknown;
}) => Readonly<Record<string, unknown>> | undefined;

export interface ApprovalOptions {
  /**
   * `interrupt` (default): pause the run with `interrupt()` and wait for `{ approved, by, reason }`.
   * Needs a checkpointer and a `thread_id`.
   * `deny`: no human in the loop; a call that needs approval is refused with `APPROVAL_REQUIRED`.
   */
  readonly mode?: "interrupt" | "deny";
  /**
   * Pending approvals remembered per guard in this process; the first middleware built on a guard
   * sets it. Default 1,000.
   */
  readonly maxPending?: number;
  /**
   * Extra argument keys to redact in the payload's `args` preview, added to the defaults. Give the
   * guard's `redactKeys` here too so the approver sees what the trace shows.
   */
  readonly redactKeys?: readonly string[];
}

export interface MandateMiddlewareOptions {
  readonly guard: Guard;
  /** This agent's name: it acts with `mandates[agentName]` when present. Default: the agent's `name`. */
  readonly agentName?: string;
  readonly approval?: ApprovalOptions;
  /** Hide tools outside the mandate's scope from the model (default true). */
  readonly hideTools?: boolean;
  readonly env?: EnvProvider;
  /** The middleware's name; give two instances in one agent different names. Default "MandateMiddleware". */
  readonly name?: string;
}

export interface NormalizedMiddlewareOptions {
  readonly guard: Guard;
  readonly agentName: string | undefined;
  readonly approvalMode: "interrupt" | "deny";
  readonly maxPending: number;
  readonly redactKeys: readonly string[];
  readonly hideTools: boolean;
  readonly env: EnvProvider | undefined;
  readonly name: string;
}

const GUARD_METHODS = ["authorize", "complete", "resolveApproval", "toolsInScope", "record"] as const;

/** Validates once, when the middleware is built: misuse is a TypeError here, not mid-run. */
export function normalizeMiddlewareOptions(options: MandateMiddlewareOptions): NormalizedMiddlewareOptions {
  if (typeof options !== "object" || options === null)
    throw new TypeError("mandateMiddleware() needs an options object");
  const guard = assertGuard(options.guard, "mandateMiddleware()");
  const agentName = optionalName(options.agentName, "agentName");
  const approval = options.approval ?? {};
  if (typeof approval !== "object" || approval === null) throw new TypeError("`approval` must be an object");
  const approvalMode = approval.mode ?? "interrupt";
  if (approvalMode !== "interrupt" && approvalMode !== "deny")
    throw new TypeError('`approval.mode` must be "interrupt" or "deny"');
  const maxPending = approval.maxPending ?? 1000;
  if (!Number.isInteger(maxPending) || maxPending < 1)
    throw new TypeError("`approval.maxPending` must be a positive integer");
  const redactKeys = approval.redactKeys ?? [];
  if (!Array.isArray(redactKeys) || redactKeys.some((k) => typeof k !== "string"))
    throw new TypeError("`approval.redactKeys` must be an array of strings");
  const hideTools = options.hideTools ?? true;
  if (typeof hideTools !== "boolean") throw new TypeError("`hideTools` must be a boolean");
  if (options.env !== undefined && typeof options.env !== "function")
    throw new TypeError("`env` must be a function");
  const name = optionalName(options.name, "name") ?? "MandateMiddleware";
  return Object.freeze({
    guard,
    agentName,
    approvalMode,
    maxPending,
    redactKeys: Object.freeze([...redactKeys]),
    hideTools,
    env: options.env,
    name,
  });
}

/** The guard is duck-typed: two copies of @mandate/core may be loaded, so no `instanceof`. */
export function assertGuard(guard: unknown, where: string): Guard {
  if (typeof guard !== "object" || guard === null)
    throw new TypeError(`${where} needs a \`guard\` (see createGuard)`);
  for (const method of GUARD_METHODS) {
    if (typeof (guard as Record<string, unknown>)[method] !== "function")
      throw new TypeError(`${where}: \`guard.${method}\` must be a function (see createGuard)`);
  }
  return guard as Guard;
}

export function optionalName(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0)
    throw new TypeError(`\`${what}\` must be a non-empty string`);
  return value;
}
