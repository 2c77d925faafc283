/** J-11..J-15 and chain consistency: claims of a correctly signed token that must still be refused. */
import { describe, expect, it } from "vitest";
import { expectCode, jti, kit, NOW, NOW_S, rootClaims } from "./forge.ts";

describe("token attacks: claims", () => {
  it("J-11 missing exp / iat / nbf / jti / sub / iss / aud / tnt / intent / scope", async () => {
    const k = await kit();
    for (const claim of [
      "exp",
      "iat",
      "nbf",
      "jti",
      "sub",
      "tnt",
      "intent",
      "scope",
      "dlg",
      "dep",
      "mxd",
      "chn",
    ]) {
      const claims = rootClaims();
      delete claims[claim];
      const token = k.forge(claims);
      await expectCode(k.authority.verify(token), "MANDATE_MALFORMED", token);
    }
    const noIss = rootClaims();
    delete noIss.iss;
    await expectCode(k.authority.verify(k.forge(noIss)), "MANDATE_ISSUER_MISMATCH");
    const noAud = rootClaims();
    delete noAud.aud;
    await expectCode(k.authority.verify(k.forge(noAud)), "MANDATE_AUDIENCE_MISMATCH");
  });

  it("claim types: strict schema, unknown claims, short jti, empty sub, floats", async () => {
    const k = await kit();
    for (const overrides of [
      { jti: "short" },
      { jti: `${jti().slice(0, 21)}B` },
      { sub: "" },
      { sub: "agent\nroot" },
      { sub: 7 },
      { tnt: "" },
      { exp: NOW_S + 300.5 },
      { exp: "9999999999" },
      { scope: [{ tools: ["*"], admin: true }] },
      { scope: [{ tools: [] }] },
      { scope: [{ tools: ["a*b"] }] },
      { scope: [{ tools: ["x"], actions: ["delete"] }] },
      { scope: [{ tools: ["x"], when: 42 }] },
      { scope: [{ tools: ["x"], when: "x".repeat(9000) }] },
      { scope: { tools: ["*"] } },
      { intent: { id: "t", purpose: "p", extra: 1 } },
      { intent: "task-1" },
      { cnf: { jkt: "x" } },
      { constraints: { "x-geo": "EU" } },
      { act: { sub: "agent:ghost" } },
    ]) {
      const token = k.forge(rootClaims(overrides));
      await expectCode(k.authority.verify(token), "MANDATE_MALFORMED", token);
    }
  });

  it("J-12 far-future iat and over-long lifetime are malformed (our authority never mints them)", async () => {
    const k = await kit();
    const day = 86_400;
    for (const overrides of [
      { iat: NOW_S + 365 * day, nbf: NOW_S + 365 * day, exp: NOW_S + 400 * day },
      { iat: NOW_S + 60, nbf: NOW_S, exp: NOW_S + 300 },
      { iat: NOW_S - day, nbf: NOW_S - day, exp: NOW_S + day },
      { exp: 1e300 },
      { exp: NOW_S + 3601 },
      { exp: NOW_S },
      { nbf: NOW_S + 400 },
    ]) {
      const token = k.forge(rootClaims(overrides));
      await expectCode(k.authority.verify(token), "MANDATE_MALFORMED", token);
    }
    // iat within the tolerance (5 s) is fine; exactly at the maximum lifetime is fine.
    await expect(
      k.authority.verify(k.forge(rootClaims({ iat: NOW_S + 5, nbf: NOW_S + 5 }))),
    ).resolves.toBeDefined();
    await expect(k.authority.verify(k.forge(rootClaims({ exp: NOW_S + 3600 })))).resolves.toBeDefined();
  });

  it("J-13 expiry boundary table with a frozen clock (tolerance 5 s; valid while now < exp + tol)", async () => {
    const k = await kit();
    const token = await k.root();
    const exp = NOW_S + 300;
    const at = (s: number) => {
      k.clock.now = new Date(s * 1000);
    };
    const table: [number, string | "ok"][] = [
      [exp - 1, "ok"],
      [exp, "ok"],
      [exp + 4, "ok"],
      [exp + 5, "MANDATE_EXPIRED"],
      [exp + 6, "MANDATE_EXPIRED"],
      [exp + 300, "MANDATE_EXPIRED"],
    ];
    for (const [time, expected] of table) {
      at(time);
      if (expected === "ok") await expect(k.authority.verify(token)).resolves.toBeDefined();
      else await expectCode(k.authority.verify(token), expected, token);
    }
  });

  it("J-13 expiry boundary with tolerance 0, and cached tokens expire too", async () => {
    const k = await kit({ clockToleranceSeconds: 0 });
    const token = await k.root();
    await k.authority.verify(token); // warm the cache
    const exp = NOW_S + 300;
    k.clock.now = new Date((exp - 1) * 1000);
    await expect(k.authority.verify(token)).resolves.toBeDefined();
    k.clock.now = new Date(exp * 1000);
    await expectCode(k.authority.verify(token), "MANDATE_EXPIRED", token);
    k.clock.now = new Date((exp + 1) * 1000);
    await expectCode(k.authority.verify(token), "MANDATE_EXPIRED", token);
  });

  it("J-13 not yet valid: nbf boundary", async () => {
    const k = await kit();
    const nbf = NOW_S + 100;
    const token = k.forge(rootClaims({ nbf, exp: NOW_S + 300 }));
    for (const [time, expected] of [
      [nbf - 6, "MANDATE_NOT_YET_VALID"],
      [nbf - 5, "ok"],
      [nbf, "ok"],
    ] as const) {
      k.clock.now = new Date(time * 1000);
      if (expected === "ok") await expect(k.authority.verify(token)).resolves.toBeDefined();
      else await expectCode(k.authority.verify(token), expected, token);
    }
    k.clock.now = NOW;
  });

  it("tolerance is bounded (<= 60 s)", async () => {
    const { MandateAuthority } = await import("../../../packages/core/src/index.ts");
    await expect(
      MandateAuthority.create({ issuer: "i", audience: "a", clockToleranceSeconds: 61 }),
    ).rejects.toThrow(TypeError);
  });

  it("J-14 / J-15 wrong iss, array aud, wrong aud, wrong presenter", async () => {
    const k = await kit();
    await expectCode(
      k.authority.verify(k.forge(rootClaims({ iss: "https://evil.test" }))),
      "MANDATE_ISSUER_MISMATCH",
    );
    await expectCode(
      k.authority.verify(k.forge(rootClaims({ iss: ["https://auth.test"] }))),
      "MANDATE_ISSUER_MISMATCH",
    );
    await expectCode(
      k.authority.verify(k.forge(rootClaims({ aud: ["agents", "tool:*"] }))),
      "MANDATE_AUDIENCE_MISMATCH",
    );
    await expectCode(
      k.authority.verify(k.forge(rootClaims({ aud: ["agents"] }))),
      "MANDATE_AUDIENCE_MISMATCH",
    );
    await expectCode(k.authority.verify(k.forge(rootClaims({ aud: "other" }))), "MANDATE_AUDIENCE_MISMATCH");
    const token = await k.root();
    await expectCode(k.authority.verify(token, { audience: "agent:B" }), "MANDATE_AUDIENCE_MISMATCH", token);
    // Warm cache, then a different expected audience or presenter still fails.
    await k.authority.verify(token);
    await expectCode(k.authority.verify(token, { audience: "agent:B" }), "MANDATE_AUDIENCE_MISMATCH", token);
    await expectCode(
      k.authority.verify(token, { subject: "agent:other" }),
      "MANDATE_AUDIENCE_MISMATCH",
      token,
    );
    await expect(
      k.authority.verify(token, { subject: "agent:root", audience: "agents" }),
    ).resolves.toBeDefined();
  });

  it("inconsistent dep / chn / mxd / act", async () => {
    const k = await kit();
    const parent = jti();
    const cases: [Record<string, unknown>, string][] = [
      [{ dep: 1, chn: [] }, "MANDATE_MALFORMED"],
      [{ dep: 0, chn: [parent] }, "MANDATE_MALFORMED"],
      [{ dep: 1, chn: [parent] }, "MANDATE_MALFORMED"], // no act for a delegated mandate
      [{ dep: 2, chn: [parent, parent], act: { sub: "a", act: { sub: "b" } } }, "MANDATE_MALFORMED"],
      [
        { dep: 2, mxd: 1, chn: [parent, jti()], act: { sub: "a", act: { sub: "b" } } },
        "MANDATE_DEPTH_EXCEEDED",
      ],
      [{ dep: 1, chn: [parent], act: { sub: "a", act: { sub: "b" } } }, "MANDATE_MALFORMED"],
      [{ dep: -1 }, "MANDATE_MALFORMED"],
      [{ mxd: 99 }, "MANDATE_MALFORMED"],
      [{ dep: 1, chn: ["not-a-jti"], act: { sub: "a" } }, "MANDATE_MALFORMED"],
    ];
    for (const [overrides, code] of cases) {
      const token = k.forge(rootClaims(overrides));
      await expectCode(k.authority.verify(token), code, token);
    }
    const self = jti();
    await expectCode(
      k.authority.verify(k.forge(rootClaims({ jti: self, dep: 1, chn: [self], act: { sub: "a" } }))),
      "MANDATE_MALFORMED",
    );
    // The consistent shape verifies.
    await expect(
      k.authority.verify(k.forge(rootClaims({ dep: 1, chn: [parent], act: { sub: "a" } }))),
    ).resolves.toMatchObject({ depth: 1 });
  });

  it("verified claims are frozen, null-prototype safe, and equal the signed payload", async () => {
    const k = await kit();
    const token = await k.root();
    const { claims } = await k.authority.verify(token);
    expect(Object.isFrozen(claims)).toBe(true);
    expect(Object.isFrozen(claims.scope[0])).toBe(true);
    expect(() => {
      (claims.scope as unknown as unknown[]).push({ tools: ["*"] });
    }).toThrow();
    const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    expect(JSON.parse(JSON.stringify(claims))).toEqual(payload);
  });
});
