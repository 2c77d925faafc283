import { safeText } from "../cli/safe-text.ts";
import { kindOf, str, strList, type TraceLine } from "./events.ts";

export interface EffectCounts {
  decisions: number;
  allow: number;
  deny: number;
  approve: number;
}

export interface TraceStats {
  readonly events: number;
  readonly runs: number;
  readonly decisions: number;
  readonly kinds: Record<string, number>;
  readonly effects: Record<string, number>;
  readonly agents: Record<string, EffectCounts>;
  readonly tools: Record<string, EffectCounts>;
  readonly rules: Record<string, number>;
}

/** Counts over the `tool.decision` events (and events by kind), for `trace stats`. */
export function computeStats(events: readonly TraceLine[]): TraceStats {
  const kinds: Record<string, number> = {};
  const effects: Record<string, number> = {};
  const agents: Record<string, EffectCounts> = {};
  const tools: Record<string, EffectCounts> = {};
  const rules: Record<string, number> = {};
  const runs = new Set<string>();
  let decisions = 0;
  for (const event of events) {
    const kind = kindOf(event);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const run = str(event, "run");
    if (run !== undefined) runs.add(run);
    if (kind !== "tool.decision") continue;
    decisions++;
    const effect = str(event, "effect") ?? "(none)";
    effects[effect] = (effects[effect] ?? 0) + 1;
    bump(agents, str(event, "agent") ?? "(none)", effect);
    bump(tools, str(event, "tool") ?? "(none)", effect);
    for (const rule of strList(event, "ruleIds")) rules[rule] = (rules[rule] ?? 0) + 1;
  }
  return { events: events.length, runs: runs.size, decisions, kinds, effects, agents, tools, rules };
}

function bump(table: Record<string, EffectCounts>, key: string, effect: string): void {
  const row = table[key] ?? { decisions: 0, allow: 0, deny: 0, approve: 0 };
  row.decisions++;
  if (effect === "allow" || effect === "deny" || effect === "approve") row[effect]++;
  table[key] = row;
}

function sorted<T>(record: Record<string, T>, count: (value: T) => number): [string, T][] {
  return Object.entries(record).sort(
    (a, b) => count(b[1]) - count(a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
}

/** Left-aligned first column, right-aligned numbers. */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const cells = [head, ...rows].map((row) =>
    row.map((c) => (typeof c === "number" ? String(c) : safeText(c))),
  );
  const widths = head.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  return cells.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

export function renderStats(stats: TraceStats): string[] {
  const lines = [`events ${stats.events}  runs ${stats.runs}  decisions ${stats.decisions}`, ""];
  const effectRows = (record: Record<string, EffectCounts>): (string | number)[][] =>
    sorted(record, (r) => r.decisions).map(([k, r]) => [k, r.decisions, r.allow, r.deny, r.approve]);
  lines.push(...table(["agent", "decisions", "allow", "deny", "approve"], effectRows(stats.agents)), "");
  lines.push(...table(["tool", "decisions", "allow", "deny", "approve"], effectRows(stats.tools)), "");
  lines.push(
    ...table(
      ["effect", "decisions"],
      sorted(stats.effects, (n) => n),
    ),
    "",
  );
  lines.push(
    ...table(
      ["rule", "matches"],
      sorted(stats.rules, (n) => n),
    ),
    "",
  );
  lines.push(
    ...table(
      ["kind", "events"],
      sorted(stats.kinds, (n) => n),
    ),
  );
  return lines;
}
