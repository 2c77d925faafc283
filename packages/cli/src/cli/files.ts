import { readFile } from "node:fs/promises";
import { CliError } from "./errors.ts";

/** Reads a text file, turning the usual failures into one clear line (exit 2). */
export async function readTextFile(path: string, what = "file"): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${what} ${JSON.stringify(path)}: ${describeFsError(error)}`);
  }
}

/** Reads and parses a JSON file (exit 2 when missing or not JSON). */
export async function readJsonFile(path: string, what = "file"): Promise<unknown> {
  const text = await readTextFile(path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(`${what} ${JSON.stringify(path)} is not valid JSON`);
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return typeof code === "string" ? code : "unreadable";
  }
}
