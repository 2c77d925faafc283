import { CliError } from "./errors.ts";
import { readJsonFile } from "./files.ts";

export interface JwkSet {
  readonly keys: readonly Readonly<Record<string, unknown>>[];
}

/** Reads a JWKS file (`{"keys":[…]}`; a single public JWK is accepted too). Private members are refused. */
export async function readJwks(path: string): Promise<JwkSet> {
  const value = await readJsonFile(path, "key set");
  const keys =
    isRecord(value) && Array.isArray(value.keys)
      ? value.keys
      : isRecord(value) && "kty" in value
        ? [value]
        : undefined;
  if (keys === undefined || !keys.every(isRecord) || keys.length === 0) {
    throw new CliError(`key set ${JSON.stringify(path)} is not a JWKS ({"keys":[…]})`);
  }
  if (keys.some((k) => "d" in k)) {
    throw new CliError(`key set ${JSON.stringify(path)} holds a private key; pass the public jwks.json`);
  }
  return { keys };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
