import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Decision,
  type HistoryEntry,
  loadPolicy,
  type Policy,
  type PolicyRule,
  type ToolEntry,
} from "../../src/index.ts";
import { type CompiledExpression, createCelEnvironment, toCel } from "../../src/policy/cel.ts";
import { POLICY_DECLARATIONS } from "../../src/policy/declarations.ts";
import { RulePlan } from "../../src/policy/plan.ts";
import type { CompiledRule } from "../../src/policy/policy.ts";

const env = createCelEnvironment(POLICY_DECLARATIONS);
const compiled = new Map<string, CompiledExpression>();
function compile(source: string): CompiledExpression {
  let expression = compiled.get(source);
  if (expression === undefined) {
    expression = env.compile(source);
    compiled.set(source, expression);
  }
  return expression;
}

function pinOf(source: string): string[] | undefined {
  const values = compile(source).requiredValues("tool", "name");
  return values === undefined ? undefined : [...values].sort();
}

/** Strict evaluation outcome: the value, or the engine's error message. */
function outcome(source: string, activation: Record<string, unknown>): unknown {
  try {
    return compile(source).evaluate(activation);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

// `args.missing` and `1 / args.zero` fail on every call below: a pinned rule must still be false
// (not an error) outside its pinned names, which is what lets the plan skip it.
const probeArgs = { zero: 0n };
const toolNamed = (name: string) => ({ name, action: "act", egress: false, labels: [] });

describe("requiredValues(tool, name)", () => {
  const cases: [string, string[] | undefined][] = [
    ['tool.name == "pay"', ["pay"]],
    ['"pay" == tool.name', ["pay"]],
    ["tool.name == 'pay'", ["pay"]],
    ['tool.name == "\\x70ay"', ["pay"]],
    ['tool.name in ["pay", "search", "pay"]', ["pay", "search"]],
    ["tool.name in []", []],
    ['tool.name == "pay" && args.missing == 1', ["pay"]],
    ['args.missing == 1 && tool.name == "pay"', ["pay"]],
    ['1 / args.zero == 1 && "pay" == tool.name', ["pay"]],
    ['tool.name in ["pay", "search"] && tool.name in ["search", "send"]', ["search"]],
    ['tool.name == "pay" && tool.name == "search"', []],
    ['has(tool.name) && tool.name == "pay"', ["pay"]],
    ['tool.name == "pay" && (tool.name == "search" || args.missing == 1)', ["pay"]],
    ['(tool.name == "pay" || tool.name == "send") && args.missing == 1', ["pay", "send"]],
    ['tool.name == "pay" || tool.name in ["search", "send"]', ["pay", "search", "send"]],
    [
      '(tool.name == "pay" && args.missing == 1) || ("send" == tool.name && 1 / args.zero == 1)',
      ["pay", "send"],
    ],
    ['[1].exists(tool, tool == 1) && tool.name == "pay"', ["pay"]],
    // One side of || unpinned: the expression can be true for any tool.
    ['tool.name == "pay" || args.missing == 1', undefined],
    ['tool.name == "pay" || true', undefined],
    ['(tool.name == "pay") || false', undefined],
    // Negations, inequalities and ternaries are never read as pins.
    ['!(tool.name == "pay")', undefined],
    ['!(tool.name != "pay")', undefined],
    ['tool.name != "pay"', undefined],
    ['tool.name == "pay" ? true : false', undefined],
    ['args.missing == 1 ? tool.name == "pay" : tool.name == "send"', undefined],
    // Non-literal lists and values.
    ["tool.name in intent.tools", undefined],
    ['tool.name in ["pay", tool.action]', undefined],
    ['tool.name in ["pay", "se" + "nd"]', undefined],
    ['tool.name == "pa" + "y"', undefined],
    ["tool.name == tool.action", undefined],
    ['tool.name in {"pay": 1}', undefined],
    // Not `tool.name` itself.
    ['tool["name"] == "pay"', undefined],
    ['args.tool.name == "pay"', undefined],
    ['tool.action == "pay"', undefined],
    ['tool.name.startsWith("pay")', undefined],
    ["true", undefined],
  ];

  it.each(cases)("%s pins %j", (source, expected) => {
    expect(pinOf(source)).toEqual(expected);
  });

  it.each(cases.filter(([, expected]) => expected !== undefined))(
    "%s is exactly false, never an error, for every tool outside %j",
    (source, expected) => {
      const outside = ["pay", "search", "send", "shell", "", "PAY"].filter((n) => !expected?.includes(n));
      expect(outside.length).toBeGreaterThan(2);
      for (const name of outside)
        expect(outcome(source, { tool: toolNamed(name), args: probeArgs })).toBe(false);
    },
  );

  it("reads other variables and fields the same way", () => {
    const expression = compile('tool.action in ["read", "write"] && agent.id == "a1"');
    expect([...(expression.requiredValues("tool", "action") ?? [])]).toEqual(["read", "write"]);
    expect([...(expression.requiredValues("agent", "id") ?? [])]).toEqual(["a1"]);
    expect(expression.requiredValues("tool", "name")).toBeUndefined();
    expect(expression.requiredValues("agent", "name")).toBeUndefined();
  });
});

describe("RulePlan", () => {
  const rules: CompiledRule[] = [
    { rule: { id: "any", effect: "allow", when: "true" }, expression: compile("true") },
    {
      rule: { id: "pay-only", effect: "deny", when: 'tool.name == "pay"' },
      expression: compile('tool.name == "pay"'),
    },
    {
      rule: { id: "watch", effect: "deny", when: 'tool.name in ["pay", "send"]', mode: "monitor" },
      expression: compile('tool.name in ["pay", "send"]'),
    },
    {
      rule: { id: "never", effect: "deny", when: "tool.name in []" },
      expression: compile("tool.name in []"),
    },
    {
      rule: { id: "send-or-anything", effect: "approve", when: 'tool.name == "send" || args.x == 1' },
      expression: compile('tool.name == "send" || args.x == 1'),
    },
  ];
  const plan = new RulePlan(rules);
  const ids = (name: string) => {
    const set = plan.forTool(name);
    return { enforced: set.enforced.map((r) => r.rule.id), monitors: set.monitors.map((r) => r.rule.id) };
  };

  it("gives each pinned tool its rules plus the unpinned ones, in document order", () => {
    expect(ids("pay")).toEqual({ enforced: ["any", "pay-only", "send-or-anything"], monitors: ["watch"] });
    expect(ids("send")).toEqual({ enforced: ["any", "send-or-anything"], monitors: ["watch"] });
  });

  it("gives every other name the one shared set of unpinned rules", () => {
    expect(ids("search")).toEqual({ enforced: ["any", "send-or-anything"], monitors: [] });
    expect(plan.forTool("shell")).toBe(plan.forTool("search"));
    expect(plan.forTool("constructor")).toBe(plan.forTool("search"));
  });

  it("hands out frozen sets", () => {
    const set = plan.forTool("pay");
    expect(Object.isFrozen(set)).toBe(true);
    expect(Object.isFrozen(set.enforced)).toBe(true);
    expect(Object.isFrozen(set.monitors)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential property: the planned decision equals the decision over every rule.
//
// Two references, both built from public pieces that do not go through the plan's skipping:
//  (a) the same document with every `when` rewritten to `(<when>) || false`. That is the same
//      CEL value in every case (true/false/error: `error || false` is the same error), but `||`
//      with an unpinned side is never pinned, so RulePlan puts every rule in every tool's set
//      (checked below for each generated rule). This isolates the plan: same activation, same
//      combining code, same messages; only the skipping differs.
//  (b) an independent evaluator: each rule compiled in a separate environment and evaluated on an
//      activation of plain objects (not `celMessage` values), combined by a re-implementation of
//      DESIGN.md "Combining". This guards against (a) and the policy sharing a defect in the
//      activation or the combining code.
// ---------------------------------------------------------------------------------------------

const CATALOGUE: Readonly<Record<string, ToolEntry>> = {
  send_email: { action: "write", egress: true, labels: ["pii"] },
  search: { action: "read" },
  pay: { action: "act", sum: ["amount"] },
  read_doc: { action: "read", labels: ["confidential"] },
};
/**
 * `ghost` is pinned by rules but not in the catalogue; `shell` is named by no rule; `act` is an
 * unknown tool whose name equals its action, so `tool.name in ["pay", tool.action]` is true for it.
 */
const PINNABLE = ["send_email", "search", "pay", "read_doc", "ghost"] as const;
const CALLED = [...PINNABLE, "shell", "act"] as const;
const FAILING = ["args.missing == 1", "1 / args.zero == 1", 'args.amount > "x"'] as const;
const PLAIN = [
  "true",
  "false",
  'tool.action == "read"',
  "tool.egress",
  '"pii" in tool.labels',
  "args.amount > 100",
  'tool.name != "search"',
  "trace.count >= 1",
  '"confidential" in trace.labels',
  'emails(args.to).exists(e, e.endsWith("@evil.example"))',
  'urlHost(args.url) == "evil.example"',
  'intent.purpose == "audit"',
  '"pay" in intent.tools',
  'agent.id == "a1"',
] as const;
/** Look like pins but are not: a non-literal list or value can hold any name. */
const LOOKALIKE = [
  'tool.name in ["ghost", tool.action]',
  "tool.name in intent.tools",
  "tool.name == tool.action",
];
const NOW = new Date("2026-01-01T00:00:00Z");
const INTENTS = [
  { id: "t1", purpose: "audit", tools: ["pay"] },
  { id: "t2", purpose: "support" },
];

const quoted = (n: string) => `"${n}"`;
const pinArb = fc.oneof(
  fc.constantFrom(...PINNABLE).map((n) => `tool.name == ${quoted(n)}`),
  fc.constantFrom(...PINNABLE).map((n) => `${quoted(n)} == tool.name`),
  fc
    .uniqueArray(fc.constantFrom(...PINNABLE), { maxLength: 3 })
    .map((ns) => `tool.name in [${ns.map(quoted).join(", ")}]`),
);
const atomArb = fc.oneof(
  pinArb,
  fc.constantFrom(...FAILING),
  fc.constantFrom(...PLAIN),
  fc.constantFrom(...LOOKALIKE),
);
const { expr: exprArb } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 3, depthIdentifier: "expr" },
    atomArb,
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a}) && (${b})`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a}) || (${b})`),
    tie("expr").map((a) => `!(${a})`),
    fc.tuple(tie("expr"), tie("expr"), tie("expr")).map(([a, b, c]) => `(${a}) ? (${b}) : (${c})`),
  ),
}));
// Most rules are pinned, many of them next to a failing sub-expression: the cases the plan skips.
const whenArb = fc.oneof(
  exprArb,
  fc.tuple(pinArb, exprArb).map(([p, e]) => `${p} && (${e})`),
  fc.tuple(exprArb, pinArb).map(([e, p]) => `(${e}) && ${p}`),
  fc.tuple(pinArb, fc.constantFrom(...FAILING)).map(([p, f]) => `${f} && ${p}`),
  fc.tuple(fc.constantFrom(...LOOKALIKE), exprArb).map(([l, e]) => `${l} && (${e})`),
  fc.tuple(pinArb, exprArb, pinArb, exprArb).map(([p, e, q, f]) => `(${p} && (${e})) || (${q} && (${f}))`),
);
const ruleArb = fc.record(
  {
    effect: fc.constantFrom("allow", "deny", "approve"),
    when: whenArb,
    mode: fc.constantFrom("enforce", "monitor", "monitor"),
    reason: fc.constantFrom("reason A", "reason B"),
    controls: fc.subarray(["C1", "C2", "C3"]),
  },
  { requiredKeys: ["effect", "when"] },
);
const callArb = fc.record({
  tool: fc.constantFrom(...CALLED),
  args: fc.record(
    {
      amount: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 300, noNaN: true })),
      to: fc.constantFrom("a@acme.example", "Boss <b@acme.example>, x@evil.example", "junk"),
      url: fc.constantFrom("https://evil.example/x", "https://acme.example/"),
      zero: fc.constant(0),
    },
    { requiredKeys: [] },
  ),
  history: fc.array(
    fc.record({
      tool: fc.constantFrom(...CALLED),
      outcome: fc.constantFrom("allowed", "denied", "failed"),
    }) as fc.Arbitrary<HistoryEntry>,
    { maxLength: 3 },
  ),
  intent: fc.constantFrom(...INTENTS),
  agent: fc.option(fc.record({ id: fc.constantFrom("a1", "a2") }), { nil: undefined }),
});
type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

const base = { apiVersion: "mandate/v1" as const, kind: "Policy" as const, metadata: { name: "diff" } };

function withoutLatency(decision: Decision): Omit<Decision, "latencyNs"> {
  const { latencyNs: _latency, ...rest } = decision;
  return rest;
}

function planned(policy: Policy, call: Call): Omit<Decision, "latencyNs"> {
  return withoutLatency(
    policy.decide({
      tool: call.tool,
      args: call.args,
      intent: call.intent,
      history: call.history,
      now: NOW,
      ...(call.agent !== undefined ? { agent: call.agent } : {}),
    }),
  );
}

type RuleOutcome = { matched: boolean } | { error: string };

/** (b): DESIGN.md "Combining" over per-rule outcomes, in document order. */
function combineReference(
  rules: readonly PolicyRule[],
  outcomes: readonly RuleOutcome[],
  fallback: "allow" | "deny",
): Omit<Decision, "latencyNs"> {
  const decideOver = (include: (rule: PolicyRule) => boolean) => {
    const considered = rules.map((rule, i) => ({ rule, out: outcomes[i] })).filter((x) => include(x.rule));
    const errors = considered.filter((x) => x.out !== undefined && "error" in x.out);
    const controlsOf = (xs: typeof considered) => [...new Set(xs.flatMap((x) => x.rule.controls ?? []))];
    if (errors.length > 0) {
      const first = errors[0] as (typeof errors)[number];
      return {
        effect: "deny" as const,
        ruleIds: errors.map((x) => x.rule.id),
        reason: `rule "${first.rule.id}" could not be evaluated (${(first.out as { error: string }).error}); denied`,
        controls: controlsOf(errors),
        code: "POLICY_EVAL_ERROR" as const,
      };
    }
    for (const effect of ["deny", "approve", "allow"] as const) {
      const hits = considered.filter(
        (x) => x.rule.effect === effect && x.out !== undefined && "matched" in x.out && x.out.matched,
      );
      const first = hits[0];
      if (first === undefined) continue;
      const verb = { deny: "denied by", approve: "approval required by", allow: "allowed by" }[effect];
      const code = {
        deny: "POLICY_DENIED" as const,
        approve: "APPROVAL_REQUIRED" as const,
        allow: undefined,
      }[effect];
      return {
        effect,
        ruleIds: hits.map((x) => x.rule.id),
        reason: first.rule.reason ?? `${verb} rule "${first.rule.id}"`,
        controls: controlsOf(hits),
        ...(code !== undefined ? { code } : {}),
      };
    }
    return {
      effect: fallback,
      ruleIds: [],
      reason: `no rule matched; default ${fallback}`,
      controls: [],
      ...(fallback === "deny" ? { code: "POLICY_DENIED" as const } : {}),
    };
  };
  const actual = decideOver((r) => r.mode !== "monitor");
  if (!rules.some((r) => r.mode === "monitor")) return actual;
  const hypothetical = decideOver(() => true);
  if (hypothetical.effect === actual.effect) return actual;
  const monitors = new Set(rules.filter((r) => r.mode === "monitor").map((r) => r.id));
  return { ...actual, wouldFlip: hypothetical.ruleIds.filter((id) => monitors.has(id)) };
}

/** (b): the activation from plain objects, per DESIGN.md "Policies" (unknown tool: action act). */
function plainActivation(policy: Policy, call: Call): Record<string, unknown> {
  const entry: ToolEntry = Object.hasOwn(CATALOGUE, call.tool)
    ? (CATALOGUE[call.tool] as ToolEntry)
    : { action: "act" };
  const history = policy.createHistory();
  for (const h of call.history) history.record(h);
  const intent: { id: string; purpose: string; tools?: readonly string[] } = call.intent;
  return {
    agent: { id: call.agent?.id ?? "", name: "" },
    intent: {
      id: intent.id,
      purpose: intent.purpose,
      summary: "",
      tools: [...(intent.tools ?? [])],
      resources: [],
      data: "",
      attributes: {},
    },
    tool: {
      name: call.tool,
      action: entry.action,
      egress: entry.egress === true,
      labels: [...(entry.labels ?? [])],
    },
    args: toCel(call.args),
    mandate: {},
    trace: { ...history.snapshot() },
    now: NOW,
    env: {},
  };
}

function referenceOutcome(when: string, activation: Record<string, unknown>): RuleOutcome {
  try {
    return { matched: compile(when).evaluate(activation) === true };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("differential: the rule plan never changes a decision", () => {
  it("property: planned decision == every-rule decision (a) == independent reference (b)", () => {
    const seen = { skippedRules: 0, skippedFailing: 0, evalErrors: 0, wouldFlip: 0 };
    const effects = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("allow", "deny"),
        fc.array(callArb, { minLength: 1, maxLength: 4 }),
        (generated, fallback, calls) => {
          const rules = generated.map((r, i) => ({ id: `r${i}`, ...r }) as PolicyRule);
          const policy = loadPolicy({
            ...base,
            default: fallback as "allow" | "deny",
            tools: CATALOGUE,
            rules,
          });
          const wrappedRules = rules.map((r) => ({ ...r, when: `(${r.when}) || false` }));
          const everyRule = loadPolicy({
            ...base,
            default: fallback as "allow" | "deny",
            tools: CATALOGUE,
            rules: wrappedRules,
          });
          // The wrapper really defeats the plan: no rule of (a) is pinned, every tool gets them all.
          const wrappedPlan = new RulePlan(
            wrappedRules.map((rule) => ({ rule, expression: compile(rule.when) })),
          );
          for (const r of wrappedRules) expect(pinOf(r.when)).toBeUndefined();
          for (const call of calls) {
            const set = wrappedPlan.forTool(call.tool);
            expect([...set.enforced, ...set.monitors].length).toBe(rules.length);

            const got = planned(policy, call);
            expect(got).toStrictEqual(planned(everyRule, call));

            const activation = plainActivation(policy, call);
            const outcomes = rules.map((r) => referenceOutcome(r.when, activation));
            expect(got).toStrictEqual(combineReference(rules, outcomes, fallback as "allow" | "deny"));

            rules.forEach((r, i) => {
              const pin = pinOf(r.when);
              if (pin === undefined || pin.includes(call.tool)) return;
              seen.skippedRules++;
              expect(outcomes[i]).toEqual({ matched: false });
              if (FAILING.some((f) => r.when.includes(f))) seen.skippedFailing++;
            });
            effects.add(got.effect);
            if (got.code === "POLICY_EVAL_ERROR") seen.evalErrors++;
            if (got.wouldFlip !== undefined) seen.wouldFlip++;
          }
        },
      ),
      { numRuns: 1000 },
    );
    // The property is not vacuous: the plan skipped rules, including rules that hold a failing
    // sub-expression, and every kind of outcome came up.
    expect(seen.skippedRules).toBeGreaterThan(1000);
    expect(seen.skippedFailing).toBeGreaterThan(300);
    expect(seen.evalErrors).toBeGreaterThan(100);
    expect(seen.wouldFlip).toBeGreaterThan(50);
    expect([...effects].sort()).toEqual(["allow", "approve", "deny"]);
  });

  it("a pinned rule whose other side fails is skipped for other tools, with the same decision", () => {
    const rules: PolicyRule[] = [
      { id: "pay-check", effect: "deny", when: 'args.missing == 1 && tool.name == "pay"' },
      { id: "reads", effect: "allow", when: 'tool.action == "read"' },
    ];
    const policy = loadPolicy({ ...base, default: "deny", tools: CATALOGUE, rules });
    const intent = { id: "t", purpose: "p" };
    expect(withoutLatency(policy.decide({ tool: "search", args: {}, intent }))).toStrictEqual({
      effect: "allow",
      ruleIds: ["reads"],
      reason: 'allowed by rule "reads"',
      controls: [],
    });
    expect(withoutLatency(policy.decide({ tool: "pay", args: {}, intent }))).toStrictEqual({
      effect: "deny",
      ruleIds: ["pay-check"],
      reason: 'rule "pay-check" could not be evaluated (no such key); denied',
      controls: [],
      code: "POLICY_EVAL_ERROR",
    });
  });
});
