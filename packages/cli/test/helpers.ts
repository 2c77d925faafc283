import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/mandate.mjs", import.meta.url));
export const REPO = fileURLToPath(new URL("../../../", import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns the real binary (`node packages/cli/bin/mandate.mjs …`), as a user would run it. */
export function runCli(
  args: readonly string[],
  options: { readonly input?: string; readonly env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: REPO,
        env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...options.env },
        maxBuffer: 16 << 20,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : undefined;
        if (code === undefined) reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** The lines of an output, without the trailing empty one. */
export function lines(text: string): string[] {
  const all = text.split("\n");
  return all[all.length - 1] === "" ? all.slice(0, -1) : all;
}
