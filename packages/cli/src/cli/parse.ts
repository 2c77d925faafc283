import { parseArgs } from "node:util";
import type { Command, Flags, ParsedArgs } from "./command.ts";
import { usageError } from "./errors.ts";

type ParseOptions = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Strict parsing of a leaf command's argv: unknown flags, missing values and extra args are usage errors. */
export function parseCommandArgs(command: Command, argv: readonly string[], prefix: string): ParsedArgs {
  const options: ParseOptions = {};
  for (const [name, spec] of Object.entries(command.flags)) {
    options[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw usageError(`${prefix}: ${describeParseError(error)}`);
  }
  const required = command.args.filter((a) => !a.endsWith("?")).length;
  if (parsed.positionals.length < required) {
    const missing = command.args[parsed.positionals.length] ?? "argument";
    throw usageError(`${prefix}: missing ${missing}`);
  }
  if (parsed.positionals.length > command.args.length) {
    throw usageError(
      `${prefix}: unexpected argument ${JSON.stringify(parsed.positionals[command.args.length])}`,
    );
  }
  for (const [name, spec] of Object.entries(command.flags)) {
    if (spec.required === true && parsed.values[name] === undefined) {
      throw usageError(`${prefix}: missing --${name} ${spec.value ?? ""}`.trimEnd());
    }
  }
  return { flags: parsed.values as Flags, positionals: parsed.positionals };
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages are long and suggest `--` tricks; keep the first sentence.
  const first = message.split(/\.\s/)[0] ?? message;
  return first.replace(/\.$/, "");
}

export function flagString(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

export function flagBool(flags: Flags, name: string): boolean {
  return flags[name] === true;
}
