import type { Intent } from "../intent/intent.ts";
import { CelEvalError, toCel } from "./cel.ts";
import type { ToolEntry } from "./types.ts";

/**
 * Builds CEL activations. Caller-supplied values (args, env, claims) go through `toCel`; the
 * per-object conversions of values that do not change during a task (intent, claims) are cached.
 */
const intentCache = new WeakMap<object, Record<string, unknown>>();
const objectCache = new WeakMap<object, unknown>();

/** Every declared intent field is present (CEL errors on a missing key): absent lists are []. */
export function intentValue(intent: Intent): Record<string, unknown> {
  let value = intentCache.get(intent);
  if (value === undefined) {
    value = {
      id: intent.id,
      purpose: intent.purpose,
      summary: intent.summary ?? "",
      tools: [...(intent.tools ?? [])],
      resources: [...(intent.resources ?? [])],
      data: intent.data ?? "",
      attributes: toCel(intent.attributes ?? {}),
    };
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

export function toolValue(name: string, entry: ToolEntry): Record<string, unknown> {
  return { name, action: entry.action, egress: entry.egress === true, labels: [...(entry.labels ?? [])] };
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
