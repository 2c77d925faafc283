import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runConformance, SUITES } from "./run-suite.ts";
import { summarise } from "./summary.ts";

const expectedFailures = new Set(
  (
    JSON.parse(readFileSync(join(import.meta.dirname, "expected-failures.json"), "utf8")) as { id: string }[]
  ).map((f) => f.id),
);

describe("cel-spec conformance through Mandate's CEL module", () => {
  const results = runConformance();

  it("runs every suite policies rely on", () => {
    const seen = new Set(results.map((r) => r.suite));
    for (const suite of SUITES) expect(seen.has(suite)).toBe(true);
    console.table(summarise(results));
  });

  it("fails exactly the listed tests: an unlisted failure or a listed pass is a change to review", () => {
    const failing = results.filter((r) => r.outcome === "fail").map((r) => r.id);
    const unexpected = failing.filter((id) => !expectedFailures.has(id));
    const nowPassing = [...expectedFailures].filter((id) => !failing.includes(id));
    expect({ unexpected, nowPassing }).toEqual({ unexpected: [], nowPassing: [] });
  });
});
