/** H-03 / J-17: approvals are bound to one call (jti, tool, canonical args) and single-use. */
import { describe, expect, it } from "vitest";
import { argsHash } from "../../../packages/core/src/index.ts";
import { craft, expectCode, jti, kit, NOW_S, signers } from "./forge.ts";

describe("approval attacks", () => {
  const setup = async () => {
    const k = await kit();
    const mandate = await k.root();
    const { jti: mandateJti } = await k.authority.verify(mandate);
    const call = { jti: mandateJti, tool: "transfer_funds", args: { amount: 5000, to: "US1330" } };
    return { k, mandate, call };
  };

  it("a valid approval verifies once; the second use (sequential) is APPROVAL_INVALID", async () => {
    const { k, call } = await setup();
    const approval = await k.authority.issueApproval({ ...call, by: "cfo" });
    const claims = await k.authority.verifyApproval(approval, call);
    expect(claims).toMatchObject({
      jti: call.jti,
      tool: call.tool,
      argsHash: argsHash(call.args),
      by: "cfo",
      exp: NOW_S + 120,
    });
    const err = await expectCode(k.authority.verifyApproval(approval, call), "APPROVAL_INVALID", approval);
    expect(err.details).toMatchObject({ check: "replay" });
  });

  it("concurrent uses via Promise.all: exactly one wins", async () => {
    const { k, call } = await setup();
    const approval = await k.authority.issueApproval(call);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => k.authority.verifyApproval(approval, call)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason.code).toBe("APPROVAL_INVALID");
    }
  });

  it("an approval for other args, another tool or another mandate fails, and does not burn the approval", async () => {
    const { k, call } = await setup();
    const approval = await k.authority.issueApproval(call);
    for (const other of [
      { ...call, args: { amount: 5001, to: "US1330" } },
      { ...call, args: { amount: 5000, to: "US1330", memo: "x" } },
      { ...call, tool: "send_email" },
      { ...call, jti: jti() },
    ]) {
      const err = await expectCode(k.authority.verifyApproval(approval, other), "APPROVAL_INVALID", approval);
      expect(err.details).toMatchObject({ check: "binding" });
    }
    // Same args in another key order hash the same (RFC 8785).
    await expect(
      k.authority.verifyApproval(approval, { ...call, args: { to: "US1330", amount: 5000 } }),
    ).resolves.toBeDefined();
  });

  it("expired approvals fail; default TTL is 120 s", async () => {
    const { k, call } = await setup();
    const approval = await k.authority.issueApproval(call);
    k.clock.now = new Date((NOW_S + 125) * 1000);
    const err = await expectCode(k.authority.verifyApproval(approval, call), "APPROVAL_INVALID", approval);
    expect(err.details).toMatchObject({ check: "MANDATE_EXPIRED" });
  });

  it("forged approvals: other key, alg none, mandate typ, tampered binding", async () => {
    const { k, call, mandate } = await setup();
    const other = await kit();
    const foreign = await other.authority.issueApproval(call);
    expect(
      (await expectCode(k.authority.verifyApproval(foreign, call), "APPROVAL_INVALID")).details,
    ).toMatchObject({ check: "MANDATE_KEY_UNKNOWN" });
    const claims = {
      iss: "https://auth.test",
      aud: "agents",
      iat: NOW_S,
      nbf: NOW_S,
      exp: NOW_S + 60,
      id: jti(),
      jti: call.jti,
      tool: call.tool,
      argsHash: argsHash(call.args),
    };
    const asMandateTyp = craft(k.header(), claims, signers.ed25519(k.key));
    expect(
      (await expectCode(k.authority.verifyApproval(asMandateTyp, call), "APPROVAL_INVALID")).details,
    ).toMatchObject({ check: "MANDATE_TYPE_INVALID" });
    const none = craft(k.header({ alg: "none", typ: "approval+jwt" }), claims, signers.ed25519(k.key));
    expect(
      (await expectCode(k.authority.verifyApproval(none, call), "APPROVAL_INVALID")).details,
    ).toMatchObject({ check: "MANDATE_ALG_NOT_ALLOWED" });
    const extra = craft(
      k.header({ typ: "approval+jwt" }),
      { ...claims, scope: ["*"] },
      signers.ed25519(k.key),
    );
    expect(
      (await expectCode(k.authority.verifyApproval(extra, call), "APPROVAL_INVALID")).details,
    ).toMatchObject({ check: "MANDATE_MALFORMED" });
    const good = craft(k.header({ typ: "approval+jwt" }), claims, signers.ed25519(k.key));
    await expect(k.authority.verifyApproval(good, call)).resolves.toBeDefined();
    await expectCode(k.authority.verifyApproval(mandate, call), "APPROVAL_INVALID", mandate);
  });

  it("argsHash is the base64url sha256 of the RFC 8785 canonical form", () => {
    expect(argsHash({ b: 1, a: [1, "x"] })).toBe(argsHash({ a: [1, "x"], b: 1 }));
    expect(argsHash({ n: 1 })).toBe(argsHash({ n: 1.0 }));
    expect(argsHash({})).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => argsHash({ n: Number.NaN })).toThrow(TypeError);
  });
});
