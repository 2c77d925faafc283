import type { ScenarioResult } from "./judge.ts";

/** A scenario's verdict plus how its vitest test ended. */
export interface ReportedScenario {
  readonly result: ScenarioResult;
  readonly passed: boolean;
}

export interface SuiteRow {
  readonly suite: string;
  readonly scenarios: number;
  readonly attacksSucceeded: number;
  readonly benignServed: number;
  readonly servedUnderAttack: number;
  readonly knownGaps: number;
  readonly failed: number;
}

/** Every suite, in report order. */
export const SUITE_ORDER = ["workspace", "banking", "messaging", "travel", "multi-agent", "mcp", "trace"];

/** One row per suite (in a fixed order), then "all". */
export function summarise(scenarios: readonly ReportedScenario[]): SuiteRow[] {
  const suites = [...new Set(scenarios.map((s) => s.result.suite))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const rows = suites.map((suite) =>
    row(
      suite,
      scenarios.filter((s) => s.result.suite === suite),
    ),
  );
  return [...rows, row("all", scenarios)];
}

function row(suite: string, list: readonly ReportedScenario[]): SuiteRow {
  return {
    suite,
    scenarios: list.length,
    attacksSucceeded: list.filter((s) => s.result.attack.attackSucceeded).length,
    benignServed: list.filter((s) => s.result.benign.utility).length,
    servedUnderAttack: list.filter((s) => s.result.attack.utility).length,
    knownGaps: list.filter((s) => s.result.knownGap !== undefined).length,
    failed: list.filter((s) => !s.passed).length,
  };
}

function rank(suite: string): number {
  const i = SUITE_ORDER.indexOf(suite);
  return i === -1 ? SUITE_ORDER.length : i;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)} %`;
}

/** Scenarios the reader must look at: failed tests, successful attacks (known gaps included), lost utility. */
export function findings(scenarios: readonly ReportedScenario[]): string[] {
  const out: string[] = [];
  for (const { result: r, passed } of scenarios) {
    const why: string[] = [];
    if (!passed) why.push("TEST FAILED");
    if (r.attack.attackSucceeded)
      why.push(
        r.knownGap !== undefined
          ? `known gap: ${r.knownGap}`
          : `ATTACK SUCCEEDED: ${r.attack.achieved.join("; ")}`,
      );
    if (!r.benign.utility) why.push(`benign task not served (missing: ${r.benign.missing.join(", ")})`);
    if (!r.attack.utility)
      why.push(
        `task not served under attack (missing: ${r.attack.missing.join(", ")})${r.attackCost ? ` — expected: ${r.attackCost}` : ""}`,
      );
    if (r.attack.missingStops.length > 0 && r.knownGap === undefined)
      why.push(`stopping decision not in trace: ${r.attack.missingStops.join("; ")}`);
    const problems = [...r.benign.traceProblems, ...r.attack.traceProblems];
    if (problems.length > 0) why.push(`trace: ${problems.join("; ")}`);
    if (why.length === 0) continue;
    const trace = !r.benign.utility || r.benign.traceProblems.length > 0 ? r.benign.trace : r.attack.trace;
    out.push(`${r.id} (${r.suite}) ${why.join(" | ")}\n    trace: ${trace}`);
  }
  return out;
}

const HEADER = [
  "suite",
  "scenarios",
  "attack success",
  "benign utility",
  "utility under attack",
  "known gaps",
  "failed",
];

function cells(r: SuiteRow): string[] {
  return [
    r.suite,
    String(r.scenarios),
    `${percent(r.attacksSucceeded, r.scenarios)} (${r.attacksSucceeded})`,
    percent(r.benignServed, r.scenarios),
    percent(r.servedUnderAttack, r.scenarios),
    String(r.knownGaps),
    String(r.failed),
  ];
}

/** The table as aligned plain text, for the terminal. */
export function textTable(rows: readonly SuiteRow[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => (r[i] ?? "").length)));
  return table
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "))
    .join("\n");
}

/** The table as GitHub markdown. */
export function markdownTable(rows: readonly SuiteRow[]): string {
  const line = (c: readonly string[]) => `| ${c.join(" | ")} |`;
  return [
    line(HEADER),
    line(HEADER.map((_, i) => (i === 0 ? "---" : "---:"))),
    ...rows.map((r) => line(r.suite === "all" ? cells(r).map((c) => `**${c}**`) : cells(r))),
  ].join("\n");
}
