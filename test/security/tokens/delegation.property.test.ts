/**
 * Property tests (fast-check, 1,000 runs each): delegation succeeds iff the request is a subset of
 * the parent's `dlg`, judged by an independent semantic oracle (enumerating a name universe), and
 * any call a child may make its parent's `dlg` allows too, with the parent's condition carried.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Grant,
  grantsAllowTool,
  MandateAuthority,
  type ToolAction,
} from "../../../packages/core/src/index.ts";

const ACTIONS: ToolAction[] = ["read", "write", "act"];
// Patterns use {a,b}; the universe adds "c" so every prefix pattern has a witness nothing else covers.
const UNIVERSE = (() => {
  const out: string[] = [];
  const grow = (s: string) => {
    if (s.length > 0) out.push(s);
    if (s.length < 3) for (const c of "abc") grow(s + c);
  };
  grow("");
  return out;
})();

const name = fc.constantFrom("a", "b", "aa", "ab", "ba", "bb");
const pattern = fc.oneof(
  name,
  name.map((n) => `${n}*`),
  fc.constantFrom("a*", "b*", "*"),
);
const actions = fc.option(fc.subarray(ACTIONS, { minLength: 1 }), { nil: undefined });
const grant = (when: fc.Arbitrary<string | undefined>) =>
  fc.record({ tools: fc.uniqueArray(pattern, { minLength: 1, maxLength: 3 }), actions, when }).map(
    ({ tools, actions: a, when: w }): Grant => ({
      tools,
      ...(a ? { actions: a } : {}),
      ...(w ? { when: w } : {}),
    }),
  );
const parentGrants = fc.array(grant(fc.constantFrom(undefined, "args.n < 10", "args.x == 'y'")), {
  maxLength: 3,
});
const childGrants = fc.array(grant(fc.constantFrom(undefined, "args.m > 0")), { maxLength: 3 });

const matches = (g: Grant, n: string) =>
  g.tools.some((p) => p === "*" || (p.endsWith("*") ? n.startsWith(p.slice(0, -1)) : p === n));
const acts = (g: Grant) => g.actions ?? ACTIONS;
/** Semantic: every (name, action) the child grant allows, this one parent grant allows. */
const semanticallyCovers = (p: Grant, c: Grant) =>
  acts(c).every((a) => acts(p).includes(a)) && UNIVERSE.every((n) => !matches(c, n) || matches(p, n));
const isSubset = (dlg: Grant[], requested: Grant[]) =>
  requested.every((c) => dlg.some((p) => semanticallyCovers(p, c)));

describe("delegation properties", () => {
  it("delegate() succeeds iff scope ∪ dlg is inside the parent's dlg; children never exceed the parent", async () => {
    const authority = await MandateAuthority.create({
      issuer: "https://auth.test",
      audience: "agents",
      cacheSize: 64,
    });
    const seen = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(parentGrants, childGrants, childGrants, async (dlg, scope, delegable) => {
        const parent = await authority.issue({
          subject: "p",
          tenant: "t",
          intent: { id: "i", purpose: "p" },
          scope: [],
          delegable: dlg,
        });
        const expected = isSubset(dlg, scope) && isSubset(dlg, delegable);
        let child: string | undefined;
        try {
          child = await authority.delegate(parent, { subject: "c", scope, delegable });
        } catch (error) {
          expect((error as { code?: string }).code).toBe("MANDATE_ESCALATION");
        }
        expect(child !== undefined).toBe(expected);
        seen[expected ? "ok" : "refused"]++;
        if (child === undefined) return;
        const { claims } = await authority.verify(child);
        for (const g of [...claims.scope, ...claims.dlg]) {
          // Some parent grant covers it, and that grant's condition is carried (AND-ed) in the child's.
          const carriers = dlg.filter((p) => semanticallyCovers(p, g));
          expect(carriers.length).toBeGreaterThan(0);
          expect(
            carriers.some(
              (p) => p.when === undefined || g.when === p.when || g.when?.startsWith(`(${p.when}) && (`),
            ),
          ).toBe(true);
        }
        for (const n of UNIVERSE)
          for (const a of ACTIONS)
            if (grantsAllowTool(claims.scope, n, a).length > 0)
              expect(grantsAllowTool(dlg, n, a).length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
    // Both outcomes are exercised, not just one side of the iff.
    expect(seen.ok).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  }, 120_000);

  it("grantsAllowTool agrees with the semantic matcher", () => {
    fc.assert(
      fc.property(parentGrants, fc.constantFrom(...UNIVERSE), fc.constantFrom(...ACTIONS), (grants, n, a) => {
        const expected = grants.filter((g) => matches(g, n) && acts(g).includes(a));
        expect(grantsAllowTool(grants, n, a)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
