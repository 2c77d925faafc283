import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createVerifier } from "../../src/index.ts";
import { localResolver } from "../../src/mandate/key-resolver.ts";
import { importPublicKey } from "../../src/mandate/keys.ts";
import { authority, NOW } from "./fixtures.ts";

describe("key resolution", () => {
  it("J-02: resolvers hand jose public CryptoKeys only, never bytes", async () => {
    const { a } = await authority();
    const entry = importPublicKey(a.jwks().keys[0]!);
    const key = await localResolver(new Map([[entry.kid, entry]])).resolve(entry.kid, "EdDSA");
    expect(Object.prototype.toString.call(key)).toBe("[object CryptoKey]");
    expect(key.type).toBe("public");
    expect(key.algorithm.name).toBe("Ed25519");
    await expect(
      localResolver(new Map([[entry.kid, entry]])).resolve(entry.kid, "ES256"),
    ).rejects.toMatchObject({
      code: "MANDATE_ALG_NOT_ALLOWED",
    });
  });

  it("J-04: a verifier with a JWKS URL never follows a header jku/x5u (0 requests to the attacker)", async () => {
    const { a, issue } = await authority();
    let issuerHits = 0;
    let attackerHits = 0;
    const issuer = createServer((_q, r) => {
      issuerHits++;
      r.end(JSON.stringify(a.jwks()));
    });
    const attacker = createServer((_q, r) => {
      attackerHits++;
      r.end("{}");
    });
    const listen = (s: typeof issuer) =>
      new Promise<number>((resolve) =>
        s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)),
      );
    const [ip, ap] = await Promise.all([listen(issuer), listen(attacker)]);
    try {
      const verifier = createVerifier({
        issuer: "https://auth.test",
        audience: "agents",
        jwks: `http://127.0.0.1:${ip}/jwks`,
        clock: () => NOW,
      });
      const token = await issue();
      const [h, p, s] = token.split(".") as [string, string, string];
      const header = JSON.parse(Buffer.from(h, "base64url").toString());
      const evil = Buffer.from(
        JSON.stringify({
          ...header,
          jku: `http://127.0.0.1:${ap}/jwks`,
          x5u: `http://127.0.0.1:${ap}/c.pem`,
        }),
      ).toString("base64url");
      await expect(verifier.verify(`${evil}.${p}.${s}`)).rejects.toMatchObject({ code: "MANDATE_MALFORMED" });
      await expect(verifier.verify(token)).resolves.toBeDefined();
      expect(attackerHits).toBe(0);
      expect(issuerHits).toBe(1);
    } finally {
      await Promise.all([issuer, attacker].map((s) => new Promise((r) => s.close(r))));
    }
  });
});
