import type { Command } from "../cli/command.ts";
import { EXIT } from "../cli/errors.ts";
import { readTextFile } from "../cli/files.ts";
import { flagString } from "../cli/parse.ts";
import { safeText } from "../cli/safe-text.ts";

export const policyTestCommand: Command = {
  name: "test",
  summary: "table-driven decision tests: PASS/FAIL per case, non-zero on a mismatch",
  args: ["FILE"],
  flags: {
    cases: { type: "string", value: "CASES.yaml", description: "the cases file", required: true },
  },
  example: "mandate policy test policy.yaml --cases policy.cases.yaml",
  details:
    "CASES.yaml: { intent?, cases: [{ name, tool, args, intent?, agent?, history?, env?, now?,\n" +
    "  expect: { effect: allow|deny|approve, ruleIds? } }] }. ruleIds compare as a set.",
  async run({ flags, positionals }, io) {
    const casesPath = flagString(flags, "cases") ?? "";
    const { loadPolicyFile } = await import("./load.ts");
    const { parseCases } = await import("./cases.ts");
    const policy = await loadPolicyFile(positionals[0] ?? "");
    const cases = parseCases(await readTextFile(casesPath, "cases"), casesPath);
    const lines: string[] = [];
    let failed = 0;
    for (const testCase of cases) {
      const decision = policy.decide(testCase.input);
      const effectOk = decision.effect === testCase.expect.effect;
      const want = testCase.expect.ruleIds;
      const rulesOk = want === undefined || sameSet(want, decision.ruleIds);
      if (effectOk && rulesOk) {
        lines.push(`PASS  ${safeText(testCase.name)}`);
        continue;
      }
      failed++;
      const expected = `${testCase.expect.effect}${want === undefined ? "" : ` [${want.join(", ")}]`}`;
      const got = `${decision.effect} [${decision.ruleIds.join(", ")}]${decision.code === undefined ? "" : ` ${decision.code}`}`;
      lines.push(`FAIL  ${safeText(testCase.name)}: expected ${safeText(expected)}, got ${safeText(got)}`);
    }
    lines.push("", `${cases.length - failed} passed, ${failed} failed`);
    io.stdout.write(`${lines.join("\n")}\n`);
    return failed === 0 ? EXIT.ok : EXIT.failure;
  },
};

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
