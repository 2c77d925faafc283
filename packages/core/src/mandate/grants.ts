/**
 * Grants and the subset relation. A grant names tools (exact, `prefix*` or `*`), actions (absent =
 * all) and an optional CEL `when` over the call's arguments. This module never evaluates CEL: `when`
 * is an opaque string here, the guard evaluates it through the policy module.
 */
import type { ToolAction } from "../policy/types.ts";
import type { Grant } from "./types.ts";

export const TOOL_ACTIONS: readonly ToolAction[] = Object.freeze(["read", "write", "act"]);
/** A condition given to issue/delegate. */
export const MAX_WHEN_LENGTH = 2048;
/** A condition inside a token: ancestors' conditions AND-ed together (bounded by the token size cap). */
export const MAX_WHEN_IN_TOKEN = 8192;
const MAX_TOOLS = 256;
const MAX_GRANTS = 64;
// Printable, no whitespace; `*` only as the last character (prefix) or alone.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const TOOL_PATTERN = /^(?:\*|[^\s*\u0000-\u001f\u007f]{1,256}\*?)$/;
const GRANT_KEYS = new Set(["tools", "actions", "when"]);

/**
 * Validates a grant list and returns a frozen, normalised copy (null-prototype input is fine).
 * `fail` decides how a bad list is reported: TypeError for API input, MANDATE_MALFORMED in a token.
 */
export function parseGrants(
  value: unknown,
  fail: (reason: string) => Error,
  maxWhen: number = MAX_WHEN_LENGTH,
): readonly Grant[] {
  if (!Array.isArray(value)) throw fail("grants must be an array");
  if (value.length > MAX_GRANTS) throw fail(`at most ${MAX_GRANTS} grants`);
  return Object.freeze(value.map((g) => parseGrant(g, fail, maxWhen)));
}

function parseGrant(value: unknown, fail: (reason: string) => Error, maxWhen: number): Grant {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw fail("a grant must be an object");
  const g = value as Record<string, unknown>;
  for (const key of Object.keys(g)) if (!GRANT_KEYS.has(key)) throw fail(`grant has unknown key "${key}"`);
  const { tools, actions, when } = g;
  if (!Array.isArray(tools) || tools.length === 0 || tools.length > MAX_TOOLS)
    throw fail("grant.tools must be a non-empty array");
  for (const t of tools)
    if (typeof t !== "string" || !TOOL_PATTERN.test(t))
      throw fail('grant.tools entries must be tool names, "prefix*" or "*"');
  let normalisedActions: readonly ToolAction[] | undefined;
  if (actions !== undefined) {
    if (!Array.isArray(actions) || actions.length === 0)
      throw fail("grant.actions must be a non-empty array");
    for (const a of actions)
      if (!(TOOL_ACTIONS as readonly unknown[]).includes(a))
        throw fail("grant.actions must be read, write or act");
    if (new Set(actions).size !== actions.length) throw fail("grant.actions has duplicates");
    normalisedActions = Object.freeze([...(actions as ToolAction[])]);
  }
  if (when !== undefined && (typeof when !== "string" || when.trim().length === 0 || when.length > maxWhen))
    throw fail(`grant.when must be a non-empty string of at most ${maxWhen} characters`);
  return Object.freeze({
    tools: Object.freeze([...(tools as string[])]),
    ...(normalisedActions !== undefined ? { actions: normalisedActions } : {}),
    ...(when !== undefined ? { when: when as string } : {}),
  });
}

/** Does a tool pattern match a concrete tool name? */
export function toolMatches(pattern: string, name: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/** Is every name `child` can match also matched by `parent`? */
export function toolPatternCovers(parent: string, child: string): boolean {
  if (parent === "*") return true;
  if (parent.endsWith("*")) {
    const prefix = parent.slice(0, -1);
    // A child pattern "q*" (or "*", q = "") matches every name starting with q: covered iff q starts with prefix.
    return (child.endsWith("*") ? child.slice(0, -1) : child).startsWith(prefix);
  }
  return parent === child;
}

function actionsOf(grant: Grant): readonly ToolAction[] {
  return grant.actions ?? TOOL_ACTIONS;
}

/** Tools and actions of `child` inside those of `parent` (conditions aside). */
export function grantCovers(parent: Grant, child: Grant): boolean {
  const parentActions = actionsOf(parent);
  return (
    child.tools.every((t) => parent.tools.some((p) => toolPatternCovers(p, t))) &&
    actionsOf(child).every((a) => parentActions.includes(a))
  );
}

/**
 * The parent grant that covers `child`, or undefined. An unconditioned covering grant is preferred
 * (it gives the child the broadest authority the parent really has); otherwise the first one. Any
 * covering grant is a sound choice: the child never ends up broader than that parent grant.
 */
export function coveringGrant(parents: readonly Grant[], child: Grant): Grant | undefined {
  let found: Grant | undefined;
  for (const p of parents) {
    if (!grantCovers(p, child)) continue;
    if (p.when === undefined) return p;
    found ??= p;
  }
  return found;
}

/** AND of two conditions, each parenthesised so neither can swallow the other. */
export function andConditions(parent: string | undefined, child: string | undefined): string | undefined {
  if (parent === undefined) return child;
  if (child === undefined || child === parent) return parent;
  return `(${parent}) && (${child})`;
}

/**
 * Narrows requested grants against the parent's `dlg`: every requested grant must be covered by one
 * parent grant, and the minted grant's `when` is the AND of that grant's and its own. Returns
 * undefined if some grant is not covered (the caller raises MANDATE_ESCALATION).
 */
export function narrowGrants(
  parentDlg: readonly Grant[],
  requested: readonly Grant[],
): readonly Grant[] | undefined {
  const out: Grant[] = [];
  for (const g of requested) {
    const cover = coveringGrant(parentDlg, g);
    if (cover === undefined) return undefined;
    const when = andConditions(cover.when, g.when);
    out.push(
      Object.freeze({
        tools: g.tools,
        ...(g.actions ? { actions: g.actions } : {}),
        ...(when ? { when } : {}),
      }),
    );
  }
  return Object.freeze(out);
}

/** The grants that allow `toolName` with `action`; the guard then evaluates their `when`. */
export function grantsAllowTool(
  grants: readonly Grant[],
  toolName: string,
  action: ToolAction,
): readonly Grant[] {
  return grants.filter((g) => actionsOf(g).includes(action) && g.tools.some((p) => toolMatches(p, toolName)));
}
