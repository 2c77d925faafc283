import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadPolicy, type PolicyRule } from "../../src/index.ts";

const intent = { id: "t", purpose: "p", tools: ["pay"] };
const base = { apiVersion: "mandate/v1" as const, kind: "Policy" as const, metadata: { name: "t" } };
const FAILING = [
  'args.missing == "x"',
  "args.amount + 1.5 > 0.0",
  "1 / args.zero == 1",
  'args.amount > "x"' as const,
];
// Each of these type-checks (args values are dyn) and fails at evaluation on the input below.
const input = { tool: "pay", args: { amount: 10, zero: 0 }, intent };

describe("no evaluation error ever yields allow", () => {
  for (const effect of ["allow", "approve", "deny"] as const) {
    for (const when of FAILING) {
      it(`a failing ${effect} rule (${when}) denies with POLICY_EVAL_ERROR naming it`, () => {
        for (const fallback of ["allow", "deny"] as const) {
          const policy = loadPolicy({
            ...base,
            default: fallback,
            rules: [
              { id: "ok-allow", effect: "allow", when: "true" },
              { id: "broken", effect, when },
            ],
          });
          const d = policy.decide(input);
          if (effect === "allow" || effect === "approve" || effect === "deny") {
            expect(d).toMatchObject({ effect: "deny", code: "POLICY_EVAL_ERROR", ruleIds: ["broken"] });
            expect(d.reason).toContain('rule "broken"');
          }
        }
      });
    }
  }

  it("property: with any enforced rule erroring, the decision is never allow", () => {
    const rule = fc.record({
      effect: fc.constantFrom("allow", "approve", "deny"),
      when: fc.constantFrom("true", "false", ...FAILING),
    });
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("allow", "deny"),
        (rules, fallback) => {
          const policy = loadPolicy({
            ...base,
            default: fallback as "allow" | "deny",
            rules: rules.map((r, i) => ({ id: `r${i}`, ...r }) as PolicyRule),
          });
          const d = policy.decide(input);
          const anyError = rules.some((r) => (FAILING as readonly string[]).includes(r.when));
          const anyDenyTrue = rules.some((r) => r.effect === "deny" && r.when === "true");
          if (anyError) expect(d.effect).toBe("deny");
          if (anyDenyTrue) expect(d.effect).toBe("deny");
          if (d.effect === "allow") expect(anyError).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("property: rule order never changes the decision (P-07)", () => {
    const rules: PolicyRule[] = [
      { id: "allow-send", effect: "allow", when: 'tool.name == "send_email"' },
      { id: "deny-evil", effect: "deny", when: 'emails(args.to).exists(e, e.endsWith("@evil.com"))' },
      { id: "approve-big", effect: "approve", when: "size(emails(args.to)) > 3" },
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(rules, { minLength: 3, maxLength: 3 }), (order) => {
        const policy = loadPolicy({ ...base, default: "deny", rules: order });
        const d = policy.decide({ tool: "send_email", args: { to: "x@evil.com" }, intent });
        expect(d).toMatchObject({ effect: "deny", ruleIds: ["deny-evil"] });
      }),
      { numRuns: 200 },
    );
  });
});

describe("numbers and types at the boundary (S-10, P-03, P-04)", () => {
  const policy = loadPolicy({
    ...base,
    default: "deny",
    rules: [
      { id: "small-payments", effect: "allow", when: "args.amount <= 1000" },
      { id: "eur-big", effect: "deny", when: 'args.amount > 1000 && args.currency != "EUR"' },
    ],
  });
  it.each([
    ["5000"],
    [[5000]],
    [{ $gt: 0 }],
    [Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY],
    [Number.NaN],
    [null],
  ])("amount %j is denied, never allowed", (amount) => {
    const d = policy.decide({ tool: "pay", args: { amount, currency: "EUR" }, intent });
    expect(d.effect).toBe("deny");
    expect(d.code).toBe("POLICY_EVAL_ERROR");
  });
  it("integral and fractional numbers compare and add per the documented convention", () => {
    expect(policy.decide({ tool: "pay", args: { amount: 999.5, currency: "USD" }, intent }).effect).toBe(
      "allow",
    );
    expect(policy.decide({ tool: "pay", args: { amount: 1000, currency: "USD" }, intent }).effect).toBe(
      "allow",
    );
    expect(policy.decide({ tool: "pay", args: { amount: 1001, currency: "USD" }, intent }).ruleIds).toEqual([
      "eur-big",
    ]);
  });
  it("reserved names in args cannot shadow trusted variables (P-08)", () => {
    const p = loadPolicy({
      ...base,
      default: "deny",
      rules: [{ id: "r", effect: "allow", when: '"pay" in intent.tools && tool.name == "pay"' }],
    });
    const d = p.decide({ tool: "other", args: { intent: { tools: ["*"] }, tool: { name: "pay" } }, intent });
    expect(d.effect).toBe("deny");
  });
});

describe("monitor rules", () => {
  it("never change the effect and are reported in wouldFlip", () => {
    const policy = loadPolicy({
      ...base,
      default: "deny",
      rules: [
        { id: "allow-pay", effect: "allow", when: "true" },
        { id: "new-limit", effect: "deny", when: "args.amount > 100", mode: "monitor" },
        { id: "quiet", effect: "deny", when: "false", mode: "monitor" },
      ],
    });
    expect(policy.decide({ tool: "pay", args: { amount: 500 }, intent })).toMatchObject({
      effect: "allow",
      ruleIds: ["allow-pay"],
      wouldFlip: ["new-limit"],
    });
    expect(policy.decide({ tool: "pay", args: { amount: 50 }, intent }).wouldFlip).toBeUndefined();
  });
});

describe("evaluation-error reasons never quote argument values", () => {
  // The reason reaches the trace and the model: cel-js's own messages would echo these values.
  const cases = [
    { when: 'duration(args.d) > duration("1s")', reason: "invalid duration" },
    { when: "args[args.k] == 1", reason: "no such key" },
    { when: "timestamp(args.d) > now", reason: "invalid timestamp" },
    { when: "int(args.d) > 0", reason: "int conversion error" },
  ];
  const secretArgs = { d: "SECRET-VALUE-123", k: "SECRET-KEY-456" };
  for (const { when, reason } of cases) {
    it(`${when} denies with the engine's error code only`, () => {
      const policy = loadPolicy({
        ...base,
        default: "allow",
        tools: { pay: { action: "act" } },
        rules: [{ id: "broken", effect: "deny", when }],
      });
      const d = policy.decide({ tool: "pay", args: secretArgs, intent });
      expect(d).toMatchObject({ effect: "deny", code: "POLICY_EVAL_ERROR", ruleIds: ["broken"] });
      expect(d.reason).toBe(`rule "broken" could not be evaluated (${reason}); denied`);
      expect(JSON.stringify(d)).not.toMatch(/SECRET/);
    });
  }
});

describe("an own __proto__ argument (as JSON.parse makes it)", () => {
  it("stays an argument the policy sees, never the prototype of the copy", () => {
    const policy = loadPolicy({
      ...base,
      default: "allow",
      rules: [{ id: "no-proto-arg", effect: "deny", when: 'has(args.amount) || "__proto__" in args' }],
    });
    const args = JSON.parse('{"__proto__": {"amount": 5}, "to": "x"}') as Record<string, unknown>;
    expect(policy.decide({ tool: "pay", args, intent })).toMatchObject({
      effect: "deny",
      ruleIds: ["no-proto-arg"],
    });
    expect(policy.decide({ tool: "pay", args: { to: "x" }, intent }).effect).toBe("allow");
  });
});
