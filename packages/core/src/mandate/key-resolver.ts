/**
 * Where verification keys come from: a local set (this issuer's keys only, by kid) or the issuer's
 * JWKS URL through jose's remote key set. Never from the token: `jwk`, `jku`, `x5u` and `x5c` header
 * parameters are refused before a resolver is asked (J-03, J-04).
 */
import type { webcrypto } from "node:crypto";
import { createRemoteJWKSet } from "jose";
import { MandateError } from "../errors.ts";
import type { MandateAlgorithm, PublicKeyEntry } from "./keys.ts";

export interface KeyResolver {
  /** The key for (kid, alg); MANDATE_KEY_UNKNOWN when this issuer has no such key. */
  resolve(kid: string, alg: MandateAlgorithm): Promise<webcrypto.CryptoKey>;
}

function unknownKey(message = "no key of this issuer has that kid"): MandateError {
  return new MandateError("MANDATE_KEY_UNKNOWN", message);
}

export function localResolver(keys: ReadonlyMap<string, PublicKeyEntry>): KeyResolver {
  return {
    async resolve(kid, alg) {
      const entry = keys.get(kid);
      if (entry === undefined) throw unknownKey();
      // Each key serves exactly one algorithm (RFC 8725 §3.1).
      if (entry.alg !== alg) throw new MandateError("MANDATE_ALG_NOT_ALLOWED", "alg does not match the key");
      return entry.verifyKey();
    },
  };
}

export function remoteResolver(
  url: URL,
  options: { timeoutMs?: number; cooldownMs?: number } = {},
): KeyResolver {
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new TypeError("jwks URL must be http(s)");
  const jwks = createRemoteJWKSet(url, {
    timeoutDuration: options.timeoutMs ?? 5000,
    cooldownDuration: options.cooldownMs ?? 30_000,
  });
  return {
    async resolve(kid, alg) {
      try {
        return await jwks({ alg, kid });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw unknownKey(
          code === "ERR_JWKS_NO_MATCHING_KEY" || code === "ERR_JWKS_MULTIPLE_MATCHING_KEYS"
            ? "no key of this issuer has that kid"
            : "the issuer's key set could not be fetched",
        );
      }
    },
  };
}
