/**
 * Regenerates expected-failures.json and RESULTS.md from a run. Use it only after reading the diff:
 * a test that starts failing after an upgrade of the CEL library is a decision changing.
 *   npx tsx test/conformance/write-expected.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runConformance, SUITES } from "./run-suite.ts";
import { summarise } from "./summary.ts";

const results = runConformance();
const failures = results.filter((r) => r.outcome === "fail").map((r) => ({ id: r.id, why: r.detail ?? "" }));
writeFileSync(join(import.meta.dirname, "expected-failures.json"), `${JSON.stringify(failures, null, 2)}\n`);
const rows = summarise(results);
const lines = [
  "# CEL conformance (cel-spec v0.25.1 via @bufbuild/cel-spec 0.6.1)",
  "",
  "Run through Mandate's own CEL module (`packages/core/src/policy/cel.ts`, @marcbachmann/cel-js 8.0.0).",
  "Tests needing protobuf messages are excluded (policies never see them); `matches()` is refused by design.",
  "",
  "| suite | run | pass | fail | excluded | pass rate |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
  ...rows.map((r) => `| ${r.suite} | ${r.run} | ${r.pass} | ${r.fail} | ${r.excluded} | ${r.rate} |`),
  "",
];
writeFileSync(join(import.meta.dirname, "RESULTS.md"), lines.join("\n"));
console.log(`${failures.length} expected failures over ${SUITES.length} suites written`);
