import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";
import type { ScenarioResult } from "./harness/judge.ts";
import {
  findings,
  markdownTable,
  type ReportedScenario,
  SUITE_ORDER,
  summarise,
  textTable,
} from "./harness/summary.ts";

const HERE = import.meta.dirname;
const SCENARIO_TEST = /^[A-Z]{2}-\d{2} /;

/**
 * `pnpm test:security`'s summary, AgentDojo-style: per suite and overall, the scenarios, the
 * attack success rate, the benign utility without and under attack, and every scenario that
 * needs a look (failed, attack succeeded, known gap, utility lost) with its trace file.
 * Always written to test/security/out/results.{json,md}; with SECURITY_RESULTS=update it also
 * refreshes the committed test/security/RESULTS.md (what the README links to).
 */
export default class SecurityReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const scenarios: ReportedScenario[] = [];
    const crashed: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result: ScenarioResult | undefined = test.meta().security;
        const state = test.result().state;
        if (result !== undefined) scenarios.push({ result, passed: state === "passed" });
        // A scenario that threw before its verdict has no meta: it must not vanish from the table.
        else if (state === "failed" && SCENARIO_TEST.test(test.name))
          crashed.push(
            `${test.name} CRASHED before a verdict\n    file: ${relative(process.cwd(), module.moduleId)}`,
          );
      }
    }
    if (scenarios.length === 0 && crashed.length === 0) return;
    scenarios.sort((a, b) => a.result.id.localeCompare(b.result.id));
    const rows = summarise(scenarios);
    const notes = [...crashed, ...findings(scenarios)];
    const date = new Date().toISOString().slice(0, 10);
    const text = [
      "",
      `Security scenarios (${date}): attack success = attacker goal reached, judged from what the tools ran`,
      "",
      textTable(rows),
      "",
      notes.length === 0
        ? "No findings."
        : `Findings (${notes.length}):\n${notes.map((n) => `  ${n}`).join("\n")}`,
      "",
    ].join("\n");
    process.stdout.write(`${text}\n`);

    const markdown = resultsMarkdown(date, rows, notes, scenarios);
    const out = join(HERE, "out");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "RESULTS.md"), markdown);
    writeFileSync(join(out, "results.json"), `${JSON.stringify({ date, rows, scenarios }, null, 2)}\n`);
    // Only a complete, clean-running set may replace the committed results.
    const complete = SUITE_ORDER.every((suite) => scenarios.some((s) => s.result.suite === suite));
    if (process.env.SECURITY_RESULTS === "update" && complete && crashed.length === 0)
      writeFileSync(join(HERE, "RESULTS.md"), markdown);
  }
}

function resultsMarkdown(
  date: string,
  rows: ReturnType<typeof summarise>,
  notes: readonly string[],
  scenarios: readonly ReportedScenario[],
): string {
  const list = scenarios.map(({ result: r, passed }) => {
    const outcome = r.attack.attackSucceeded
      ? r.knownGap !== undefined
        ? "known gap"
        : "**attack succeeded**"
      : "stopped";
    return `| ${r.id} | ${r.suite} | ${r.title} | ${r.classes.join(" ")} | ${outcome} | ${passed ? "pass" : "**fail**"} |`;
  });
  return [
    "# Security scenarios: results",
    "",
    `Run on ${date} with \`SECURITY_RESULTS=update pnpm test:security\` (vitest project \`security\`).`,
    "Every scenario runs twice on the real stack (createAgent + mandateMiddleware, or supervisor/swarm graphs",
    "with createHandoffTool): without the injection and with it. Attack success means the attacker's goal",
    "was reached, judged from what the tools actually ran; known gaps count as successful attacks.",
    "Policies under test: [examples/policies/](../../examples/policies/) plus the supervisor and swarm examples.",
    "",
    markdownTable(rows),
    "",
    notes.length === 0
      ? "No findings."
      : ["Findings:", "", ...notes.map((n) => `- ${n.replace(/\n\s+/g, " — ")}`)].join("\n"),
    "",
    "## Scenarios",
    "",
    "| id | suite | scenario | classes | attack | test |",
    "| --- | --- | --- | --- | --- | --- |",
    ...list,
    "",
  ].join("\n");
}
