import type { PolicyDocument, PolicyRule, ToolEntry } from "./types.ts";

/** Where a problem is in the document: a path like ["rules", 2, "when"], plus the rule id. */
export interface DocumentProblem {
  readonly message: string;
  readonly path: readonly (string | number)[];
  readonly rule?: string;
}

export class DocumentError extends Error {
  readonly problem: DocumentProblem;
  constructor(problem: DocumentProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

const TOP_KEYS = ["apiVersion", "kind", "metadata", "default", "tools", "rules"];
const META_KEYS = ["name", "description"];
const TOOL_KEYS = ["action", "egress", "labels", "sum", "pin"];
const RULE_KEYS = ["id", "effect", "when", "reason", "controls", "mode"];
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const TOOL_NAME = /^[A-Za-z0-9_.:\-/]{1,128}$/;

/** Strict validation of a policy document: unknown keys anywhere, bad values and duplicates fail. */
export function validateDocument(input: unknown): PolicyDocument {
  const doc = object(input, []);
  keys(doc, TOP_KEYS, []);
  if (doc.apiVersion !== "mandate/v1") fail('apiVersion must be "mandate/v1"', ["apiVersion"]);
  if (doc.kind !== "Policy") fail('kind must be "Policy"', ["kind"]);
  const metadata = object(doc.metadata, ["metadata"]);
  keys(metadata, META_KEYS, ["metadata"]);
  if (typeof metadata.name !== "string" || metadata.name === "")
    fail("metadata.name must be a string", ["metadata", "name"]);
  if (metadata.description !== undefined && typeof metadata.description !== "string")
    fail("metadata.description must be a string", ["metadata", "description"]);
  if (doc.default !== "allow" && doc.default !== "deny")
    fail('default must be "allow" or "deny"', ["default"]);
  const tools: Record<string, ToolEntry> = {};
  if (doc.tools !== undefined) {
    for (const [name, raw] of Object.entries(object(doc.tools, ["tools"]))) {
      if (!TOOL_NAME.test(name)) fail(`tool name "${name}" is not allowed`, ["tools", name]);
      tools[name] = toolEntry(raw, ["tools", name]);
    }
  }
  if (!Array.isArray(doc.rules)) fail("rules must be a list", ["rules"]);
  const seen = new Set<string>();
  const rules = (doc.rules as unknown[]).map((raw, i) => {
    const rule = ruleOf(raw, ["rules", i]);
    if (seen.has(rule.id)) fail(`duplicate rule id "${rule.id}"`, ["rules", i, "id"], rule.id);
    seen.add(rule.id);
    return rule;
  });
  return deepFreeze({
    apiVersion: "mandate/v1",
    kind: "Policy",
    metadata: {
      name: metadata.name as string,
      ...(metadata.description ? { description: metadata.description as string } : {}),
    },
    default: doc.default,
    tools,
    rules,
  }) as PolicyDocument;
}

function toolEntry(raw: unknown, path: (string | number)[]): ToolEntry {
  const t = object(raw, path);
  keys(t, TOOL_KEYS, path);
  if (t.action !== "read" && t.action !== "write" && t.action !== "act")
    fail("action must be read, write or act", [...path, "action"]);
  if (t.egress !== undefined && typeof t.egress !== "boolean")
    fail("egress must be true or false", [...path, "egress"]);
  const labels = t.labels === undefined ? undefined : strings(t.labels, [...path, "labels"]);
  const sum = t.sum === undefined ? undefined : strings(t.sum, [...path, "sum"]);
  if (t.pin !== undefined && (typeof t.pin !== "string" || !/^[0-9a-f]{64}$/.test(t.pin)))
    fail("pin must be a sha256 hex digest", [...path, "pin"]);
  return {
    action: t.action,
    ...(t.egress !== undefined ? { egress: t.egress as boolean } : {}),
    ...(labels !== undefined ? { labels } : {}),
    ...(sum !== undefined ? { sum } : {}),
    ...(t.pin !== undefined ? { pin: t.pin as string } : {}),
  };
}

function ruleOf(raw: unknown, path: (string | number)[]): PolicyRule {
  const r = object(raw, path);
  const id = typeof r.id === "string" ? r.id : undefined;
  if (id === undefined || !RULE_ID.test(id)) fail("rule id must be a short identifier", [...path, "id"], id);
  keys(r, RULE_KEYS, path, id);
  if (r.effect !== "allow" && r.effect !== "deny" && r.effect !== "approve")
    fail("effect must be allow, deny or approve", [...path, "effect"], id);
  if (typeof r.when !== "string" || r.when.trim() === "")
    fail("when must be a CEL expression", [...path, "when"], id);
  if (r.reason !== undefined && typeof r.reason !== "string")
    fail("reason must be a string", [...path, "reason"], id);
  const controls = r.controls === undefined ? undefined : strings(r.controls, [...path, "controls"], id);
  if (r.mode !== undefined && r.mode !== "enforce" && r.mode !== "monitor")
    fail("mode must be enforce or monitor", [...path, "mode"], id);
  return {
    id,
    effect: r.effect,
    when: r.when,
    ...(r.reason !== undefined ? { reason: r.reason as string } : {}),
    ...(controls !== undefined ? { controls } : {}),
    ...(r.mode !== undefined ? { mode: r.mode as "enforce" | "monitor" } : {}),
  };
}

function object(value: unknown, path: (string | number)[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("must be a mapping", path);
  return value as Record<string, unknown>;
}

function keys(
  value: Record<string, unknown>,
  allowed: string[],
  path: (string | number)[],
  rule?: string,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`unknown key "${key}"`, [...path, key], rule);
  }
}

function strings(value: unknown, path: (string | number)[], rule?: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    fail("must be a list of strings", path, rule);
  return [...(value as string[])];
}

function fail(message: string, path: (string | number)[], rule?: string): never {
  throw new DocumentError({ message, path, ...(rule !== undefined ? { rule } : {}) });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
