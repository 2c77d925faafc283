import { CliError, EXIT } from "../cli/errors.ts";

export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Decodes a compact JWS without verifying it. Errors never quote the token. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split(".");
  if (
    parts.length !== 3 ||
    parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) ||
    parts[0] === "" ||
    parts[1] === ""
  ) {
    throw new CliError("token inspect: not a compact JWT (three base64url parts)", EXIT.failure);
  }
  return { header: decodePart(parts[0] ?? "", "header"), claims: decodePart(parts[1] ?? "", "claims") };
}

function decodePart(part: string, what: string): Readonly<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw new CliError(`token inspect: the ${what} is not base64url JSON`, EXIT.failure);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CliError(`token inspect: the ${what} is not a JSON object`, EXIT.failure);
  }
  return value as Readonly<Record<string, unknown>>;
}
