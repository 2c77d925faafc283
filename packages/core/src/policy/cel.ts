/**
 * The only module that touches the CEL library (@marcbachmann/cel-js, pinned exactly), so the
 * engine can be swapped. It declares the typed variables policies see, registers Mandate's
 * functions, compiles and type-checks expressions once, and converts JS values into the
 * activation with one number convention:
 *   integral finite numbers -> CEL int (BigInt); other finite numbers -> CEL double;
 *   NaN and ±Infinity -> an evaluation error (a call with them is denied, never compared).
 * `matches()` is absent: the library backs it with a backtracking JS RegExp (ReDoS), so any
 * expression that calls it is refused at load.
 */
import { type ASTNode, Environment } from "@marcbachmann/cel-js";
import { emails, glob, inCidr, pathWithin, urlHost, urls } from "./functions.ts";
import { lastInput } from "./memo.ts";

export interface CelLimits {
  /** Longest expression source, in characters. Default 4,096. */
  readonly maxExpressionLength: number;
  /** Deepest AST nesting. Default 32. */
  readonly maxDepth: number;
  /** Most AST nodes. Default 1,000. */
  readonly maxAstNodes: number;
}

export const DEFAULT_LIMITS: CelLimits = Object.freeze({
  maxExpressionLength: 4096,
  maxDepth: 32,
  maxAstNodes: 1000,
});

export type Declarations = Readonly<
  Record<string, string | { readonly schema: Readonly<Record<string, unknown>> }>
>;

/** A compile failure: the message and where in the expression (0-based offset). */
export class CelCompileError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "CelCompileError";
    this.offset = offset;
  }
}

/** An evaluation failure (no such key, no such overload, bad number…). Message has no values. */
export class CelEvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CelEvalError";
  }
}

export interface CompiledExpression {
  readonly source: string;
  /** Strict: returns the value, throws CelEvalError on any evaluation error. */
  evaluate(activation: Readonly<Record<string, unknown>>): unknown;
  /**
   * The string values `variable.field` must have for the expression to be true, read from `==`
   * and `in` against literals through `&&` and `||`; undefined when the expression does not pin it.
   * Outside the set the expression is `false`, never an error (CEL's `&&` absorbs an error on its
   * other side), so a caller may skip evaluating it. Assumes `variable.field` is a string.
   */
  requiredValues(variable: string, field: string): ReadonlySet<string> | undefined;
}

export interface CelEnvironment {
  /** `check: false` skips type-checking (only the conformance suite uses it). */
  compile(source: string, expectType?: string, options?: { readonly check?: boolean }): CompiledExpression;
}

export function createCelEnvironment(
  declarations: Declarations,
  limits: CelLimits = DEFAULT_LIMITS,
): CelEnvironment {
  const env = new Environment({
    limits: {
      maxAstNodes: limits.maxAstNodes,
      maxDepth: limits.maxDepth,
      maxListElements: 1000,
      maxMapEntries: 1000,
    },
  });
  for (const [name, type] of Object.entries(declarations)) {
    if (typeof type === "string") {
      env.registerVariable(name, type);
      continue;
    }
    const ctor = messageClass(declarations, name);
    // Our own constructor for the message type: values built with `celMessage` are used as they
    // are; plain objects are still accepted (converted on each evaluation, which costs more).
    env.registerType(`$${name}`, {
      ctor,
      schema: type.schema as Record<string, string>,
      convert: (value: Readonly<Record<string, unknown>>) => new ctor(value),
    });
    env.registerVariable(name, `$${name}`);
  }
  registerFunctions(env);
  return {
    compile(source: string, expectType = "bool", options = {}): CompiledExpression {
      if (typeof source !== "string" || source.trim() === "")
        throw new CelCompileError("empty expression", 0);
      if (source.length > limits.maxExpressionLength)
        throw new CelCompileError(`expression longer than ${limits.maxExpressionLength} characters`, 0);
      let parsed: ReturnType<Environment["parse"]>;
      try {
        parsed = env.parse(source);
      } catch (error) {
        throw toCompileError(error);
      }
      const forbidden = findCall(parsed.ast, "matches");
      if (forbidden !== undefined)
        throw new CelCompileError("matches() is not available (no linear-time regex engine)", forbidden);
      if (options.check !== false) {
        const checked = parsed.check();
        if (!checked.valid) throw toCompileError(checked.error);
        if (expectType !== "dyn" && checked.type !== expectType)
          throw new CelCompileError(`expression must be ${expectType}, not ${checked.type ?? "unknown"}`, 0);
      }
      return {
        source,
        evaluate(activation) {
          try {
            return parsed(activation);
          } catch (error) {
            throw new CelEvalError(summaryOf(error));
          }
        },
        requiredValues: (variable, field) => requiredValues(parsed.ast, variable, field),
      };
    },
  };
}

type MessageClass = new (fields: Readonly<Record<string, unknown>>) => object;
const messageClasses = new WeakMap<Declarations, Map<string, MessageClass>>();

/** One class per message variable of a declarations object, shared by its environments. */
function messageClass(declarations: Declarations, variable: string): MessageClass {
  let classes = messageClasses.get(declarations);
  if (classes === undefined) {
    classes = new Map();
    messageClasses.set(declarations, classes);
  }
  let ctor = classes.get(variable);
  if (ctor === undefined) {
    const name = `$${variable}`;
    ctor = {
      [name]: class {
        constructor(fields: Readonly<Record<string, unknown>>) {
          Object.assign(this, fields);
        }
      },
    }[name] as MessageClass;
    classes.set(variable, ctor);
  }
  return ctor;
}

/**
 * A value for a message-typed variable (one declared with a `schema`), in the form the engine
 * reads directly. Passing a plain object works too, but the engine then converts it again in every
 * expression it evaluates; a value built once here serves every rule of a decision.
 */
export function celMessage(
  declarations: Declarations,
  variable: string,
  fields: Readonly<Record<string, unknown>>,
): object {
  if (typeof declarations[variable] !== "object")
    throw new TypeError(`"${variable}" is not a message variable of these declarations`);
  return new (messageClass(declarations, variable))(fields);
}

function registerFunctions(env: Environment): void {
  env.registerFunction("glob(string, string): bool", glob);
  env.registerFunction("urlHost(string): string", lastInput(urlHost as (value: unknown) => string));
  env.registerFunction("pathWithin(string, string): bool", pathWithin);
  env.registerFunction("inCidr(string, string): bool", inCidr);
  // One dyn overload: a recipient field may be a string or a list (args values are dyn).
  env.registerFunction("emails(dyn): list<string>", lastInput(emails));
  env.registerFunction("urls(dyn): list<string>", lastInput(urls));
}

/** Converts a JS value for the activation per the number convention above. */
export function toCel(value: unknown, depth = 0): unknown {
  if (depth > 64) throw new CelEvalError("value nested too deeply");
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new CelEvalError("non-finite number in input");
      return Number.isInteger(value) ? BigInt(value) : value;
    case "string":
    case "boolean":
    case "bigint":
      return value;
    case "undefined":
      return null;
    case "object": {
      if (value === null) return null;
      if (value instanceof Date) return value;
      if (Array.isArray(value)) return value.map((v) => toCel(v, depth + 1));
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        // An own "__proto__" key (JSON.parse makes one) stays a key: assigning it would set the
        // copy's prototype instead, and the policy would not see an argument the tool does.
        if (k === "__proto__")
          Object.defineProperty(out, k, { value: toCel(v, depth + 1), enumerable: true });
        else out[k] = toCel(v, depth + 1);
      }
      return out;
    }
    default:
      throw new CelEvalError(`unsupported ${typeof value} in input`);
  }
}

interface Node {
  readonly op?: unknown;
  readonly args?: unknown;
}

function requiredValues(node: unknown, variable: string, field: string): Set<string> | undefined {
  const n = node as Node;
  const args = Array.isArray(n?.args) ? (n.args as unknown[]) : [];
  switch (n?.op) {
    case "==": {
      const [left, right] = args;
      const value = isSelect(left, variable, field)
        ? literal(right)
        : isSelect(right, variable, field)
          ? literal(left)
          : undefined;
      return value === undefined ? undefined : new Set([value]);
    }
    case "in": {
      const [left, right] = args as [unknown, Node | undefined];
      if (!isSelect(left, variable, field) || right?.op !== "list" || !Array.isArray(right.args))
        return undefined;
      const values = (right.args as unknown[]).map(literal);
      return values.every((v) => v !== undefined) ? new Set(values as string[]) : undefined;
    }
    case "&&": {
      const [a, b] = args.map((arg) => requiredValues(arg, variable, field));
      if (a === undefined || b === undefined) return a ?? b;
      return new Set([...a].filter((v) => b.has(v)));
    }
    case "||": {
      const [a, b] = args.map((arg) => requiredValues(arg, variable, field));
      return a === undefined || b === undefined ? undefined : new Set([...a, ...b]);
    }
    default:
      return undefined;
  }
}

/** `variable.field` exactly (not `has(…)`, not an optional select). */
function isSelect(node: unknown, variable: string, field: string): boolean {
  const n = node as Node;
  if (n?.op !== "." || !Array.isArray(n.args)) return false;
  const [target, name] = n.args as [Node | undefined, unknown];
  return target?.op === "id" && target.args === variable && name === field;
}

function literal(node: unknown): string | undefined {
  const n = node as Node;
  return n?.op === "value" && typeof n.args === "string" ? n.args : undefined;
}

function findCall(node: ASTNode, name: string): number | undefined {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (typeof n !== "object" || n === null) continue;
    if (Array.isArray(n)) {
      stack.push(...n);
      continue;
    }
    const rec = n as { op?: unknown; args?: unknown; pos?: number };
    if ((rec.op === "rcall" || rec.op === "call") && Array.isArray(rec.args) && rec.args[0] === name)
      return rec.pos ?? 0;
    if (rec.args !== undefined) stack.push(rec.args);
  }
  return undefined;
}

function toCompileError(error: unknown): CelCompileError {
  const e = error as { summary?: string; message?: string; range?: { start: number } };
  return new CelCompileError(e?.summary ?? e?.message ?? "invalid expression", e?.range?.start ?? 0);
}

/**
 * cel-js messages quote the values they fail on ("No such key: <arg>", "Invalid duration string:
 * <arg>"), and this text reaches the decision, the trace and the model. Keep only the engine's
 * stable error code ("no such key"), never its message.
 */
function summaryOf(error: unknown): string {
  if (error instanceof CelEvalError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[a-z][a-z_]{0,39}$/.test(code)) return code.replaceAll("_", " ");
  return "evaluation failed";
}
