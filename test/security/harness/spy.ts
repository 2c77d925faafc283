import { isDeepStrictEqual } from "node:util";
import type { CallSpec } from "./types.ts";

/** One tool execution: the arguments the tool itself received (after its schema parsed them). */
export interface Execution {
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * The ground truth of a run: what the tools really executed. Judging reads this, never the
 * guard's decisions, so a decision that says "deny" while the tool ran anyway would show.
 */
export class SpyLog {
  readonly #executions: Execution[] = [];

  record(tool: string, args: unknown): void {
    const copy = structuredClone(typeof args === "object" && args !== null ? args : {});
    this.#executions.push({ tool, args: copy as Record<string, unknown> });
  }

  get executions(): readonly Execution[] {
    return this.#executions;
  }

  /** How many executions of `tool` had (at least) these arguments. */
  count(tool: string, args?: Readonly<Record<string, unknown>>): number {
    return this.#executions.filter((e) => e.tool === tool && argsInclude(e.args, args)).length;
  }

  ran(call: CallSpec): boolean {
    return this.count(call.tool, call.args) > 0;
  }
}

/** Subset match: every key of `expected` is present and deep-equal in `actual`. */
export function argsInclude(
  actual: Readonly<Record<string, unknown>>,
  expected: Readonly<Record<string, unknown>> | undefined,
): boolean {
  if (expected === undefined) return true;
  return Object.entries(expected).every(([k, v]) => isDeepStrictEqual(actual[k], v));
}
