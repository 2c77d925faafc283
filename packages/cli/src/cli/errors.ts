/** Exit codes of the `mandate` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * An error the command reports as one line on stderr, without a stack trace: a bad flag, a missing
 * or unreadable file (exit 2), or a failed check the command itself decided (exit 1).
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}
