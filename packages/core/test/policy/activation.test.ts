import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Decision, type HistoryEntry, loadPolicy, type ToolEntry } from "../../src/index.ts";
import { intentValue, toolValue } from "../../src/policy/activation.ts";
import { type CompiledExpression, celMessage, createCelEnvironment } from "../../src/policy/cel.ts";
import { POLICY_DECLARATIONS } from "../../src/policy/declarations.ts";

const env = createCelEnvironment(POLICY_DECLARATIONS);
const compiled = new Map<string, CompiledExpression>();
function run(source: string, activation: Record<string, unknown>): unknown {
  let expression = compiled.get(source);
  if (expression === undefined) {
    expression = env.compile(source, "dyn");
    compiled.set(source, expression);
  }
  try {
    return { value: expression.evaluate(activation) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const intent = { id: "t", purpose: "p" };
const base = { apiVersion: "mandate/v1" as const, kind: "Policy" as const, metadata: { name: "act" } };
function withoutLatency(decision: Decision): Omit<Decision, "latencyNs"> {
  const { latencyNs: _latency, ...rest } = decision;
  return rest;
}

// Each message variable, the expressions read over it, and fields with any key possibly missing
// (a missing declared field is "no such key", a `has()` false: both ways must agree).
const MESSAGE_CASES = {
  tool: {
    expressions: [
      'tool.name == "pay"',
      "tool.name",
      "tool.action",
      "tool.egress",
      "tool.labels",
      '"pii" in tool.labels',
      "size(tool.labels)",
      "has(tool.name)",
      "has(tool.labels)",
      'tool.labels.exists(l, l.startsWith("p"))',
    ],
    fields: fc.record(
      {
        name: fc.constantFrom("pay", "search", ""),
        action: fc.constantFrom("read", "write", "act"),
        egress: fc.boolean(),
        labels: fc.subarray(["pii", "confidential", "public"]),
      },
      { requiredKeys: [] },
    ),
  },
  agent: {
    expressions: ["agent.id", 'agent.id == "a1" && agent.name != ""', "has(agent.name)", "size(agent.name)"],
    fields: fc.record(
      { id: fc.constantFrom("a1", "a2", ""), name: fc.constantFrom("", "bot") },
      { requiredKeys: [] },
    ),
  },
  intent: {
    expressions: [
      "intent.purpose",
      '"pay" in intent.tools',
      "size(intent.resources)",
      'intent.data == "secret"',
      'intent.attributes["budget"] > 10',
      "has(intent.attributes.budget) && intent.attributes.budget > 10",
      "intent.summary + intent.id",
    ],
    fields: fc.record(
      {
        id: fc.constantFrom("t1", "t2"),
        purpose: fc.constantFrom("audit", "support"),
        summary: fc.constantFrom("", "s"),
        tools: fc.subarray(["pay", "search"]),
        resources: fc.subarray(["r1", "r2"]),
        data: fc.constantFrom("", "secret", "public"),
        attributes: fc.record({ budget: fc.bigInt({ min: 0n, max: 20n }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
  },
  trace: {
    expressions: [
      "trace.count",
      "trace.count >= 2",
      'trace.counts["pay"] + 1',
      '"confidential" in trace.labels',
      "trace.totals.pay.amount + 1",
      "size(trace.calls)",
      'trace.calls.exists(c, c.tool == "pay" && c.outcome == "allowed")',
      "has(trace.totals.pay)",
    ],
    fields: fc.record(
      {
        calls: fc.array(
          fc.record({
            tool: fc.constantFrom("pay", "search"),
            outcome: fc.constantFrom("allowed", "denied"),
          }),
          { maxLength: 3 },
        ),
        count: fc.bigInt({ min: 0n, max: 5n }),
        counts: fc.record({ pay: fc.bigInt({ min: 0n, max: 5n }) }, { requiredKeys: [] }),
        labels: fc.subarray(["confidential", "pii"]),
        totals: fc.record(
          {
            pay: fc.record({ amount: fc.oneof(fc.bigInt({ min: 0n, max: 9n }), fc.double({ noNaN: true })) }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
} as const;

describe("celMessage values read exactly like plain objects", () => {
  for (const [variable, { expressions, fields }] of Object.entries(MESSAGE_CASES)) {
    it(`property: every ${variable} expression gives the same value or the same error`, () => {
      fc.assert(
        fc.property(fields as fc.Arbitrary<Record<string, unknown>>, (value) => {
          const message = celMessage(POLICY_DECLARATIONS, variable, value);
          for (const source of expressions) {
            expect(run(source, { [variable]: message })).toEqual(run(source, { [variable]: value }));
          }
        }),
        { numRuns: 200 },
      );
    });
  }

  it("the comparison is not vacuous: values, missing-key errors and has() all occur", () => {
    const plain = { name: "pay", labels: ["pii"] };
    const message = celMessage(POLICY_DECLARATIONS, "tool", plain);
    for (const tool of [plain, message]) {
      expect(run('tool.name == "pay"', { tool })).toEqual({ value: true });
      expect(run("size(tool.labels)", { tool })).toEqual({ value: 1n });
      expect(run("tool.action", { tool })).toEqual({ error: "no such key" });
      expect(run("has(tool.egress)", { tool })).toEqual({ value: false });
    }
  });

  it("refuses a variable that is not a message of the declarations", () => {
    expect(() => celMessage(POLICY_DECLARATIONS, "args", {})).toThrow(
      new TypeError('"args" is not a message variable of these declarations'),
    );
    expect(() => celMessage(POLICY_DECLARATIONS, "nope", {})).toThrow(
      new TypeError('"nope" is not a message variable of these declarations'),
    );
  });

  it("a message is read only by environments of its own declarations; another fails closed", () => {
    const other = createCelEnvironment({ ...POLICY_DECLARATIONS }).compile('tool.name == "pay"');
    const message = celMessage(POLICY_DECLARATIONS, "tool", { name: "pay" });
    expect(() => other.evaluate({ tool: message })).toThrow("unsupported type");
    expect(other.evaluate({ tool: { name: "pay" } })).toBe(true);
  });
});

describe("activation values built once", () => {
  it("an intent is converted once per intent object; a different intent gets its own value", () => {
    const a = { id: "t1", purpose: "audit", tools: ["pay"] };
    const b = { id: "t1", purpose: "audit" };
    expect(intentValue(a)).toBe(intentValue(a));
    expect(intentValue(b)).not.toBe(intentValue(a));
    expect(run('"pay" in intent.tools', { intent: intentValue(a) })).toEqual({ value: true });
    expect(run('"pay" in intent.tools', { intent: intentValue(b) })).toEqual({ value: false });
    expect(run("intent.summary + intent.data", { intent: intentValue(b) })).toEqual({ value: "" });
  });

  it("a tool value carries the catalogue entry, defaults filled in", () => {
    const value = toolValue("send", { action: "write", egress: true, labels: ["pii"] });
    const bare = toolValue("x", { action: "act" });
    expect(run("[tool.name, tool.action, string(tool.egress), tool.labels[0]]", { tool: value })).toEqual({
      value: ["send", "write", "true", "pii"],
    });
    expect(
      run("[tool.name, tool.action, string(tool.egress), string(size(tool.labels))]", { tool: bare }),
    ).toEqual({ value: ["x", "act", "false", "0"] });
  });

  it("decisions see each new snapshot of a history, never a stale cached one", () => {
    const policy = loadPolicy({
      ...base,
      default: "allow",
      tools: { pay: { action: "act", sum: ["amount"] }, read_doc: { action: "read", labels: ["secret"] } },
      rules: [
        { id: "budget", effect: "deny", when: "trace.count >= 2" },
        { id: "spent", effect: "approve", when: "trace.totals.pay.amount >= 100" },
        { id: "tainted", effect: "deny", when: '"secret" in trace.labels && tool.name == "pay"' },
      ],
    });
    const history = policy.createHistory();
    const decide = (tool: string) => policy.decide({ tool, args: {}, intent, history }).ruleIds;
    expect(decide("pay")).toEqual([]);
    history.record({ tool: "pay", outcome: "allowed", args: { amount: 150 } });
    expect(decide("pay")).toEqual(["spent"]);
    history.record({ tool: "read_doc", outcome: "allowed" }, { taint: false });
    expect(decide("pay")).toEqual(["budget"]);
    expect(history.snapshot().labels).toEqual([]);
    history.addLabels(["secret"]);
    expect(decide("pay")).toEqual(["budget", "tainted"]);
    // The same entries given as a plain array decide the same.
    const entries: HistoryEntry[] = [
      { tool: "pay", outcome: "allowed", args: { amount: 150 } },
      { tool: "read_doc", outcome: "allowed" },
    ];
    expect(withoutLatency(policy.decide({ tool: "pay", args: {}, intent, history: entries }))).toStrictEqual(
      withoutLatency(policy.decide({ tool: "pay", args: {}, intent, history })),
    );
  });

  // DESIGN.md "Combining": an unknown tool is `action: act`. Tool names come from the model.
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "an unknown tool named %s is action act like any other unknown tool",
    (name) => {
      const policy = loadPolicy({
        ...base,
        default: "allow",
        tools: { search: { action: "read" } },
        rules: [{ id: "no-act", effect: "deny", when: 'tool.action == "act"' }],
      });
      expect.soft(policy.toolEntry(name)).toEqual({ action: "act" });
      expect(withoutLatency(policy.decide({ tool: name, args: {}, intent }))).toStrictEqual({
        effect: "deny",
        ruleIds: ["no-act"],
        reason: 'denied by rule "no-act"',
        controls: [],
        code: "POLICY_DENIED",
      });
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Trace snapshot aggregates, kept incrementally by TaskHistory, against a from-scratch model.
// ---------------------------------------------------------------------------------------------

const CATALOGUE: Readonly<Record<string, ToolEntry>> = {
  pay: { action: "act", sum: ["amount", "fee"], labels: ["money"] },
  read_doc: { action: "read", labels: ["confidential"] },
  search: { action: "read" },
  send: { action: "write", egress: true, labels: ["pii"] },
};
// Two names outside the catalogue: far below MAX_UNLISTED_TOOL_COUNTS, so every name gets a count.
const TOOLS = [...Object.keys(CATALOGUE), "shell", "ghost"];
const catalogued = loadPolicy({ ...base, default: "allow", tools: CATALOGUE, rules: [] });

type Op =
  | { readonly kind: "record"; readonly entry: HistoryEntry; readonly taint?: boolean }
  | { readonly kind: "labels"; readonly labels: string[] }
  | { readonly kind: "snapshot" };

const numberArb = fc.oneof(
  fc.integer({ min: -50, max: 500 }),
  fc.double({ min: -50, max: 500, noNaN: true }),
  fc.constantFrom(0.5, 0.25, Number.NaN, Number.POSITIVE_INFINITY, "12"),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record(
    {
      kind: fc.constant("record" as const),
      entry: fc.record(
        {
          tool: fc.constantFrom(...TOOLS),
          outcome: fc.constantFrom("allowed" as const, "denied" as const, "failed" as const),
          labels: fc.subarray(["L1", "L2", "pii"]),
          args: fc.record(
            { amount: numberArb, fee: numberArb, note: fc.constantFrom("x", "") },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: ["tool", "outcome"] },
      ),
      taint: fc.boolean(),
    },
    { requiredKeys: ["kind", "entry"] },
  ),
  fc.record({ kind: fc.constant("labels" as const), labels: fc.subarray(["L1", "L3", "money"]) }),
  fc.constant({ kind: "snapshot" as const }),
);

const entryOf = (tool: string): ToolEntry =>
  Object.hasOwn(CATALOGUE, tool) ? (CATALOGUE[tool] as ToolEntry) : { action: "act" };
const cel = (n: number): bigint | number => (Number.isInteger(n) ? BigInt(n) : n);

/** The `trace` value recomputed from every operation so far (DESIGN.md "Policies", history.ts). */
function recompute(ops: readonly Op[], window: number) {
  const records = ops.flatMap((op) => (op.kind === "record" ? [op] : []));
  const labels = new Set<string>();
  const counts: Record<string, bigint> = Object.fromEntries(Object.keys(CATALOGUE).map((t) => [t, 0n]));
  const sums = new Map<string, Map<string, number>>();
  for (const [tool, entry] of Object.entries(CATALOGUE))
    if ((entry.sum ?? []).length > 0) sums.set(tool, new Map((entry.sum ?? []).map((a) => [a, 0])));
  for (const op of ops) {
    if (op.kind === "labels") for (const l of op.labels) labels.add(l);
    if (op.kind !== "record") continue;
    const { entry } = op;
    counts[entry.tool] = (counts[entry.tool] ?? 0n) + 1n;
    if (op.taint !== false) {
      const added =
        entry.outcome === "allowed"
          ? [...(entryOf(entry.tool).labels ?? []), ...(entry.labels ?? [])]
          : (entry.labels ?? []);
      for (const l of added) labels.add(l);
    }
    if (entry.outcome !== "allowed") continue;
    for (const [arg, sum] of sums.get(entry.tool) ?? []) {
      const v = entry.args?.[arg];
      if (typeof v === "number" && Number.isFinite(v)) sums.get(entry.tool)?.set(arg, sum + v);
    }
  }
  const celArgs = (args: Readonly<Record<string, unknown>>) => {
    const values = Object.values(args);
    if (values.some((v) => typeof v === "number" && !Number.isFinite(v))) return {};
    return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === "number" ? cel(v) : v]));
  };
  return {
    calls: records.slice(Math.max(0, records.length - window)).map(({ entry }) => ({
      tool: entry.tool,
      action: entryOf(entry.tool).action,
      outcome: entry.outcome,
      labels: [
        ...(entry.outcome === "allowed" ? (entryOf(entry.tool).labels ?? []) : []),
        ...(entry.labels ?? []),
      ],
      args: celArgs(entry.args ?? {}),
    })),
    count: BigInt(records.length),
    counts,
    labels: [...labels],
    totals: Object.fromEntries(
      [...sums].map(([tool, row]) => [
        tool,
        Object.fromEntries([...row].map(([arg, sum]) => [arg, cel(sum)])),
      ]),
    ),
  };
}

describe("trace snapshot aggregates", () => {
  it("property: after any sequence of records, every snapshot equals the from-scratch values, forever", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.integer({ min: 0, max: 4 }), (ops, window) => {
        const history = catalogued.createHistory({ window });
        const taken: { snapshot: ReturnType<typeof history.snapshot>; expected: unknown }[] = [];
        ops.forEach((op, i) => {
          if (op.kind === "record")
            history.record(op.entry, op.taint === undefined ? {} : { taint: op.taint });
          if (op.kind === "labels") history.addLabels(op.labels);
          if (op.kind !== "snapshot") return;
          const snapshot = history.snapshot();
          const expected = recompute(ops.slice(0, i + 1), window);
          expect(snapshot).toStrictEqual(expected);
          expect(history.snapshot()).toBe(snapshot);
          taken.push({ snapshot, expected });
        });
        expect(history.snapshot()).toStrictEqual(recompute(ops, window));
        // Snapshots taken earlier still hold the values of their time.
        for (const { snapshot, expected } of taken) expect(snapshot).toStrictEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("adding only labels already seen keeps the cached snapshot; a new one replaces it", () => {
    const history = catalogued.createHistory();
    history.record({ tool: "read_doc", outcome: "allowed" });
    const first = history.snapshot();
    history.addLabels(["confidential"]);
    expect(history.snapshot()).toBe(first);
    history.addLabels(["confidential", "pii"]);
    const second = history.snapshot();
    expect(second).not.toBe(first);
    expect(first.labels).toEqual(["confidential"]);
    expect(second.labels).toEqual(["confidential", "pii"]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.labels)).toBe(true);
    expect(Object.isFrozen(first.calls)).toBe(true);
  });

  it("a write through a snapshot (a consumer's bug) never reaches the history", () => {
    const history = catalogued.createHistory();
    history.record({ tool: "pay", outcome: "allowed", args: { amount: 300 } });
    const first = history.snapshot();
    // Writes either throw (the value is frozen) or must stay local to this one snapshot object.
    const attempt = (write: () => void) => {
      try {
        write();
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
      }
    };
    attempt(() => {
      (first.counts as Record<string, bigint>).pay = 0n;
    });
    attempt(() => {
      (first.totals.pay as Record<string, bigint>).amount = 0n;
    });
    attempt(() => {
      (first.calls[0]?.args as Record<string, unknown>).amount = 0n;
    });
    // The snapshot is cached until the next change: the history hands the same object out again.
    expect.soft(history.snapshot().counts.pay).toBe(1n);
    history.record({ tool: "search", outcome: "allowed" });
    const later = history.snapshot();
    expect.soft(later.counts.pay).toBe(1n);
    expect.soft(later.totals.pay).toEqual({ amount: 300n, fee: 0n });
    expect.soft(later.calls[0]?.args).toEqual({ amount: 300n });
  });

  it("every tool name is counted and recorded as an unknown tool, including Object.prototype names", () => {
    const history = catalogued.createHistory();
    for (const tool of ["__proto__", "constructor", "toString"]) history.record({ tool, outcome: "denied" });
    const snapshot = history.snapshot();
    expect(snapshot.count).toBe(3n);
    expect.soft(Object.entries(snapshot.counts).filter(([tool]) => !Object.hasOwn(CATALOGUE, tool))).toEqual([
      ["__proto__", 1n],
      ["constructor", 1n],
      ["toString", 1n],
    ]);
    expect.soft(snapshot.calls.map((c) => c.action)).toEqual(["act", "act", "act"]);
  });
});
