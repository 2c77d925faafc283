import type { Intent } from "@mandate/core";
import { parse as parseYaml } from "yaml";
import { CliError } from "../cli/errors.ts";
import { readTextFile } from "../cli/files.ts";
import { isObj } from "../cli/plain-object.ts";
import { intentOf } from "./cases.ts";

/** The intent a replay decides under (JSON or YAML; `{ intent: {...} }` is accepted too). */
export async function readIntent(path: string): Promise<Intent> {
  const text = await readTextFile(path, "intent");
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    throw new CliError(`intent ${JSON.stringify(path)} is not valid JSON or YAML`);
  }
  return intentOf(
    isObj(value) && isObj(value.intent) ? value.intent : value,
    `intent ${JSON.stringify(path)}`,
  );
}
