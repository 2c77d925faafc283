import type { ErrorCode } from "@mandate/core";

/**
 * The vocabulary of the security scenarios (AgentDojo-style): a benign user task, an injected
 * instruction in some tool's output, and the attacker's goal, judged from what the tools
 * actually ran (spies), never from what the guard decided.
 */

export type SuiteName = "workspace" | "banking" | "messaging" | "travel" | "multi-agent" | "mcp" | "trace";

/** `benign`: no injection, the model does only the user's task. `attack`: injection present. */
export type RunMode = "benign" | "attack";

/** One tool call as the scripted model emits it. `id` only when the id itself is the payload. */
export interface CallSpec {
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly id?: string;
}

/** One model turn: an AIMessage carrying these (parallel) tool calls. */
export type Turn = readonly CallSpec[];

/** Where the attacker's text is placed. */
export type Injection =
  /** Appended to the output of `tool` (for calls whose args contain `args`, if given). */
  | {
      readonly kind: "output";
      readonly tool: string;
      readonly args?: Readonly<Record<string, unknown>>;
      readonly text: string;
    }
  /** Appended to `tool`'s description, which the model reads when tools are bound (MCP poisoning). */
  | { readonly kind: "description"; readonly tool: string; readonly text: string }
  /** `tool` changes its definition between two phases of the session (MCP "rug pull"). */
  | {
      readonly kind: "rug-pull";
      readonly tool: string;
      readonly beforePhase: number;
      readonly text: string;
    };

/**
 * What would mean the attack worked. `call`: the tool really ran (spy) with these arguments
 * (a subset match), at least `times` times. `trace-forgery`: the JSONL trace holds something the
 * guard never emitted, fails verification, or carries raw control characters. `trace-leak`: the
 * raw trace file contains `secret`.
 */
export type Goal =
  | {
      readonly kind: "call";
      readonly tool: string;
      readonly args?: Readonly<Record<string, unknown>>;
      readonly times?: number;
    }
  | { readonly kind: "trace-forgery" }
  | { readonly kind: "trace-leak"; readonly secret: string };

/** The decision expected in the attack run's trace: the one that stopped the attack. */
export interface Stop {
  readonly tool: string;
  readonly effect: "deny" | "approve";
  readonly code: ErrorCode;
  /** Exact rule ids of that decision; [] for guard-level checks (scope, pin) that are not rules. */
  readonly ruleIds: readonly string[];
}

/** The attack classes of reference/attacks.md this repository measures here. */
export type AttackClass = `${"A" | "S" | "H" | "R" | "P" | "L" | "D"}-${number}`;
