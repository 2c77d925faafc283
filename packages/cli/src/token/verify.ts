import { createVerifier, isMandateError, type MandateVerifierOptions } from "@mandate/core";
import { CliError } from "../cli/errors.ts";
import type { JwkSet } from "../cli/jwks.ts";

export type TokenCheck =
  | { readonly ok: true; readonly jti: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Verifies a mandate with the core's verifier; a rejection is data (its MandateError code), not a throw. */
export async function verifyToken(
  token: string,
  options: { readonly jwks: JwkSet; readonly issuer: string; readonly audience: string },
): Promise<TokenCheck> {
  // The JWKS was read as plain JSON and checked for shape (readJwks); the core imports each key.
  const jwks = { keys: options.jwks.keys } as unknown as MandateVerifierOptions["jwks"];
  let verifier: ReturnType<typeof createVerifier>;
  try {
    verifier = createVerifier({ issuer: options.issuer, audience: options.audience, jwks });
  } catch (error) {
    throw new CliError(
      `token inspect: the key set is not usable: ${error instanceof Error ? error.message : "invalid"}`,
    );
  }
  try {
    const verified = await verifier.verify(token);
    return { ok: true, jti: verified.jti };
  } catch (error) {
    if (isMandateError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
