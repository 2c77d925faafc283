import type { ErrorCode } from "../errors.ts";
import type { RuleSet } from "./plan.ts";
import type { CompiledRule } from "./policy.ts";
import type { Decision, Effect } from "./types.ts";

type Outcome = Omit<Decision, "latencyNs">;
const ORDER: readonly Effect[] = ["deny", "approve", "allow"];
const VERB: Record<Effect, string> = {
  deny: "denied by",
  approve: "approval required by",
  allow: "allowed by",
};

interface Evaluation {
  readonly matched: readonly CompiledRule[];
  readonly errors: readonly { readonly rule: CompiledRule; readonly message: string }[];
}

/**
 * Deny beats approve beats allow beats the default, whatever the rule order. Only a strict `true`
 * matches. Every enforced rule is evaluated, and any evaluation error denies with
 * POLICY_EVAL_ERROR naming the rule: an error never lets a call through, whatever the effect of
 * the rule that failed and whatever else matched. Monitor rules never change the effect; those
 * that would have are listed in `wouldFlip`. `rules` are those that can match the call's tool
 * (see RulePlan); the others are false for it.
 */
export function combine(
  rules: RuleSet,
  activation: Record<string, unknown>,
  fallback: "allow" | "deny",
): Outcome {
  const enforced = evaluate(rules.enforced, activation);
  const actual = decideFrom(enforced, fallback);
  const monitors = rules.monitors;
  if (monitors.length === 0) return actual;
  const monitored = evaluate(monitors, activation);
  const hypothetical = decideFrom(
    {
      matched: [...enforced.matched, ...monitored.matched],
      errors: [...enforced.errors, ...monitored.errors],
    },
    fallback,
  );
  if (hypothetical.effect === actual.effect) return actual;
  const monitorIds = new Set(monitors.map((m) => m.rule.id));
  return { ...actual, wouldFlip: hypothetical.ruleIds.filter((id) => monitorIds.has(id)) };
}

function evaluate(rules: readonly CompiledRule[], activation: Record<string, unknown>): Evaluation {
  const matched: CompiledRule[] = [];
  const errors: { rule: CompiledRule; message: string }[] = [];
  for (const r of rules) {
    try {
      if (r.expression.evaluate(activation) === true) matched.push(r);
    } catch (error) {
      errors.push({ rule: r, message: error instanceof Error ? error.message : "evaluation failed" });
    }
  }
  return { matched, errors };
}

function decideFrom(evaluation: Evaluation, fallback: "allow" | "deny"): Outcome {
  if (evaluation.errors.length > 0) {
    const ids = evaluation.errors.map((e) => e.rule.rule.id);
    return {
      effect: "deny",
      ruleIds: ids,
      reason: `rule "${ids[0]}" could not be evaluated (${evaluation.errors[0]?.message}); denied`,
      controls: unique(evaluation.errors.flatMap((e) => e.rule.rule.controls ?? [])),
      code: "POLICY_EVAL_ERROR",
    };
  }
  for (const effect of ORDER) {
    const hits = evaluation.matched.filter((r) => r.rule.effect === effect);
    const first = hits[0]?.rule;
    if (first === undefined) continue;
    const code: ErrorCode | undefined =
      effect === "deny" ? "POLICY_DENIED" : effect === "approve" ? "APPROVAL_REQUIRED" : undefined;
    return {
      effect,
      ruleIds: hits.map((r) => r.rule.id),
      reason: first.reason ?? `${VERB[effect]} rule "${first.id}"`,
      controls: unique(hits.flatMap((r) => r.rule.controls ?? [])),
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
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
