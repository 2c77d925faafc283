import type { JsonValue } from "../json.ts";
import { sortKeys } from "./canonical.ts";

/** Nesting deeper than this is cut (a record is a few levels deep; this only stops stack overflows). */
const MAX_DEPTH = 64;

/**
 * Frozen, plain-JSON copies of record fields, made with `JSON.stringify`'s rules (`toJSON`, members
 * that are `undefined`, functions or symbols dropped, `undefined` in arrays and non-finite numbers
 * become `null`), so the sealed event, its hash and every sink's serialisation agree, and the
 * producer cannot change an event after it was hashed. Where `JSON.stringify` would throw it does
 * not: BigInt becomes its decimal string, a cycle becomes "[Circular]", a throwing getter or
 * `toJSON` becomes "[Unserializable]". Total: the trace path never throws into the agent.
 *
 * Members are copied in RFC 8785 order (UTF-16 code units), so `JSON.stringify(copy)` is already
 * the canonical text and the tracer serialises an event with one native call (see seal.ts). Keys
 * that would break that are flagged (`unusualKeys`), and the tracer then serialises member by
 * member: one that starts with a digit (an object puts array-index keys like "0" or "17" before
 * all others, whatever the insertion order), and "hash" (the tracer's marker at the top level).
 */
export class JsonCopier {
  /** Set once a copy made by this copier holds a key that starts with a digit or is "hash" (see above). */
  unusualKeys = false;
  private readonly stack: object[] = [];

  copy(value: unknown): JsonValue | undefined {
    return this.value(value, 0);
  }

  private value(value: unknown, depth: number): JsonValue | undefined {
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
    const stack = this.stack;
    try {
      const withToJson = value as { toJSON?: unknown };
      if (typeof withToJson.toJSON === "function") {
        return this.value((withToJson.toJSON as () => unknown).call(value), depth);
      }
      if (stack.includes(value)) return "[Circular]";
      if (depth >= MAX_DEPTH) return "[Too deep]";
      stack.push(value);
      try {
        return Array.isArray(value) ? this.array(value, depth) : this.members(value, depth);
      } finally {
        stack.pop();
      }
    } catch {
      return "[Unserializable]";
    }
  }

  private array(value: readonly unknown[], depth: number): JsonValue {
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = this.value(value[i], depth + 1) ?? null;
    return Object.freeze(out);
  }

  private members(value: object, depth: number): JsonValue {
    const out: Record<string, JsonValue> = {};
    const source = value as Record<string, unknown>;
    for (const key of sortKeys(Object.keys(source))) {
      // an own "__proto__" (JSON.parse makes them) would set the copy's prototype: never a member
      if (key === "__proto__") continue;
      let raw: unknown;
      try {
        raw = source[key];
      } catch {
        raw = "[Unserializable]";
      }
      const member = this.value(raw, depth + 1);
      if (member === undefined) continue;
      const first = key.charCodeAt(0);
      if ((first >= 0x30 && first <= 0x39) || key === "hash") this.unusualKeys = true;
      out[key] = member;
    }
    return Object.freeze(out);
  }
}
