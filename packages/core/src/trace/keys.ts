import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { calculateJwkThumbprint, type JWK } from "jose";

/** Public keys for checkpoint signatures, by `kid` (or by RFC 7638 thumbprint for a JWK without one). */
export type CheckpointKeys = { readonly keys: readonly JWK[] } | readonly JWK[];

export interface CheckpointKey {
  readonly alg: "EdDSA" | "ES256";
  readonly key: KeyObject;
}

/** Imports a JWKS once per verification. Private members of a JWK are ignored (public part only). */
export async function importCheckpointKeys(input: CheckpointKeys): Promise<Map<string, CheckpointKey>> {
  const list = Array.isArray(input) ? input : (input as { keys?: unknown }).keys;
  if (!Array.isArray(list))
    throw new TypeError("`keys` must be a JWKS ({ keys: [...] }) or an array of JWKs");
  const out = new Map<string, CheckpointKey>();
  for (const jwk of list as JWK[]) {
    const alg = algOf(jwk);
    if (alg === undefined) continue; // not a key that can sign checkpoints (e.g. an RSA key in a shared JWKS)
    const { d: _d, ...pub } = jwk;
    const key = createPublicKey({ key: pub as import("node:crypto").JsonWebKey, format: "jwk" });
    out.set(jwk.kid ?? (await calculateJwkThumbprint(pub)), { alg, key });
  }
  return out;
}

function algOf(jwk: JWK): "EdDSA" | "ES256" | undefined {
  if (
    jwk.kty === "OKP" &&
    jwk.crv === "Ed25519" &&
    (jwk.alg === undefined || jwk.alg === "EdDSA" || jwk.alg === "Ed25519")
  ) {
    return "EdDSA";
  }
  if (jwk.kty === "EC" && jwk.crv === "P-256" && (jwk.alg === undefined || jwk.alg === "ES256"))
    return "ES256";
  return undefined;
}

/** Raw signature check: Ed25519, or ES256 in JOSE (r||s) form. Any malformed input is simply `false`. */
export function verifySignature(key: CheckpointKey, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (key.alg === "EdDSA") return verify(null, data, key.key, signature);
    return verify("sha256", data, { key: key.key, dsaEncoding: "ieee-p1363" }, signature);
  } catch {
    return false;
  }
}
