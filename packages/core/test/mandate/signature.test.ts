import { generateKeyPairSync, sign, webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureValid } from "../../src/mandate/signature.ts";

const INPUT = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhIn0";

async function cryptoKeys(kind: "ed25519" | "p256") {
  const pair =
    kind === "ed25519"
      ? generateKeyPairSync("ed25519")
      : generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const algorithm = kind === "ed25519" ? { name: "Ed25519" } : { name: "ECDSA", namedCurve: "P-256" };
  const spki = pair.publicKey.export({ type: "spki", format: "der" });
  const publicKey = await webcrypto.subtle.importKey("spki", spki, algorithm, true, ["verify"]);
  const signature = (
    kind === "ed25519"
      ? sign(null, Buffer.from(INPUT), pair.privateKey)
      : sign("sha256", Buffer.from(INPUT), { key: pair.privateKey, dsaEncoding: "ieee-p1363" })
  ).toString("base64url");
  return { publicKey, signature, privateKey: pair.privateKey };
}

describe("signatureValid (node:crypto, one algorithm per key)", () => {
  it("accepts a good Ed25519 and a good ES256 signature over the exact signing input", async () => {
    const ed = await cryptoKeys("ed25519");
    const ec = await cryptoKeys("p256");
    expect(signatureValid("EdDSA", INPUT, ed.signature, ed.publicKey)).toBe(true);
    expect(signatureValid("ES256", INPUT, ec.signature, ec.publicKey)).toBe(true);
    expect(signatureValid("EdDSA", `${INPUT}x`, ed.signature, ed.publicKey)).toBe(false);
    expect(signatureValid("ES256", `${INPUT}x`, ec.signature, ec.publicKey)).toBe(false);
  });

  it("refuses a key of another algorithm, whatever the signature", async () => {
    const ed = await cryptoKeys("ed25519");
    const ec = await cryptoKeys("p256");
    expect(signatureValid("ES256", INPUT, ed.signature, ed.publicKey)).toBe(false);
    expect(signatureValid("EdDSA", INPUT, ec.signature, ec.publicKey)).toBe(false);
  });

  it("refuses a private key even with a signature it made itself", async () => {
    const pair = generateKeyPairSync("ed25519");
    const pkcs8 = pair.privateKey.export({ type: "pkcs8", format: "der" });
    const privateKey = await webcrypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
    const signature = sign(null, Buffer.from(INPUT), pair.privateKey).toString("base64url");
    expect(signatureValid("EdDSA", INPUT, signature, privateKey)).toBe(false);
  });

  it("refuses wrong lengths, zero signatures and garbage without throwing", async () => {
    const ed = await cryptoKeys("ed25519");
    const zeros = Buffer.alloc(64).toString("base64url");
    for (const bad of ["", "AA", zeros, `${ed.signature}AA`, ed.signature.slice(0, 80)])
      expect(signatureValid("EdDSA", INPUT, bad, ed.publicKey)).toBe(false);
    const notAKey = {} as webcrypto.CryptoKey;
    expect(signatureValid("EdDSA", INPUT, ed.signature, notAKey)).toBe(false);
  });
});
