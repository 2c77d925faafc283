import { createHash } from "node:crypto";
import { obj, type TraceLine } from "../trace/events.ts";

export type ArgsRecovery =
  | { readonly ok: true; readonly args: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string };

const REDACTED = "[REDACTED]";

/**
 * The exact arguments of a call, recovered from its `tool.request` digest, or why they cannot be:
 * the preview must be complete (not truncated), unredacted, a JSON object, and hash to the
 * recorded sha256 — so a replayed decision runs on provably the same arguments, never a guess.
 */
export function recoverArgs(request: TraceLine | undefined): ArgsRecovery {
  if (request === undefined) return { ok: false, reason: "no tool.request recorded" };
  const digest = obj(request, "args");
  if (digest === undefined) return { ok: false, reason: "no args digest recorded" };
  if (digest.truncated === true) return { ok: false, reason: "args preview truncated" };
  const preview = digest.preview;
  if (typeof preview !== "string") return { ok: false, reason: "no args preview recorded" };
  if (preview.includes(REDACTED)) return { ok: false, reason: "args redacted" };
  let args: unknown;
  try {
    args = JSON.parse(preview);
  } catch {
    return { ok: false, reason: "args preview is not JSON" };
  }
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return { ok: false, reason: "args preview is not an object" };
  }
  const expected = digest.sha256;
  if (typeof expected !== "string" || !matchesDigest(args, expected)) {
    return { ok: false, reason: "args preview does not match its digest" };
  }
  return { ok: true, args: args as Readonly<Record<string, unknown>> };
}

function matchesDigest(value: unknown, expected: string): boolean {
  const hash = createHash("sha256").update(canonical(value)).digest();
  return expected === hash.toString("hex") || expected === hash.toString("base64url");
}

/** RFC 8785 canonical JSON of a parsed JSON value (numbers as ECMAScript prints them, keys sorted). */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return typeof value === "number" && !Number.isFinite(value) ? "null" : (JSON.stringify(value) ?? "null");
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`;
}
