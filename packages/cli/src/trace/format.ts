import { clip, safeText, safeValue } from "../cli/safe-text.ts";
import { ENVELOPE_FIELDS, kindOf, num, obj, str, strList, type TraceLine } from "./events.ts";

/** Display helpers shared by the terminal view and stats; every string they return is escaped. */

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "";
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}

export function formatNs(ns: number | undefined): string {
  if (ns === undefined) return "";
  return ns < 1_000_000 ? `${Math.round(ns / 100) / 10} µs` : `${Math.round(ns / 100_000) / 10} ms`;
}

/** "name=value" pairs of the fields a view does not show otherwise. */
export function otherFields(event: TraceLine, shown: readonly string[], max = 60): string {
  const skip = new Set([...ENVELOPE_FIELDS, ...shown]);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (skip.has(key) || value === undefined || value === null) continue;
    parts.push(`${safeText(key)}=${clip(safeValue(value), max)}`);
  }
  return parts.join(" ");
}

/** A digest `{sha256,size,preview,truncated?}` as "preview (size B)". */
export function formatDigest(value: TraceLine | undefined, max = 80): string {
  if (value === undefined) return "";
  const size = num(value, "size");
  const preview = str(value, "preview");
  const cut = value.truncated === true ? " truncated" : "";
  const sizeText = size === undefined ? "" : ` (${size} B${cut})`;
  return preview === undefined ? sizeText.trim() : `${clip(safeText(preview), max)}${sizeText}`;
}

export interface DecisionText {
  readonly effect: string;
  readonly rest: string;
}

/** A `tool.decision` as its effect and the rule ids, reason, code and latency. */
export function describeDecision(event: TraceLine): DecisionText {
  const effect = safeText(str(event, "effect") ?? "?");
  const parts: string[] = [];
  const rules = strList(event, "ruleIds");
  parts.push(rules.length > 0 ? `rules: ${rules.map(safeText).join(", ")}` : "rules: (none)");
  const reason = str(event, "reason");
  if (reason !== undefined && reason !== "") parts.push(`— ${clip(safeText(reason), 120)}`);
  const code = str(event, "code");
  if (code !== undefined) parts.push(`code ${safeText(code)}`);
  const enforced = str(event, "enforcedEffect");
  if (enforced !== undefined) parts.push(`monitor: would ${safeText(enforced)}`);
  const flips = strList(event, "wouldFlip");
  if (flips.length > 0) parts.push(`would flip: ${flips.map(safeText).join(", ")}`);
  const depth = num(event, "depth");
  if (depth !== undefined) parts.push(`depth ${depth}`);
  const latency = num(event, "latencyNs");
  if (latency !== undefined) parts.push(formatNs(latency));
  return { effect, rest: parts.join("  ") };
}

export function describeApproval(event: TraceLine): string {
  if (kindOf(event) === "approval.request") {
    const rules = strList(event, "ruleIds");
    return `approval requested${rules.length > 0 ? ` (rules: ${rules.map(safeText).join(", ")})` : ""}`;
  }
  const by = str(event, "by");
  const verdict = event.approved === true ? "granted" : "rejected";
  return `approval ${verdict}${by === undefined ? "" : ` by ${safeText(by)}`}`;
}

export function describeOutcome(event: TraceLine): string {
  if (kindOf(event) === "tool.result") {
    return `result ${formatDigest(obj(event, "result"), 60)}`.trimEnd();
  }
  const error = obj(event, "error");
  const name = error === undefined ? undefined : str(error, "name");
  const code = error === undefined ? undefined : str(error, "code");
  return `error ${safeText(name ?? "?")}${code === undefined ? "" : ` (${safeText(code)})`}`;
}
