import type { Intent } from "../intent/intent.ts";
import { CelEvalError, celMessage, toCel } from "./cel.ts";
import { POLICY_DECLARATIONS } from "./declarations.ts";
import type { ToolEntry, TraceAggregate } from "./types.ts";

/**
 * Builds CEL activations. Caller-supplied values (args, env, claims) go through `toCel`; the
 * per-object conversions of values that do not change during a task (intent, claims, a history
 * snapshot) are cached. Message-typed variables (agent, intent, tool, trace) are built with
 * `celMessage`, so the engine reads them as they are in every rule instead of converting each.
 */
const intentCache = new WeakMap<object, object>();
const objectCache = new WeakMap<object, unknown>();
const traceCache = new WeakMap<TraceAggregate, object>();

/** Every declared intent field is present (CEL errors on a missing key): absent lists are []. */
export function intentValue(intent: Intent): object {
  let value = intentCache.get(intent);
  if (value === undefined) {
    value = celMessage(POLICY_DECLARATIONS, "intent", {
      id: intent.id,
      purpose: intent.purpose,
      summary: intent.summary ?? "",
      tools: [...(intent.tools ?? [])],
      resources: [...(intent.resources ?? [])],
      data: intent.data ?? "",
      attributes: toCel(intent.attributes ?? {}),
    });
    intentCache.set(intent, value);
  }
  return value;
}

export function cachedCel(value: object | undefined): unknown {
  if (value === undefined) return {};
  let converted = objectCache.get(value);
  if (converted === undefined) {
    converted = toCel(value);
    objectCache.set(value, converted);
  }
  return converted;
}

export function toolValue(name: string, entry: ToolEntry): object {
  return celMessage(POLICY_DECLARATIONS, "tool", {
    name,
    action: entry.action,
    egress: entry.egress === true,
    labels: [...(entry.labels ?? [])],
  });
}

export function agentValue(agent: { readonly id: string; readonly name?: string } | undefined): object {
  return celMessage(POLICY_DECLARATIONS, "agent", { id: agent?.id ?? "", name: agent?.name ?? "" });
}

/** A history snapshot is cached by its history until the next change: convert each one once. */
export function traceValue(snapshot: TraceAggregate): object {
  let value = traceCache.get(snapshot);
  if (value === undefined) {
    value = celMessage(POLICY_DECLARATIONS, "trace", snapshot as unknown as Record<string, unknown>);
    traceCache.set(snapshot, value);
  }
  return value;
}

/** Like toCel, but never throws: what history keeps must not poison later decisions. */
export function toCelSafe(value: unknown): unknown {
  try {
    return toCel(value);
  } catch (error) {
    if (error instanceof CelEvalError) return {};
    throw error;
  }
}
