import { MandateError } from "../errors.ts";
import {
  CelCompileError,
  type CelEnvironment,
  type CompiledExpression,
  createCelEnvironment,
  toCel,
} from "./cel.ts";
import { GRANT_DECLARATIONS } from "./declarations.ts";
import type { ToolAction } from "./types.ts";

export interface CompiledCondition {
  readonly source: string;
  /** true only on a strict CEL `true`; throws MandateError POLICY_EVAL_ERROR on an evaluation error. */
  evaluate(
    args: Readonly<Record<string, unknown>>,
    tool: { readonly name: string; readonly action: ToolAction },
  ): boolean;
}

const MAX_CACHED = 1024;
const cache = new Map<string, CompiledCondition>();
let env: CelEnvironment | undefined;

/**
 * Compiles a mandate grant's `when` (CEL over `args` and `tool`), once per distinct source: the
 * cache is bounded, since conditions arrive inside tokens. Compile errors are POLICY_INVALID.
 */
export function compileGrantCondition(source: string): CompiledCondition {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  env ??= createCelEnvironment(GRANT_DECLARATIONS);
  let expression: CompiledExpression;
  try {
    expression = env.compile(source);
  } catch (error) {
    if (!(error instanceof CelCompileError)) throw error;
    throw new MandateError("POLICY_INVALID", `grant condition invalid: ${error.message}`, {
      details: { offset: error.offset },
    });
  }
  const condition: CompiledCondition = {
    source,
    evaluate(args, tool) {
      try {
        return (
          expression.evaluate({ args: toCel(args), tool: { name: tool.name, action: tool.action } }) === true
        );
      } catch (error) {
        throw new MandateError("POLICY_EVAL_ERROR", "grant condition could not be evaluated", {
          cause: error,
        });
      }
    },
  };
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(source, condition);
  return condition;
}
