import type { CaseResult } from "./run-suite.ts";

export interface SuiteRow {
  readonly suite: string;
  readonly run: number;
  readonly pass: number;
  readonly fail: number;
  readonly excluded: number;
  readonly rate: string;
}

export function summarise(results: readonly CaseResult[]): SuiteRow[] {
  const bySuite = new Map<string, { pass: number; fail: number; excluded: number }>();
  for (const r of results) {
    const row = bySuite.get(r.suite) ?? { pass: 0, fail: 0, excluded: 0 };
    row[r.outcome]++;
    bySuite.set(r.suite, row);
  }
  const rows = [...bySuite].map(([suite, c]) => row(suite, c));
  const total = rows.reduce(
    (acc, r) => ({ pass: acc.pass + r.pass, fail: acc.fail + r.fail, excluded: acc.excluded + r.excluded }),
    { pass: 0, fail: 0, excluded: 0 },
  );
  return [...rows, row("**all**", total)];
}

function row(suite: string, c: { pass: number; fail: number; excluded: number }): SuiteRow {
  const run = c.pass + c.fail;
  return { suite, run, ...c, rate: run === 0 ? "-" : `${((100 * c.pass) / run).toFixed(1)} %` };
}
