import type { Io } from "./io.ts";

/** One flag of a command, described once for both parsing and `--help`. */
export interface FlagSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly value?: string;
  readonly description: string;
  readonly required?: boolean;
}

export type Flags = Readonly<Record<string, string | boolean | undefined>>;

export interface ParsedArgs {
  readonly flags: Flags;
  readonly positionals: readonly string[];
}

/** A leaf command (`trace view`, `keys new`, …). `run` returns the exit code. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments, e.g. ["FILE"]; a trailing "?" marks one optional. */
  readonly args: readonly string[];
  readonly flags: Readonly<Record<string, FlagSpec>>;
  readonly example: string;
  readonly details?: string;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

/** A group of subcommands (`trace`, `policy`, …). */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command[];
}
