/**
 * Runs the official cel-spec conformance tests (from @bufbuild/cel-spec) through Mandate's own CEL
 * module (packages/core/src/policy/cel.ts): the same environment options, the same number and
 * error handling, Mandate's functions registered, `matches()` refused.
 *
 * Excluded (counted, not run): tests that need protobuf messages, which policies never see —
 * a non-empty `container`, message or enum values in bindings or results, message literals or
 * `google.protobuf` names in the expression — and tests expecting "unknown" results.
 */
import type { Value } from "@bufbuild/cel-spec/cel/expr/value_pb.js";
import { getConformanceSuite } from "@bufbuild/cel-spec/testdata/tests.js";
import { createCelEnvironment, DEFAULT_LIMITS } from "../../packages/core/src/policy/cel.ts";
import { fromActual, fromExpected, ProtoDependent, type Tagged, toActivation } from "./values.ts";

export const SUITES = [
  "basic",
  "comparisons",
  "logic",
  "macros",
  "lists",
  "string",
  "fields",
  "conversions",
  "integer_math",
  "timestamps",
  "fp_math",
  "macros2",
  "plumbing",
] as const;

export type Outcome = "pass" | "fail" | "excluded";

export interface CaseResult {
  readonly id: string;
  readonly suite: string;
  readonly outcome: Outcome;
  readonly detail?: string;
}

interface SimpleTest {
  readonly name: string;
  readonly expr: string;
  readonly disableCheck: boolean;
  readonly checkOnly: boolean;
  readonly container: string;
  readonly typeEnv: readonly { name: string }[];
  readonly bindings: Readonly<Record<string, { kind: { case?: string; value?: unknown } }>>;
  readonly resultMatcher: { case?: string; value?: unknown };
}

interface Node {
  readonly name: string;
  readonly suites?: readonly Node[];
  readonly tests?: readonly { readonly original: SimpleTest; readonly name: string }[];
}

const PROTO_EXPR = /google\.protobuf\.|TestAllTypes|NestedTestAllTypes|\b[A-Z]\w*\s*\{|proto[23]\./;
const limits = { ...DEFAULT_LIMITS, maxExpressionLength: 100_000, maxDepth: 250, maxAstNodes: 100_000 };

export function runConformance(): CaseResult[] {
  const root = getConformanceSuite() as unknown as Node;
  const results: CaseResult[] = [];
  for (const suite of root.suites ?? []) {
    if (!(SUITES as readonly string[]).includes(suite.name)) continue;
    walk(suite, suite.name, suite.name, results);
  }
  return results;
}

function walk(node: Node, suite: string, path: string, out: CaseResult[]): void {
  for (const child of node.suites ?? []) walk(child, suite, `${path}/${child.name}`, out);
  for (const t of node.tests ?? []) out.push(runOne(t.original, suite, `${path}/${t.name}`));
}

function runOne(test: SimpleTest, suite: string, id: string): CaseResult {
  const matcher = test.resultMatcher.case;
  if (
    test.container !== "" ||
    PROTO_EXPR.test(test.expr) ||
    (matcher !== "value" && matcher !== "evalError")
  ) {
    return { id, suite, outcome: "excluded" };
  }
  let expected: Tagged | undefined;
  let activation: Record<string, unknown>;
  try {
    expected = matcher === "value" ? fromExpected(test.resultMatcher.value as Value) : undefined;
    activation = Object.fromEntries(
      Object.entries(test.bindings).map(([name, b]) => {
        if (b.kind.case !== "value") throw new ProtoDependent("non-value binding");
        return [name, toActivation(b.kind.value as Value)];
      }),
    );
  } catch (error) {
    if (error instanceof ProtoDependent) return { id, suite, outcome: "excluded" };
    throw error;
  }
  const declared = new Set([...test.typeEnv.map((d) => d.name), ...Object.keys(test.bindings)]);
  const env = createCelEnvironment(Object.fromEntries([...declared].map((n) => [n, "dyn"])), limits);
  let actual: unknown;
  try {
    const compiled = env.compile(test.expr, "dyn", { check: !test.disableCheck });
    if (test.checkOnly) return { id, suite, outcome: "pass" };
    actual = compiled.evaluate(activation);
  } catch (error) {
    if (expected === undefined) return { id, suite, outcome: "pass" };
    return { id, suite, outcome: "fail", detail: `error: ${(error as Error).message.slice(0, 120)}` };
  }
  if (expected === undefined) return { id, suite, outcome: "fail", detail: "expected an error, got a value" };
  const got = fromActual(actual);
  return JSON.stringify(got) === JSON.stringify(expected)
    ? { id, suite, outcome: "pass" }
    : { id, suite, outcome: "fail", detail: `got ${JSON.stringify(got).slice(0, 80)}` };
}
