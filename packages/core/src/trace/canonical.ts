import type { JsonValue } from "../json.ts";

/**
 * RFC 8785 (JCS) canonical JSON for the values a trace event holds: plain JSON after
 * `toJsonValue` (no cycles, no BigInt, no NaN). It is the hash input of every event, so it is on
 * the hot path; `canonicalize` (the reference) builds the same text but is several times slower
 * (it re-concatenates with `reduce`). Equality with it is property-tested.
 *
 * JCS rules, and how they are met here:
 * - strings: ECMAScript `JSON.stringify` escaping (RFC 8785 §3.2.2.2 is defined as exactly that);
 * - numbers: ECMAScript `Number.prototype.toString` (§3.2.2.3), which `String(n)` is; -0 gives "0";
 * - object members sorted by their UTF-16 code units (§3.2.3), which is `Array.prototype.sort()`'s
 *   default order; no whitespace.
 * Members whose value is `undefined` are left out, as `JSON.stringify` does, so an event and its
 * JSON round-trip have the same canonical text.
 */
export function canonicalJson(value: JsonValue | undefined): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return canonicalArray(value);
      return canonicalObject(value as { readonly [key: string]: JsonValue | undefined });
    }
    default:
      return "null";
  }
}

function canonicalArray(value: readonly JsonValue[]): string {
  let out = "[";
  for (let i = 0; i < value.length; i++) {
    if (i > 0) out += ",";
    out += canonicalJson(value[i]);
  }
  return `${out}]`;
}

function canonicalObject(value: { readonly [key: string]: JsonValue | undefined }): string {
  const keys = sortedKeys(value);
  let out = "{";
  let first = true;
  for (const key of keys) {
    const member = value[key];
    if (member === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += `${quote(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

/** Anything `JSON.stringify` would escape (quote, backslash, C0 controls, lone surrogates). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(s)` for strings, without the native call for the common case of nothing to escape. */
export function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** `Object.keys(value)` in UTF-16 code unit order. */
export function sortedKeys(value: object): string[] {
  return sortKeys(Object.keys(value));
}

/**
 * Sorts keys in place by UTF-16 code units. Trace objects have a handful of keys, and an insertion
 * sort with `<` (which compares code units) beats `Array.prototype.sort()`'s generic default
 * comparator there; large objects use `sort()`, whose default order is the same.
 */
export function sortKeys(keys: string[]): string[] {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
