import { describe, expect, it } from "vitest";
import {
  andConditions,
  grantCovers,
  grantsAllowTool,
  narrowGrants,
  toolMatches,
  toolPatternCovers,
} from "../../src/index.ts";
import { parseGrants } from "../../src/mandate/grants.ts";

describe("grants", () => {
  it("matches exact names, prefixes and *", () => {
    expect(toolMatches("search", "search")).toBe(true);
    expect(toolMatches("search", "search2")).toBe(false);
    expect(toolMatches("mail_*", "mail_send")).toBe(true);
    expect(toolMatches("mail_*", "mail_")).toBe(true);
    expect(toolMatches("mail_*", "mai")).toBe(false);
    expect(toolMatches("*", "anything")).toBe(true);
  });

  it("pattern coverage", () => {
    const cases: [string, string, boolean][] = [
      ["*", "*", true],
      ["*", "a*", true],
      ["a*", "*", false],
      ["a*", "ab*", true],
      ["ab*", "a*", false],
      ["a*", "abc", true],
      ["abc", "abc", true],
      ["abc", "abc*", false],
      ["abc", "ab", false],
      ["a*", "b", false],
    ];
    for (const [p, c, expected] of cases) expect(toolPatternCovers(p, c), `${p} ⊇ ${c}`).toBe(expected);
  });

  it("grant coverage: tools by one grant, actions (absent = all)", () => {
    expect(grantCovers({ tools: ["a*"] }, { tools: ["ab", "ac*"], actions: ["read"] })).toBe(true);
    expect(grantCovers({ tools: ["a*"], actions: ["read"] }, { tools: ["ab"] })).toBe(false);
    expect(grantCovers({ tools: ["a*"], actions: ["read", "write", "act"] }, { tools: ["ab"] })).toBe(true);
    expect(grantCovers({ tools: ["a"] }, { tools: ["a", "b"] })).toBe(false);
  });

  it("narrowing ANDs the covering grant's condition and prefers an unconditioned cover", () => {
    expect(andConditions(undefined, "c")).toBe("c");
    expect(andConditions("p", undefined)).toBe("p");
    expect(andConditions("p", "p")).toBe("p");
    expect(andConditions("p || q", "c")).toBe("(p || q) && (c)");
    const parent = [{ tools: ["a*"], when: "args.n < 10" }, { tools: ["x"] }];
    expect(narrowGrants(parent, [{ tools: ["ab"], when: "args.m > 0" }])).toEqual([
      { tools: ["ab"], when: "(args.n < 10) && (args.m > 0)" },
    ]);
    expect(narrowGrants(parent, [{ tools: ["ab"] }])).toEqual([{ tools: ["ab"], when: "args.n < 10" }]);
    expect(narrowGrants([{ tools: ["*"], when: "c1" }, { tools: ["*"] }], [{ tools: ["z"] }])).toEqual([
      { tools: ["z"] },
    ]);
    expect(narrowGrants(parent, [{ tools: ["b"] }])).toBeUndefined();
  });

  it("grantsAllowTool returns the matching grants (the guard evaluates their when)", () => {
    const grants = [
      { tools: ["search"], actions: ["read" as const] },
      { tools: ["*"], when: "args.ok" },
    ];
    expect(grantsAllowTool(grants, "search", "read")).toEqual(grants);
    expect(grantsAllowTool(grants, "search", "act")).toEqual([grants[1]]);
    expect(grantsAllowTool([], "search", "read")).toEqual([]);
  });

  it("parseGrants validates strictly and freezes", () => {
    const fail = (r: string) => new TypeError(r);
    const ok = parseGrants([{ tools: ["a", "b*"], actions: ["read"], when: "args.x" }], fail);
    expect(Object.isFrozen(ok) && Object.isFrozen(ok[0]) && Object.isFrozen(ok[0]!.tools)).toBe(true);
    for (const bad of [
      {},
      [{ tools: [] }],
      [{ tools: ["a b"] }],
      [{ tools: ["*a"] }],
      [{ tools: ["a**"] }],
      [{ tools: ["a"], actions: [] }],
      [{ tools: ["a"], actions: ["read", "read"] }],
      [{ tools: ["a"], when: "" }],
      [{ tools: ["a"], when: "x".repeat(2049) }],
      [{ tools: ["a"], extra: 1 }],
      [null],
    ])
      expect(() => parseGrants(bad, fail)).toThrow(TypeError);
  });
});
