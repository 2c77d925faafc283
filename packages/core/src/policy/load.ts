import { MandateError } from "../errors.ts";
import { CelCompileError, type CelLimits, createCelEnvironment, DEFAULT_LIMITS } from "./cel.ts";
import { POLICY_DECLARATIONS } from "./declarations.ts";
import { DocumentError, validateDocument } from "./document.ts";
import { type CompiledRule, Policy } from "./policy.ts";
import { parseYamlSource, type SourceMap } from "./source.ts";
import type { PolicyDocument } from "./types.ts";

export interface LoadPolicyOptions {
  readonly limits?: Partial<CelLimits>;
}

/**
 * Validates a policy document (YAML text or a plain object) and compiles every `when` once,
 * type-checked against the declared variables and required to be bool. Any problem is a
 * MandateError POLICY_INVALID naming the rule and, for YAML, the line and column: a rule is
 * never silently dropped from an otherwise loaded policy.
 */
export function loadPolicy(source: string | PolicyDocument, options: LoadPolicyOptions = {}): Policy {
  let value: unknown = source;
  let map: SourceMap | undefined;
  if (typeof source === "string") {
    const parsed = parseYamlSource(source);
    if ("error" in parsed) {
      throw invalid(`YAML: ${parsed.error}`, undefined, { line: parsed.line, column: parsed.column });
    }
    value = parsed.value;
    map = parsed.map;
  } else if (typeof source !== "object" || source === null) {
    throw new TypeError("loadPolicy() takes YAML text or a policy object");
  }
  let doc: PolicyDocument;
  try {
    doc = validateDocument(value);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    const { message, path, rule } = error.problem;
    throw invalid(message, rule, map?.locate(path), path);
  }
  const limits: CelLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const env = createCelEnvironment(POLICY_DECLARATIONS, limits);
  const rules: CompiledRule[] = doc.rules.map((rule, index) => {
    try {
      return { rule, expression: env.compile(rule.when) };
    } catch (error) {
      if (!(error instanceof CelCompileError)) throw error;
      const path = ["rules", index, "when"];
      throw invalid(error.message, rule.id, map?.locate(path, error.offset), path, error.offset);
    }
  });
  return new Policy(doc, rules);
}

function invalid(
  message: string,
  rule: string | undefined,
  position: { line: number; column: number } | undefined,
  path?: readonly (string | number)[],
  offset?: number,
): MandateError {
  const where = position === undefined ? "" : ` at line ${position.line}, column ${position.column}`;
  const subject = rule === undefined ? "policy" : `rule "${rule}"`;
  return new MandateError("POLICY_INVALID", `policy invalid: ${subject}: ${message}${where}`, {
    details: {
      rule,
      line: position?.line,
      column: position?.column,
      path: path?.map(String),
      offset,
    },
  });
}
