/**
 * Key material. Every key is normalised to a node:crypto KeyObject (for checkpoint signing) plus a
 * WebCrypto CryptoKey (what jose 6 uses), and named by its RFC 7638 thumbprint. Keys are never
 * handled as `Uint8Array`: a verifier given raw bytes would accept an HS256 token signed with the
 * public key bytes (J-02).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  KeyObject,
  type webcrypto,
} from "node:crypto";
import { importJWK, type JWK } from "jose";
import type { SigningKeyInput } from "./types.ts";

export type MandateAlgorithm = "EdDSA" | "ES256";
export const ALGORITHMS: readonly MandateAlgorithm[] = Object.freeze(["EdDSA", "ES256"]);
type CryptoKey = webcrypto.CryptoKey;

/** A public verification key of one issuer. */
export interface PublicKeyEntry {
  readonly kid: string;
  readonly alg: MandateAlgorithm;
  readonly publicKey: KeyObject;
  /** What jose verifies with (imported once, on first use, so key sets can be built synchronously). */
  verifyKey(): Promise<CryptoKey>;
  /** Public JWK with `kid`, `alg`, `use: "sig"`, as published by `jwks()`. */
  readonly jwk: Readonly<JWK>;
}

export interface SigningKeyEntry extends PublicKeyEntry {
  readonly privateKey: KeyObject;
  readonly signKey: CryptoKey;
}

function isCryptoKey(value: unknown): value is CryptoKey {
  // Node 20 has no CryptoKey constructor on `webcrypto`; the tag is what jose checks too.
  return (value as { [Symbol.toStringTag]?: unknown } | null)?.[Symbol.toStringTag] === "CryptoKey";
}

export function algorithmOf(key: KeyObject): MandateAlgorithm {
  if (key.asymmetricKeyType === "ed25519") return "EdDSA";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  throw new TypeError("mandate keys must be Ed25519 (EdDSA) or P-256 (ES256)");
}

function fromJwk(jwk: JWK, wantPrivate: boolean): KeyObject {
  if (typeof jwk !== "object" || jwk === null)
    throw new TypeError("a key must be a CryptoKey, KeyObject or JWK");
  if (jwk.kty !== "OKP" && jwk.kty !== "EC")
    throw new TypeError("mandate keys must be OKP (Ed25519) or EC (P-256)");
  const hasPrivate = typeof jwk.d === "string";
  if (wantPrivate && !hasPrivate) throw new TypeError("the signing key JWK has no private part");
  if (!wantPrivate && hasPrivate)
    throw new TypeError("verification keys must be public JWKs (found a private part)");
  const { kid: _kid, alg: _alg, use: _use, key_ops: _ops, ext: _ext, ...material } = jwk;
  return wantPrivate
    ? createPrivateKey({ key: material as JsonWebKey, format: "jwk" })
    : createPublicKey({ key: material as JsonWebKey, format: "jwk" });
}

function toKeyObject(input: SigningKeyInput, wantPrivate: boolean): KeyObject {
  let key: KeyObject;
  if (input instanceof KeyObject) key = input;
  else if (isCryptoKey(input)) key = KeyObject.from(input);
  else key = fromJwk(input as JWK, wantPrivate);
  if (wantPrivate && key.type !== "private") throw new TypeError("the signing key must be a private key");
  if (!wantPrivate && key.type !== "public") throw new TypeError("verification keys must be public keys");
  return key;
}

/** RFC 7638 thumbprint: sha256 over the required members in lexicographic order. */
export function jwkThumbprint(jwk: JWK): string {
  const members =
    jwk.kty === "EC"
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return createHash("sha256").update(JSON.stringify(members)).digest("base64url");
}

function publicEntry(publicKey: KeyObject, alg: MandateAlgorithm): PublicKeyEntry {
  const raw = publicKey.export({ format: "jwk" }) as JWK;
  const kid = jwkThumbprint(raw);
  let imported: Promise<CryptoKey> | undefined;
  const verifyKey = () => {
    imported ??= importJWK({ ...raw, alg }, alg) as Promise<CryptoKey>;
    return imported;
  };
  const jwk = Object.freeze({ ...raw, kid, alg, use: "sig" });
  return Object.freeze({ kid, alg, publicKey, verifyKey, jwk });
}

/** A public key (KeyObject, CryptoKey or public JWK) as a verification entry. */
export function importPublicKey(input: SigningKeyInput): PublicKeyEntry {
  const key = toKeyObject(input, false);
  const alg = algorithmOf(key);
  const declared = !(input instanceof KeyObject) && !isCryptoKey(input) ? (input as JWK).alg : undefined;
  if (declared !== undefined && declared !== alg)
    throw new TypeError("a JWK's alg does not match its key type");
  const entry = publicEntry(key, alg);
  // A JWKS may name keys by its own kid (not the thumbprint); honour it so tokens resolve.
  const kid = !(input instanceof KeyObject) && !isCryptoKey(input) ? (input as JWK).kid : undefined;
  if (kid === undefined) return entry;
  if (typeof kid !== "string" || kid.length === 0)
    throw new TypeError("a JWK kid must be a non-empty string");
  return Object.freeze({ ...entry, kid, jwk: Object.freeze({ ...entry.jwk, kid }) });
}

/** The signing key (generated when absent) with its public half. */
export async function loadSigningKey(
  input: SigningKeyInput | undefined,
  alg: MandateAlgorithm,
): Promise<SigningKeyEntry> {
  const privateKey = input === undefined ? generateKey(alg) : toKeyObject(input, true);
  if (algorithmOf(privateKey) !== alg)
    throw new TypeError(
      `the signing key does not match algorithm ${alg} (Ed25519 for EdDSA, P-256 for ES256)`,
    );
  const entry = publicEntry(createPublicKey(privateKey), alg);
  const signKey = (await importJWK(
    { ...(privateKey.export({ format: "jwk" }) as JWK), alg },
    alg,
  )) as CryptoKey;
  return Object.freeze({ ...entry, privateKey, signKey });
}

function generateKey(alg: MandateAlgorithm): KeyObject {
  return alg === "EdDSA"
    ? generateKeyPairSync("ed25519").privateKey
    : generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
}
