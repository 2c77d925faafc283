import type { Guard, ToolDefinition } from "@mandate/core";
import { toolDefinition } from "./definition.ts";
import { asRecord, resolveMandate } from "./state.ts";

/** Where the acting agent's mandate comes from when the state channels are not enough. */
export type MandateGetter = (
  state: unknown,
  config: unknown,
) => string | undefined | Promise<string | undefined>;

/** Options shared by `createGuardNode` and `createGuardedToolNode`. */
export interface GuardNodeBaseOptions {
  readonly guard: Guard;
  /** The agent whose tool calls this node screens: picks `mandates[agentName]`, names it in the trace. */
  readonly agentName?: string;
  /**
   * Fail closed when `mandates[agentName]` is missing instead of falling back to the graph's root
   * `mandate`. Turn it on in graphs whose agents receive their mandates through handoffs, so an
   * agent reached without a handoff (a stock `transfer_to_*` tool) never acts under the parent's
   * broader authority. Default false (a single-agent graph acts under `mandate`).
   */
  readonly requireDelegation?: boolean;
  /** Overrides where the mandate comes from (default: state channels, then `context.mandate`). */
  readonly getMandate?: MandateGetter;
  /** `interrupt` (default): pause for a human; `deny`: refuse such calls with APPROVAL_REQUIRED. */
  readonly approval?: "interrupt" | "deny";
  /** Caller-supplied CEL `env` for each call. */
  readonly env?: (state: unknown) => Readonly<Record<string, unknown>> | undefined;
  /** Extra argument keys redacted in the approval payload's preview. */
  readonly redactKeys?: readonly string[];
}

/** The normalized options screenToolCalls works from. */
export interface ScreenOptions {
  readonly guard: Guard;
  readonly agentName: string | undefined;
  readonly requireDelegation: boolean;
  readonly getMandate: MandateGetter | undefined;
  readonly approval: "interrupt" | "deny";
  readonly env: GuardNodeBaseOptions["env"];
  readonly redactKeys: readonly string[];
  /** Definitions of the tools this node knows, for the policy's `pin:` checks. */
  readonly definitions: ReadonlyMap<string, ToolDefinition>;
}

const GUARD_METHODS = ["authorize", "complete", "resolveApproval", "delegate", "verify", "record"] as const;

/** Validates once, when the node is built: misuse is a TypeError here, not mid-run. */
export function normalizeScreenOptions(
  options: GuardNodeBaseOptions,
  where: string,
  tools: readonly unknown[] = [],
): ScreenOptions {
  if (typeof options !== "object" || options === null)
    throw new TypeError(`${where} needs an options object`);
  const guard = assertGuard(options.guard, where);
  const approval = options.approval ?? "interrupt";
  if (approval !== "interrupt" && approval !== "deny")
    throw new TypeError('`approval` must be "interrupt" or "deny"');
  if (options.getMandate !== undefined && typeof options.getMandate !== "function")
    throw new TypeError("`getMandate` must be a function");
  if (options.env !== undefined && typeof options.env !== "function")
    throw new TypeError("`env` must be a function");
  const redactKeys = options.redactKeys ?? [];
  if (!Array.isArray(redactKeys) || redactKeys.some((k) => typeof k !== "string"))
    throw new TypeError("`redactKeys` must be an array of strings");
  const definitions = new Map<string, ToolDefinition>();
  for (const tool of tools) {
    const definition = toolDefinition(tool);
    if (definition !== undefined) definitions.set(definition.name, definition);
  }
  return Object.freeze({
    guard,
    agentName: optionalName(options.agentName, "agentName"),
    requireDelegation: options.requireDelegation === true,
    getMandate: options.getMandate,
    approval,
    env: options.env,
    redactKeys: Object.freeze([...redactKeys]),
    definitions,
  });
}

/** The mandate the screened agent acts under; `undefined` = none (the guard then denies). */
export async function mandateFor(
  opts: Pick<ScreenOptions, "getMandate" | "requireDelegation">,
  state: unknown,
  config: unknown,
  agent: string | undefined,
): Promise<string | undefined> {
  const given = await opts.getMandate?.(state, config);
  if (given !== undefined) return given;
  return resolveMandate(state, agent, {
    requireDelegation: opts.requireDelegation,
    context: asRecord(config)?.context,
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
