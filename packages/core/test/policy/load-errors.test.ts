import { describe, expect, it } from "vitest";
import { loadPolicy, type MandateError } from "../../src/index.ts";

const HEAD = `apiVersion: mandate/v1
kind: Policy
metadata: { name: t }
default: deny
tools:
  search: { action: read }
rules:
`;

function loadError(yaml: string): MandateError {
  try {
    loadPolicy(yaml);
  } catch (error) {
    return error as MandateError;
  }
  throw new Error("expected loadPolicy to fail");
}

describe("loadPolicy refuses bad documents with POLICY_INVALID and a position", () => {
  const cases: [string, string, string, number, number][] = [
    ["non-bool when", "  - { id: r1, effect: allow, when: 'args.x' }\n", "r1", 8, 36],
    ["unknown variable", "  - id: r1\n    effect: allow\n    when: user.admin == true\n", "r1", 10, 11],
    ["unknown function", "  - id: r1\n    effect: allow\n    when: evil(args.x)\n", "r1", 10, 11],
    ["syntax error", "  - id: r1\n    effect: allow\n    when: tool.name ==\n", "r1", 10, 23],
    [
      "matches() is absent",
      "  - id: r1\n    effect: deny\n    when: args.q.matches('^(a+)+$')\n",
      "r1",
      10,
      11,
    ],
  ];
  it.each(cases)("%s", (_name, rules, rule, line, column) => {
    const e = loadError(HEAD + rules);
    expect(e.code).toBe("POLICY_INVALID");
    expect(e.details.rule).toBe(rule);
    expect(e.details.line).toBe(line);
    expect(e.details.column).toBe(column);
    expect(e.message).toContain(`rule "${rule}"`);
    expect(e.message).toContain(`line ${line}, column ${column}`);
  });

  it("duplicate rule id", () => {
    const e = loadError(
      `${HEAD}  - { id: a, effect: allow, when: 'true' }\n  - { id: a, effect: deny, when: 'true' }\n`,
    );
    expect(e).toMatchObject({ code: "POLICY_INVALID", details: { rule: "a", line: 9, column: 11 } });
    expect(e.message).toContain('duplicate rule id "a"');
  });

  it("unknown keys, bad effects and bad tool entries", () => {
    expect(loadError(`${HEAD}  - { id: a, effect: allow, when: 'true', priority: 1 }\n`)).toMatchObject({
      code: "POLICY_INVALID",
      details: { rule: "a", line: 8, column: 53 },
    });
    expect(loadError(`${HEAD}  - { id: a, effect: maybe, when: 'true' }\n`).message).toContain(
      "effect must be allow, deny or approve",
    );
    expect(loadError(HEAD.replace("{ action: read }", "{ action: destroy }")).message).toContain(
      "action must be",
    );
    expect(loadError(HEAD.replace("{ action: read }", "{ action: read, colour: red }")).message).toContain(
      'unknown key "colour"',
    );
    expect(loadError(HEAD.replace("{ action: read }", "{ action: read, pin: abc }")).message).toContain(
      "pin must be",
    );
    expect(loadError(HEAD.replace("default: deny", "default: maybe")).message).toContain("default must be");
    expect(
      loadError(
        `${HEAD.replace("kind: Policy", "kind: Policy\nextra: 1")}  - { id: a, effect: allow, when: 'true' }\n`,
      ).details.line,
    ).toBe(3);
  });

  it("YAML syntax errors and duplicate keys carry a position", () => {
    const unclosed = loadError(`${HEAD}  - { id: a, effect: allow, when: 'true'\n`);
    expect(unclosed).toMatchObject({ code: "POLICY_INVALID", details: { line: 9, column: 1 } });
    expect(unclosed.message).toMatch(/ at line 9, column 1$/);
    const dup = loadError(`${HEAD}  - { id: a, id: b, effect: allow, when: 'true' }\n`);
    expect(dup).toMatchObject({ code: "POLICY_INVALID", details: { line: 8, column: 14 } });
  });

  it("limits expression length and nesting", () => {
    const long = `${HEAD}  - { id: a, effect: allow, when: '${"true && ".repeat(600)}true' }\n`;
    expect(loadError(long).message).toContain("longer than");
    const deep = `${HEAD}  - { id: a, effect: allow, when: '${"(".repeat(60)}true${")".repeat(60)}' }\n`;
    expect(loadError(deep).code).toBe("POLICY_INVALID");
    const nested = "[0,1].all(x0, ".repeat(24);
    const macros = `${HEAD}  - { id: a, effect: allow, when: '${nested}true${")".repeat(24)}' }\n`;
    expect(loadError(macros).code).toBe("POLICY_INVALID");
  });

  it("a plain object loads too, and misuse is a TypeError", () => {
    const policy = loadPolicy({
      apiVersion: "mandate/v1",
      kind: "Policy",
      metadata: { name: "obj" },
      default: "deny",
      rules: [{ id: "all", effect: "allow", when: "true" }],
    });
    expect(policy.ruleIds).toEqual(["all"]);
    // @ts-expect-error wrong type on purpose
    expect(() => loadPolicy(42)).toThrow(TypeError);
  });
});
