import { createHash, generateKeyPairSync, type KeyObject } from "node:crypto";

export type KeyAlgorithm = "EdDSA" | "ES256";
export type Jwk = Readonly<Record<string, string>>;

export interface KeyPair {
  readonly kid: string;
  readonly privateJwk: Jwk;
  readonly publicJwk: Jwk;
}

/** RFC 7638 thumbprint (SHA-256, base64url) over the key type's required public members. */
export function jwkThumbprint(jwk: Jwk): string {
  const members =
    jwk.kty === "OKP" ? ["crv", "kty", "x"] : jwk.kty === "EC" ? ["crv", "kty", "x", "y"] : undefined;
  if (members === undefined) throw new TypeError(`unsupported key type ${JSON.stringify(jwk.kty)}`);
  const canonical = `{${members.map((m) => `${JSON.stringify(m)}:${JSON.stringify(jwk[m] ?? "")}`).join(",")}}`;
  return createHash("sha256").update(canonical).digest("base64url");
}

/** A fresh Ed25519 (EdDSA) or P-256 (ES256) key pair as JWKs, kid = thumbprint. */
export function generateKeyPair(alg: KeyAlgorithm): KeyPair {
  const { privateKey, publicKey } =
    alg === "EdDSA" ? generateKeyPairSync("ed25519") : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const priv = exportJwk(privateKey);
  const pub = exportJwk(publicKey);
  const kid = jwkThumbprint(pub);
  const meta = { kid, alg, use: "sig" };
  return { kid, privateJwk: { ...priv, ...meta }, publicJwk: { ...pub, ...meta } };
}

function exportJwk(key: KeyObject): Jwk {
  const jwk = key.export({ format: "jwk" });
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(jwk)) if (typeof value === "string") out[name] = value;
  return out;
}
