import type { CommandGroup } from "./cli/command.ts";
import { CliError, EXIT } from "./cli/errors.ts";
import { commandHelp, groupHelp, topHelp } from "./cli/help.ts";
import type { Io } from "./cli/io.ts";
import { parseCommandArgs } from "./cli/parse.ts";
import { safeText } from "./cli/safe-text.ts";
import { keysGroup } from "./keys/group.ts";
import { policyGroup } from "./policy/group.ts";
import { tokenGroup } from "./token/group.ts";
import { traceGroup } from "./trace/group.ts";

export const GROUPS: readonly CommandGroup[] = [traceGroup, policyGroup, tokenGroup, keysGroup];

const isHelp = (arg: string | undefined): boolean => arg === "--help" || arg === "-h" || arg === "help";

/**
 * Runs one `mandate` invocation and returns its exit code. Errors become one line on stderr:
 * usage errors exit 2, failed checks exit 1, and no stack trace is printed.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return report(error, io);
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [groupName, commandName, ...rest] = argv;
  if (groupName === undefined) {
    io.stderr.write(topHelp(GROUPS));
    return EXIT.usage;
  }
  if (isHelp(groupName)) {
    io.stdout.write(topHelp(GROUPS));
    return EXIT.ok;
  }
  const group = GROUPS.find((g) => g.name === groupName);
  if (group === undefined) {
    throw new CliError(`unknown command ${JSON.stringify(safeText(groupName))} (see \`mandate --help\`)`);
  }
  if (commandName === undefined || isHelp(commandName)) {
    (commandName === undefined ? io.stderr : io.stdout).write(groupHelp(group));
    return commandName === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = group.commands.find((c) => c.name === commandName);
  if (command === undefined) {
    throw new CliError(
      `unknown command "${group.name} ${safeText(commandName)}" (see \`mandate ${group.name} --help\`)`,
    );
  }
  const dashDash = rest.indexOf("--");
  const flagsPart = dashDash === -1 ? rest : rest.slice(0, dashDash);
  if (flagsPart.some((a) => a === "--help" || a === "-h")) {
    io.stdout.write(commandHelp(group, command));
    return EXIT.ok;
  }
  const parsed = parseCommandArgs(command, rest, `${group.name} ${command.name}`);
  return command.run(parsed, io);
}

function report(error: unknown, io: Io): number {
  if (error instanceof CliError) {
    io.stderr.write(`mandate: ${safeText(error.message)}\n`);
    return error.exitCode;
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === "string" && /^[A-Z_]+$/.test(code)) {
    io.stderr.write(`mandate: ${safeText(code)}: ${safeText(message)}\n`);
    return EXIT.failure;
  }
  io.stderr.write(`mandate: internal error: ${safeText(message)}\n`);
  if (io.env.MANDATE_DEBUG === "1" && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${error.stack}\n`);
  }
  return EXIT.failure;
}
