/**
 * The signature check of a compact JWS, on node:crypto. jose's `compactVerify` would re-parse the
 * header and payload we have already checked more strictly (format.ts, verify-jws.ts) and run the
 * check as a WebCrypto job, which costs ~1.6x a direct Ed25519 verify; here the one remaining step
 * runs directly. jose still makes every token and resolves remote key sets.
 */
import { KeyObject, verify, type webcrypto } from "node:crypto";
import type { MandateAlgorithm } from "./keys.ts";

/** KeyObjects made from resolved CryptoKeys, so a key is converted once, not on every check. */
const keyObjects = new WeakMap<webcrypto.CryptoKey, KeyObject>();

function keyObjectOf(key: webcrypto.CryptoKey): KeyObject {
  let object = keyObjects.get(key);
  if (object === undefined) {
    object = KeyObject.from(key);
    keyObjects.set(key, object);
  }
  return object;
}

/**
 * True only when `signature` is a valid `alg` signature of `signingInput` (the ASCII of
 * `header.payload`) by `key`, and the key is a public key of exactly that algorithm: an Ed25519
 * key for EdDSA, a P-256 key for ES256 (RFC 8725 §3.1: one algorithm per key). Never throws.
 */
export function signatureValid(
  alg: MandateAlgorithm,
  signingInput: string,
  signature: string,
  key: webcrypto.CryptoKey,
): boolean {
  try {
    const object = keyObjectOf(key);
    if (object.type !== "public") return false;
    const data = Buffer.from(signingInput, "ascii");
    const bytes = Buffer.from(signature, "base64url");
    if (bytes.length !== 64) return false;
    if (alg === "EdDSA") return object.asymmetricKeyType === "ed25519" && verify(null, data, object, bytes);
    return (
      object.asymmetricKeyType === "ec" &&
      object.asymmetricKeyDetails?.namedCurve === "prime256v1" &&
      verify("sha256", data, { key: object, dsaEncoding: "ieee-p1363" }, bytes)
    );
  } catch {
    return false;
  }
}
