import type { DecideInput, HistoryEntry, Intent } from "@mandate/core";
import { parseIntent } from "@mandate/core";
import { parse as parseYaml } from "yaml";
import { CliError } from "../cli/errors.ts";
import { isObj, type Obj } from "../cli/plain-object.ts";

export interface PolicyCase {
  readonly name: string;
  readonly input: DecideInput;
  readonly expect: { readonly effect: string; readonly ruleIds?: readonly string[] };
}

const EFFECTS = new Set(["allow", "deny", "approve"]);
const OUTCOMES = new Set(["allowed", "denied", "failed"]);

/**
 * Reads a cases file: `{ intent?, cases: [...] }` or a bare list. Each case: name, tool, args,
 * intent? (else the file's), agent?, history?, env?, now?, expect: { effect, ruleIds? }.
 * A malformed file is a usage error naming the case and field.
 */
export function parseCases(text: string, file: string): PolicyCase[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const where = error instanceof Error ? error.message.split("\n")[0] : "";
    throw new CliError(`cases ${JSON.stringify(file)}: not valid YAML: ${where}`);
  }
  const list = Array.isArray(doc) ? doc : isObj(doc) ? doc.cases : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw new CliError(
      `cases ${JSON.stringify(file)}: expected a non-empty list of cases (or { cases: [...] })`,
    );
  }
  const shared =
    isObj(doc) && doc.intent !== undefined
      ? intentOf(doc.intent, `cases ${JSON.stringify(file)}: intent`)
      : undefined;
  return list.map((raw, i) => parseCase(raw, i, shared, file));
}

function parseCase(raw: unknown, index: number, shared: Intent | undefined, file: string): PolicyCase {
  const where = `cases ${JSON.stringify(file)}: case ${index + 1}`;
  if (!isObj(raw)) throw new CliError(`${where}: not an object`);
  const name = typeof raw.name === "string" ? raw.name : `case ${index + 1}`;
  const at = `${where} (${JSON.stringify(name)})`;
  if (typeof raw.tool !== "string" || raw.tool === "") throw new CliError(`${at}: missing tool`);
  const args = raw.args === undefined ? {} : raw.args;
  if (!isObj(args)) throw new CliError(`${at}: args must be an object`);
  const intent = raw.intent !== undefined ? intentOf(raw.intent, `${at}: intent`) : shared;
  if (intent === undefined)
    throw new CliError(`${at}: no intent (set intent: on the case or at the top of the file)`);
  const expect = raw.expect;
  if (!isObj(expect) || typeof expect.effect !== "string" || !EFFECTS.has(expect.effect)) {
    throw new CliError(`${at}: expect.effect must be allow, deny or approve`);
  }
  if (expect.ruleIds !== undefined && !isStringList(expect.ruleIds)) {
    throw new CliError(`${at}: expect.ruleIds must be a list of rule ids`);
  }
  const input: DecideInput = {
    tool: raw.tool,
    args,
    intent,
    ...(raw.agent !== undefined ? { agent: agentOf(raw.agent, at) } : {}),
    ...(raw.history !== undefined ? { history: historyOf(raw.history, at) } : {}),
    ...(raw.env !== undefined ? { env: objOf(raw.env, `${at}: env`) } : {}),
    ...(raw.now !== undefined ? { now: dateOf(raw.now, at) } : {}),
  };
  return {
    name,
    input,
    expect: { effect: expect.effect, ...(expect.ruleIds !== undefined ? { ruleIds: expect.ruleIds } : {}) },
  };
}

export function intentOf(value: unknown, where: string): Intent {
  try {
    return parseIntent(value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${where}: ${message}`);
  }
}

function agentOf(value: unknown, at: string): { id: string; name?: string } {
  if (typeof value === "string") return { id: value };
  if (isObj(value) && typeof value.id === "string") {
    return typeof value.name === "string" ? { id: value.id, name: value.name } : { id: value.id };
  }
  throw new CliError(`${at}: agent must be a string or { id, name? }`);
}

function historyOf(value: unknown, at: string): HistoryEntry[] {
  if (!Array.isArray(value)) throw new CliError(`${at}: history must be a list`);
  return value.map((entry, i) => {
    if (!isObj(entry) || typeof entry.tool !== "string")
      throw new CliError(`${at}: history[${i}] needs a tool`);
    const outcome = entry.outcome ?? "allowed";
    if (typeof outcome !== "string" || !OUTCOMES.has(outcome)) {
      throw new CliError(`${at}: history[${i}].outcome must be allowed, denied or failed`);
    }
    if (entry.labels !== undefined && !isStringList(entry.labels)) {
      throw new CliError(`${at}: history[${i}].labels must be a list of strings`);
    }
    return {
      tool: entry.tool,
      outcome: outcome as HistoryEntry["outcome"],
      ...(entry.labels !== undefined ? { labels: entry.labels as string[] } : {}),
      ...(entry.args !== undefined ? { args: objOf(entry.args, `${at}: history[${i}].args`) } : {}),
    };
  });
}

function dateOf(value: unknown, at: string): Date {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()))
    throw new CliError(`${at}: now must be an ISO date`);
  return date;
}

function objOf(value: unknown, where: string): Obj {
  if (!isObj(value)) throw new CliError(`${where} must be an object`);
  return value;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
