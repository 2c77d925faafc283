import { agentValue, cachedCel, intentValue, toolValue, traceValue } from "./activation.ts";
import { CelEvalError, type CompiledExpression, toCel } from "./cel.ts";
import { combine } from "./combine.ts";
import { DEFAULT_HISTORY_WINDOW, TaskHistory } from "./history.ts";
import { RulePlan } from "./plan.ts";
import type {
  DecideInput,
  Decision,
  HistoryEntry,
  PolicyDocument,
  PolicyRule,
  TaskHistoryView,
  ToolEntry,
} from "./types.ts";

export interface CompiledRule {
  readonly rule: PolicyRule;
  readonly expression: CompiledExpression;
}

const UNKNOWN_TOOL: ToolEntry = Object.freeze({ action: "act" });

/** A loaded policy: validated, compiled once, immutable. `decide` is synchronous. */
export class Policy {
  readonly document: PolicyDocument;
  readonly name: string;
  readonly ruleIds: readonly string[];
  readonly #plan: RulePlan;
  readonly #toolValues = new Map<string, object>();

  constructor(document: PolicyDocument, rules: readonly CompiledRule[]) {
    this.document = document;
    this.name = document.metadata.name;
    this.ruleIds = Object.freeze(rules.map((r) => r.rule.id));
    this.#plan = new RulePlan(rules);
  }

  /** The catalogue entry, or the unknown-tool default: `action: act`, no egress, no labels. */
  toolEntry(name: string): ToolEntry {
    // Own entries only: the name comes from the model, and "constructor" or "__proto__" must be
    // an unknown tool (action act), not something inherited from Object.prototype.
    const tools = this.document.tools;
    return tools !== undefined && Object.hasOwn(tools, name) ? (tools[name] ?? UNKNOWN_TOOL) : UNKNOWN_TOOL;
  }

  /** A history for one task, for `decide({ history })`; see TaskHistory for the bound. */
  createHistory(options: { window?: number } = {}): TaskHistory {
    return new TaskHistory((t) => this.toolEntry(t), Object.keys(this.document.tools ?? {}), options.window);
  }

  decide(input: DecideInput): Decision {
    const started = process.hrtime.bigint();
    let activation: Record<string, unknown>;
    try {
      activation = this.#activation(input);
    } catch (error) {
      if (!(error instanceof CelEvalError)) throw error;
      return {
        effect: "deny",
        ruleIds: [],
        reason: `the call's input cannot be evaluated: ${error.message}`,
        controls: [],
        code: "POLICY_EVAL_ERROR",
        latencyNs: Number(process.hrtime.bigint() - started),
      };
    }
    const outcome = combine(this.#plan.forTool(input.tool), activation, this.document.default);
    return { ...outcome, latencyNs: Number(process.hrtime.bigint() - started) };
  }

  #activation(input: DecideInput): Record<string, unknown> {
    if (typeof input?.tool !== "string") throw new TypeError("decide() needs a tool name");
    return {
      agent: agentValue(input.agent),
      intent: intentValue(input.intent),
      tool: this.#toolValue(input.tool),
      args: toCel(input.args ?? {}),
      mandate: cachedCel(input.mandate),
      trace: traceValue(this.#trace(input.history).snapshot()),
      now: input.now ?? new Date(),
      env: toCel(input.env ?? {}),
    };
  }

  #toolValue(name: string): object {
    let value = this.#toolValues.get(name);
    if (value === undefined) {
      value = toolValue(name, this.toolEntry(name));
      // Unknown tool names come from the model: cache only catalogue tools, so the map stays bounded.
      if (this.toolEntry(name) !== UNKNOWN_TOOL) this.#toolValues.set(name, value);
    }
    return value;
  }

  #trace(history: DecideInput["history"]): TaskHistoryView {
    if (history !== undefined && !Array.isArray(history)) return history as TaskHistoryView;
    const built = this.createHistory({ window: DEFAULT_HISTORY_WINDOW });
    for (const entry of (history ?? []) as readonly HistoryEntry[]) built.record(entry);
    return built;
  }
}
