import type { Flags } from "./command.ts";
import { usageError } from "./errors.ts";
import type { Io } from "./io.ts";

/** The few styles the terminal views use. With colour off every style is the identity. */
export interface Palette {
  readonly enabled: boolean;
  green(text: string): string;
  red(text: string): string;
  amber(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  cyan(text: string): string;
}

function style(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const plain = (text: string): string => text;

export function palette(enabled: boolean): Palette {
  if (!enabled)
    return { enabled, green: plain, red: plain, amber: plain, dim: plain, bold: plain, cyan: plain };
  return {
    enabled,
    green: style(32, 39),
    red: style(31, 39),
    amber: style(33, 39),
    dim: style(2, 22),
    bold: style(1, 22),
    cyan: style(36, 39),
  };
}

/** `--color` / `--no-color`, else colour when stdout is a TTY and NO_COLOR is unset. */
export function paletteFor(flags: Flags, io: Io): Palette {
  if (flags.color === true && flags["no-color"] === true) throw usageError("--color and --no-color conflict");
  if (flags.color === true) return palette(true);
  if (flags["no-color"] === true) return palette(false);
  const noColor = io.env.NO_COLOR;
  return palette(io.stdout.isTTY === true && (noColor === undefined || noColor === ""));
}

export const COLOR_FLAGS = {
  color: { type: "boolean", description: "force colour" },
  "no-color": { type: "boolean", description: "never colour (also: NO_COLOR=1)" },
} as const;
