/**
 * `createVerifier`: mandate verification for a process that holds only the issuer's public keys, as
 * a local JWKS / key list, or the issuer's JWKS URL (fetched by jose's remote key set; header URLs
 * are never followed).
 */
import type { JWK } from "jose";
import { type KeyResolver, localResolver, remoteResolver } from "./key-resolver.ts";
import { importPublicKey, type PublicKeyEntry } from "./keys.ts";
import { createMemoryRevocationStore } from "./revocation.ts";
import type { MandateVerifier, MandateVerifierOptions, SigningKeyInput } from "./types.ts";
import { createVerifyCore, normaliseAudiences, normaliseTolerance, positiveInt } from "./verify-mandate.ts";

export function createVerifier(options: MandateVerifierOptions): MandateVerifier {
  if (typeof options !== "object" || options === null) throw new TypeError("createVerifier() needs options");
  if (typeof options.issuer !== "string" || options.issuer.length === 0)
    throw new TypeError("issuer is required");
  const clock = options.clock ?? (() => new Date());
  if (typeof clock !== "function") throw new TypeError("clock must be a function returning a Date");
  const core = createVerifyCore({
    issuer: options.issuer,
    audiences: normaliseAudiences(options.audience),
    keys: resolverFor(options),
    revocations: options.revocations ?? createMemoryRevocationStore({ clock }),
    clock,
    toleranceSeconds: normaliseTolerance(options.clockToleranceSeconds),
    maxTtlSeconds: positiveInt(options.maxTtlSeconds, 3600, "maxTtlSeconds", 86_400),
    cacheSize: options.cacheSize ?? 10_000,
  });
  return Object.freeze({ verify: core.verify });
}

function resolverFor(options: MandateVerifierOptions): KeyResolver {
  const { jwks, keys } = options;
  if ((jwks === undefined) === (keys === undefined))
    throw new TypeError("createVerifier() needs exactly one of jwks or keys");
  if (jwks instanceof URL) return remoteResolver(jwks);
  if (typeof jwks === "string") {
    if (!URL.canParse(jwks)) throw new TypeError("jwks must be a JWKS object or an http(s) URL");
    return remoteResolver(new URL(jwks));
  }
  let list: readonly SigningKeyInput[];
  if (jwks !== undefined) {
    if (typeof jwks !== "object" || jwks === null || !Array.isArray(jwks.keys))
      throw new TypeError("jwks must be { keys: JWK[] } or a URL");
    list = jwks.keys as readonly JWK[];
  } else {
    if (!Array.isArray(keys)) throw new TypeError("keys must be an array");
    list = keys as readonly SigningKeyInput[];
  }
  if (list.length === 0) throw new TypeError("createVerifier() needs at least one key");
  const map = new Map<string, PublicKeyEntry>();
  for (const input of list) {
    const entry = importPublicKey(input);
    if (map.has(entry.kid)) throw new TypeError("two keys share a kid");
    map.set(entry.kid, entry);
  }
  return localResolver(map);
}
