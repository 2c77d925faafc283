import type { CompiledRule } from "./policy.ts";

/** The rules a call to one tool is checked against, split once into enforced and monitor rules. */
export interface RuleSet {
  readonly enforced: readonly CompiledRule[];
  readonly monitors: readonly CompiledRule[];
}

/**
 * Which rules can match a call to a given tool, worked out once at load. A rule whose `when`
 * pins `tool.name` (`tool.name == "x" && …`, `tool.name in [...]`, through `&&`/`||`) is false
 * for every other tool, and false rather than an error (see `requiredValues`), so skipping it
 * there gives the very same decision. Rules keep their document order: reasons and rule ids come
 * out as if every rule had been evaluated. Unknown tool names share the set of unpinned rules, so
 * the plan's size is bounded by the policy, not by what models send.
 */
export class RulePlan {
  readonly #byTool = new Map<string, RuleSet>();
  readonly #unpinned: RuleSet;

  constructor(rules: readonly CompiledRule[]) {
    const pins = rules.map((r) => r.expression.requiredValues("tool", "name"));
    this.#unpinned = split(rules.filter((_, i) => pins[i] === undefined));
    const named = new Set(pins.flatMap((pin) => [...(pin ?? [])]));
    for (const tool of named) {
      this.#byTool.set(
        tool,
        split(rules.filter((_, i) => pins[i] === undefined || pins[i]?.has(tool) === true)),
      );
    }
  }

  forTool(name: string): RuleSet {
    return this.#byTool.get(name) ?? this.#unpinned;
  }
}

function split(rules: readonly CompiledRule[]): RuleSet {
  return Object.freeze({
    enforced: Object.freeze(rules.filter((r) => r.rule.mode !== "monitor")),
    monitors: Object.freeze(rules.filter((r) => r.rule.mode === "monitor")),
  });
}
