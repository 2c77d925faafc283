/** J-01..J-10, J-16, J-18, J-21: header and encoding attacks. Every forged token gets its exact code. */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { b64u, craft, expectCode, type Kit, kit, mutate, rootClaims, signers } from "./forge.ts";

describe("token attacks: header, algorithm and encoding", () => {
  let k: Kit;
  const fresh = async () => {
    k = await kit();
    return k;
  };

  it("the forge kit's own valid token passes (control)", async () => {
    await fresh();
    const token = k.forge();
    await expect(k.authority.verify(token)).resolves.toMatchObject({ depth: 0 });
    await expect(k.authority.verify(await k.root())).resolves.toMatchObject({ depth: 0 });
  });

  it("J-01 alg none / None / nOnE, with and without the original signature", async () => {
    await fresh();
    const valid = k.forge();
    for (const alg of ["none", "None", "nOnE", "NONE"]) {
      const h = b64u(JSON.stringify(k.header({ alg })));
      const [, p, s] = valid.split(".");
      // `h.p.` fails the strict format check before the header is even decoded.
      await expectCode(k.authority.verify(`${h}.${p}.`), "MANDATE_MALFORMED", valid);
      await expectCode(k.authority.verify(`${h}.${p}.${s}`), "MANDATE_ALG_NOT_ALLOWED", valid);
    }
  });

  it("J-02 HS256 signed with the public key as PEM, DER and JWK string", async () => {
    await fresh();
    const pub = k.authority.verificationKeys()[0]!.publicKey;
    const secrets = [
      pub.export({ type: "spki", format: "pem" }),
      pub.export({ type: "spki", format: "der" }),
      JSON.stringify(k.authority.jwks().keys[0]),
    ];
    for (const secret of secrets) {
      const token = craft(
        k.header({ alg: "HS256" }),
        rootClaims({ scope: [{ tools: ["*"] }] }),
        signers.hs256(secret),
      );
      await expectCode(k.authority.verify(token), "MANDATE_ALG_NOT_ALLOWED", token);
    }
  });

  it("J-02 RS256 / PS256 / ES512 / HS512 and a non-string alg", async () => {
    await fresh();
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    for (const alg of ["RS256", "PS256", "ES512", "HS512", "EdDSA ", "eddsa"]) {
      const token = craft(k.header({ alg }), rootClaims(), signers.rs256(rsa));
      await expectCode(k.authority.verify(token), "MANDATE_ALG_NOT_ALLOWED", token);
    }
    const token = craft(k.header({ alg: ["EdDSA"] }), rootClaims(), signers.ed25519(k.key));
    await expectCode(k.authority.verify(token), "MANDATE_ALG_NOT_ALLOWED", token);
  });

  it("J-03 embedded jwk with the attacker's key is refused (header parameter not accepted)", async () => {
    await fresh();
    const attacker = generateKeyPairSync("ed25519");
    const jwk = attacker.publicKey.export({ format: "jwk" });
    const forged = craft(
      k.header({ jwk }),
      rootClaims({ scope: [{ tools: ["*"] }] }),
      signers.ed25519(attacker.privateKey),
    );
    await expectCode(k.authority.verify(forged), "MANDATE_MALFORMED", forged);
    // Without the jwk member, the attacker's signature under our kid is just a bad signature.
    const plain = craft(
      k.header(),
      rootClaims({ scope: [{ tools: ["*"] }] }),
      signers.ed25519(attacker.privateKey),
    );
    await expectCode(k.authority.verify(plain), "MANDATE_SIGNATURE_INVALID", plain);
  });

  it("J-04 jku / x5u / x5c / x5t are refused with zero outbound requests", async () => {
    await fresh();
    const realFetch = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = (() => {
      calls++;
      throw new Error("network is off");
    }) as typeof fetch;
    try {
      for (const extra of [
        { jku: "http://169.254.169.254/latest/meta-data/" },
        { x5u: "https://attacker.example/c.pem" },
        { x5c: ["MIIB"] },
        { x5t: "abc" },
        { kid: "evil", jku: "https://attacker.example/jwks.json" },
      ]) {
        const token = k.forge(rootClaims(), k.header(extra));
        await expectCode(k.authority.verify(token), "MANDATE_MALFORMED", token);
      }
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(calls).toBe(0);
  });

  it("J-06 / J-07 crit (unknown, or listing b64) and b64:false are refused", async () => {
    await fresh();
    for (const extra of [
      { crit: ["x-unknown"], "x-unknown": 1 },
      { crit: ["exp"] },
      { b64: false, crit: ["b64"] },
      { b64: true },
    ]) {
      const token = k.forge(rootClaims(), k.header(extra));
      await expectCode(k.authority.verify(token), "MANDATE_MALFORMED", token);
    }
    // An unencoded (b64:false) payload is not base64url: the format check catches it first.
    const raw = `${b64u(JSON.stringify(k.header({ b64: false, crit: ["b64"] })))}.{"scope":"*"}.${"A".repeat(86)}`;
    await expectCode(k.authority.verify(raw), "MANDATE_MALFORMED", raw);
  });

  it("J-16 typ: plain JWT, missing, case variants, approval+jwt used as a mandate", async () => {
    await fresh();
    for (const typ of ["JWT", "jwt", "Mandate+JWT", "application/mandate+jwt", "approval+jwt", undefined]) {
      const token = k.forge(rootClaims(), k.header({ typ }));
      await expectCode(k.authority.verify(token), "MANDATE_TYPE_INVALID", token);
    }
    const root = await k.root();
    const { jti } = await k.authority.verify(root);
    const approval = await k.authority.issueApproval({ jti, tool: "search", args: {} });
    await expectCode(k.authority.verify(approval), "MANDATE_TYPE_INVALID", approval);
    const err = await expectCode(
      k.authority.verifyApproval(root, { jti, tool: "search", args: {} }),
      "APPROVAL_INVALID",
      root,
    );
    expect(err.details).toMatchObject({ check: "MANDATE_TYPE_INVALID" });
  });

  it("J-10 non-canonical signature spellings: unused bits, ==, trailing space/newline", async () => {
    await fresh();
    const token = await k.root();
    expect(token.at(-1)).toMatch(/[AQgw]/);
    for (const variant of [
      mutate.flipUnusedBit(token),
      mutate.padding(token),
      mutate.space(token),
      `${token}\n`,
      ` ${token}`,
    ]) {
      expect(variant).not.toBe(token);
      await expectCode(k.authority.verify(variant), "MANDATE_MALFORMED", token);
    }
    await expect(k.authority.verify(token)).resolves.toBeDefined();
  });

  it("J-21 stripped, zero and tampered signatures; tampered payload", async () => {
    await fresh();
    const token = await k.root();
    await expectCode(k.authority.verify(mutate.dropSignature(token)), "MANDATE_MALFORMED", token);
    await expectCode(k.authority.verify(mutate.zeroSignature(token)), "MANDATE_SIGNATURE_INVALID", token);
    await expectCode(k.authority.verify(mutate.tamperSignature(token)), "MANDATE_SIGNATURE_INVALID", token);
    await expectCode(k.authority.verify(mutate.tamperPayload(token)), "MANDATE_SIGNATURE_INVALID", token);
  });

  it("J-05 / J-15 unknown kid, missing kid, kid of another issuer", async () => {
    await fresh();
    for (const kid of ["nope", undefined, "", 42]) {
      const token = k.forge(rootClaims(), k.header({ kid }));
      await expectCode(k.authority.verify(token), "MANDATE_KEY_UNKNOWN", token);
    }
    // Two authorities: B's genuine token (B's kid) and B's key claiming A's issuer.
    const other = await kit();
    const bToken = await other.root();
    await expectCode(k.authority.verify(bToken), "MANDATE_KEY_UNKNOWN", bToken);
    const spoof = other.forge(rootClaims({ iss: "https://auth.test" }), other.header());
    await expectCode(k.authority.verify(spoof), "MANDATE_KEY_UNKNOWN", spoof);
    // B's key under A's kid: the signature does not verify with A's key.
    const underOurKid = other.forge(rootClaims(), other.header({ kid: k.kid }));
    await expectCode(k.authority.verify(underOurKid), "MANDATE_SIGNATURE_INVALID", underOurKid);
  });

  it("J-18 duplicate members in header and payload", async () => {
    await fresh();
    const claims = JSON.stringify(rootClaims());
    const dupPayload = `${claims.slice(0, -1)},"scope":[{"tools":["*"]}]}`;
    const token1 = k.forge(dupPayload);
    await expectCode(k.authority.verify(token1), "MANDATE_MALFORMED", token1);
    const dupHeader = `{"alg":"EdDSA","alg":"HS256","typ":"mandate+jwt","kid":"${k.kid}"}`;
    const token2 = k.forge(rootClaims(), dupHeader);
    await expectCode(k.authority.verify(token2), "MANDATE_MALFORMED", token2);
    const dupNested = JSON.stringify(rootClaims()).replace('"purpose"', '"purpose":"x","purpose"');
    const token3 = k.forge(dupNested);
    await expectCode(k.authority.verify(token3), "MANDATE_MALFORMED", token3);
    // An escaped spelling of the same name is still the same name.
    const escaped = `${claims.slice(0, -1)},"sc\\u006fpe":[{"tools":["*"]}]}`;
    const token4 = k.forge(escaped);
    await expectCode(k.authority.verify(token4), "MANDATE_MALFORMED", token4);
  });

  it("J-19 __proto__ / constructor / prototype anywhere", async () => {
    await fresh();
    const base = JSON.stringify(rootClaims());
    for (const raw of [
      `${base.slice(0, -1)},"__proto__":{"tools":["*"],"mxd":99}}`,
      base.replace('"tools":["search"]', '"tools":["search"],"__proto__":{"when":"true"}'),
      base.replace('"purpose"', '"constructor":{},"purpose"'),
      base.replace('"purpose"', '"prototype":1,"purpose"'),
    ]) {
      const token = k.forge(raw);
      await expectCode(k.authority.verify(token), "MANDATE_MALFORMED", token);
    }
    const h = k.forge(
      rootClaims(),
      `{"alg":"EdDSA","typ":"mandate+jwt","kid":"${k.kid}","__proto__":{"alg":"none"}}`,
    );
    await expectCode(k.authority.verify(h), "MANDATE_MALFORMED", h);
  });

  it("J-08 / J-09 / J-20 JWE 5-part, JSON serialisation, appended JSON, oversize, garbage", async () => {
    await fresh();
    const token = await k.root();
    const [h, p, s] = token.split(".");
    const started = performance.now();
    const cases = [
      `${b64u('{"alg":"dir","enc":"A256GCM"}')}..${b64u("iv")}.${b64u("ct")}.${b64u("tag")}`,
      `${b64u('{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":2147483647}')}.a.b.c.d`,
      JSON.stringify({ protected: h, payload: p, signature: s }),
      `${token}{"scope":["*"]}`,
      `${token}.${p}`,
      `${h}.${"A".repeat(20_000)}.${s}`,
      "",
      "a.b",
      "....",
    ];
    for (const bad of cases) await expectCode(k.authority.verify(bad), "MANDATE_MALFORMED", token);
    expect(performance.now() - started).toBeLessThan(50);
    await expectCode(k.authority.verify(42 as unknown as string), "MANDATE_MALFORMED");
  });

  it("header and payload that are not JSON objects", async () => {
    await fresh();
    for (const [header, payload] of [
      ["[1]", rootClaims()],
      ['"str"', rootClaims()],
      [k.header(), "[1,2]"],
      [k.header(), "not json"],
      [k.header(), `${JSON.stringify(rootClaims())} x`],
    ] as const) {
      const token = k.forge(payload, header);
      await expectCode(k.authority.verify(token), "MANDATE_MALFORMED", token);
    }
  });
});
