import { isMandateError, MandateError } from "../errors.ts";
import { grantsAllowTool } from "../mandate/grants.ts";
import type { MandateClaims } from "../mandate/types.ts";
import { compileGrantCondition } from "../policy/conditions.ts";
import type { ToolAction } from "../policy/types.ts";

export interface ScopeResult {
  readonly allowed: boolean;
  readonly reason: string;
  readonly code?: "SCOPE_DENIED";
}

/**
 * Is this call inside the mandate's `scope`? A grant matches on tool and action; its `when` (which
 * already carries every ancestor's condition, AND-ed at delegation) must evaluate to exactly `true`.
 * Any grant that allows is enough. A condition that fails to compile or evaluate never allows:
 * the call is denied with SCOPE_DENIED, fail closed.
 */
export function checkScope(
  claims: MandateClaims,
  tool: string,
  action: ToolAction,
  args: Readonly<Record<string, unknown>>,
): ScopeResult {
  const grants = grantsAllowTool(claims.scope, tool, action);
  if (grants.length === 0) {
    return denied(`tool "${tool}" (${action}) is outside the mandate's scope`);
  }
  let conditionFailed = false;
  for (const grant of grants) {
    if (grant.when === undefined) return { allowed: true, reason: "in scope" };
    try {
      if (compileGrantCondition(grant.when).evaluate(args, { name: tool, action })) {
        return { allowed: true, reason: "in scope" };
      }
    } catch (error) {
      // A broken condition is a denial, never a pass; keep looking for another grant that allows.
      if (!isMandateError(error)) throw error;
      conditionFailed = true;
    }
  }
  return denied(
    conditionFailed
      ? `a scope condition for "${tool}" could not be evaluated`
      : `the arguments do not meet the mandate's conditions for "${tool}"`,
  );
}

function denied(reason: string): ScopeResult {
  return { allowed: false, reason, code: "SCOPE_DENIED" };
}

export function scopeError(reason: string): MandateError {
  return new MandateError("SCOPE_DENIED", reason);
}
