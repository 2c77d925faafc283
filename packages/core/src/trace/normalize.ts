import type { JsonValue } from "../json.ts";

/** Nesting deeper than this is cut (a record is a few levels deep; this only stops stack overflows). */
const MAX_DEPTH = 64;

/**
 * A frozen, plain-JSON copy of a record field, made with `JSON.stringify`'s rules (`toJSON`, members
 * that are `undefined`, functions or symbols dropped, `undefined` in arrays and non-finite numbers
 * become `null`), so the sealed event, its hash and every sink's serialisation agree, and the
 * producer cannot change an event after it was hashed. Where `JSON.stringify` would throw it does
 * not: BigInt becomes its decimal string, a cycle becomes "[Circular]", a throwing getter or
 * `toJSON` becomes "[Unserializable]". Total: the trace path never throws into the agent.
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  return copy(value, [], 0);
}

function copy(value: unknown, stack: object[], depth: number): JsonValue | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return value.toString();
    case "object":
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  try {
    const withToJson = value as { toJSON?: unknown };
    if (typeof withToJson.toJSON === "function") {
      return copy((withToJson.toJSON as () => unknown).call(value), stack, depth);
    }
    if (stack.includes(value)) return "[Circular]";
    if (depth >= MAX_DEPTH) return "[Too deep]";
    stack.push(value);
    try {
      if (Array.isArray(value)) {
        const out: JsonValue[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) out[i] = copy(value[i], stack, depth + 1) ?? null;
        return Object.freeze(out);
      }
      const out: Record<string, JsonValue> = {};
      const source = value as Record<string, unknown>;
      for (const key of Object.keys(source)) {
        let raw: unknown;
        try {
          raw = source[key];
        } catch {
          raw = "[Unserializable]";
        }
        const member = copy(raw, stack, depth + 1);
        if (member !== undefined) out[key] = member;
      }
      return Object.freeze(out);
    } finally {
      stack.pop();
    }
  } catch {
    return "[Unserializable]";
  }
}
