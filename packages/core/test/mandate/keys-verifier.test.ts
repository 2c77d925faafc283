import { generateKeyPairSync, type webcrypto } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint } from "jose";
import { describe, expect, it } from "vitest";
import { createVerifier, MandateAuthority } from "../../src/index.ts";
import { authority, NOW } from "./fixtures.ts";

const base = { issuer: "https://auth.test", audience: "agents", clock: () => NOW };

describe("keys, rotation and verifiers", () => {
  it("kid is the RFC 7638 thumbprint; jwks() publishes public keys only", async () => {
    const { a } = await authority();
    const [jwk] = a.jwks().keys;
    expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(jwk!.d).toBeUndefined();
    expect(jwk!.kid).toBe(await calculateJwkThumbprint(jwk!));
    expect(a.verificationKeys()[0]!.kid).toBe(jwk!.kid);
  });

  it("accepts a KeyObject, a (non-extractable) CryptoKey or a private JWK as signing key", async () => {
    const pair = generateKeyPairSync("ed25519");
    const fromKeyObject = await MandateAuthority.create({ ...base, signingKey: pair.privateKey });
    const fromJwk = await MandateAuthority.create({
      ...base,
      signingKey: pair.privateKey.export({ format: "jwk" }),
    });
    const crypto = (await globalThis.crypto.subtle.generateKey({ name: "Ed25519" }, false, [
      "sign",
      "verify",
    ])) as webcrypto.CryptoKeyPair;
    const fromCryptoKey = await MandateAuthority.create({ ...base, signingKey: crypto.privateKey });
    expect(fromJwk.jwks().keys[0]!.kid).toBe(fromKeyObject.jwks().keys[0]!.kid);
    const t = await fromCryptoKey.issue({
      subject: "s",
      tenant: "t",
      intent: { id: "i", purpose: "p" },
      scope: [],
    });
    await expect(fromCryptoKey.verify(t)).resolves.toBeDefined();
    await expect(MandateAuthority.create({ ...base, signingKey: pair.publicKey })).rejects.toThrow(TypeError);
    await expect(
      MandateAuthority.create({ ...base, algorithm: "ES256", signingKey: pair.privateKey }),
    ).rejects.toThrow(TypeError);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    await expect(MandateAuthority.create({ ...base, signingKey: rsa })).rejects.toThrow(TypeError);
  });

  it("rotation: the old key still verifies, the new one signs", async () => {
    const old = generateKeyPairSync("ed25519");
    const before = await MandateAuthority.create({ ...base, signingKey: old.privateKey });
    const oldToken = await before.issue({
      subject: "s",
      tenant: "t",
      intent: { id: "i", purpose: "p" },
      scope: [],
      delegable: [{ tools: ["*"] }],
    });
    const after = await MandateAuthority.create({ ...base, additionalKeys: [old.publicKey] });
    expect(after.jwks().keys).toHaveLength(2);
    expect((await after.verify(oldToken)).kid).toBe(before.jwks().keys[0]!.kid);
    const child = await after.delegate(oldToken, { subject: "c", scope: [] });
    expect((await after.verify(child)).kid).toBe(after.jwks().keys[0]!.kid);
    expect(after.checkpointSigner().kid).toBe(after.jwks().keys[0]!.kid);
    await expect(MandateAuthority.create({ ...base, additionalKeys: [old.privateKey] })).rejects.toThrow(
      TypeError,
    );
  });

  it("createVerifier with a local JWKS or keys verifies, and refuses other issuers' tokens", async () => {
    const { a, issue } = await authority();
    const token = await issue();
    const byJwks = createVerifier({ ...base, jwks: a.jwks() });
    const byKeys = createVerifier({ ...base, keys: [a.verificationKeys()[0]!.publicKey] });
    for (const v of [byJwks, byKeys]) expect((await v.verify(token)).claims.sub).toBe("agent:a");
    const other = await authority();
    await expect(byJwks.verify(await other.issue())).rejects.toMatchObject({ code: "MANDATE_KEY_UNKNOWN" });
    await expect(
      createVerifier({ ...base, issuer: "https://other.test", jwks: a.jwks() }).verify(token),
    ).rejects.toMatchObject({
      code: "MANDATE_ISSUER_MISMATCH",
    });
    expect(() => createVerifier({ ...base, jwks: { keys: [{ ...a.jwks().keys[0], d: "x" }] } })).toThrow(
      TypeError,
    );
    expect(() => createVerifier({ ...base })).toThrow(TypeError);
    expect(() => createVerifier({ ...base, jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] } })).toThrow(
      TypeError,
    );
    expect(() => createVerifier({ ...base, jwks: "not a url" })).toThrow(TypeError);
  });

  it("createVerifier with a JWKS URL served on 127.0.0.1", async () => {
    const { a, issue } = await authority();
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(a.jwks()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const verifier = createVerifier({ ...base, jwks: `http://127.0.0.1:${port}/.well-known/jwks.json` });
      const token = await issue();
      expect((await verifier.verify(token)).claims.tnt).toBe("acme");
      const other = await authority();
      await expect(verifier.verify(await other.issue())).rejects.toMatchObject({
        code: "MANDATE_KEY_UNKNOWN",
      });
      expect(requests).toBeGreaterThanOrEqual(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("an unreachable JWKS URL is MANDATE_KEY_UNKNOWN, not a crash", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const { issue } = await authority();
    const verifier = createVerifier({ ...base, jwks: new URL(`http://127.0.0.1:${port}/jwks`) });
    await expect(verifier.verify(await issue())).rejects.toMatchObject({ code: "MANDATE_KEY_UNKNOWN" });
  });

  it("ES256 authority: issue, delegate, verify, jwks, checkpoint signature (P1363)", async () => {
    const { createVerify, verify } = await import("node:crypto");
    const { a, issue } = await authority({ algorithm: "ES256" });
    expect(a.jwks().keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256" });
    const token = await issue();
    const child = await a.delegate(token, { subject: "b", scope: [{ tools: ["search"] }] });
    expect((await createVerifier({ ...base, jwks: a.jwks() }).verify(child)).depth).toBe(1);
    const signer = a.checkpointSigner();
    const bytes = new TextEncoder().encode("seq|hash");
    const sig = signer.sign(bytes);
    expect(sig).toHaveLength(64);
    const publicKey = a.verificationKeys()[0]!.publicKey;
    expect(verify("sha256", bytes, { key: publicKey, dsaEncoding: "ieee-p1363" }, sig)).toBe(true);
    expect(typeof createVerify).toBe("function");
  });

  it("EdDSA checkpoint signer verifies with the published key", async () => {
    const { verify } = await import("node:crypto");
    const { a } = await authority();
    const bytes = new TextEncoder().encode("checkpoint");
    const signer = a.checkpointSigner();
    expect(signer.alg).toBe("EdDSA");
    expect(verify(null, bytes, a.verificationKeys()[0]!.publicKey, signer.sign(bytes))).toBe(true);
  });

  it("misuse of create() options is a TypeError", async () => {
    for (const bad of [
      { issuer: "" },
      { audience: [] },
      { algorithm: "RS256" },
      { maxTtlSeconds: 0 },
      { defaultTtlSeconds: 7200 },
      { maxDepth: 17 },
      { clockToleranceSeconds: 120 },
    ]) {
      await expect(MandateAuthority.create({ ...base, ...bad } as never)).rejects.toThrow(TypeError);
    }
  });
});
