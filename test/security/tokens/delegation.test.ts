/** D-01, D-03, D-04, D-06, D-09..D-11, D-14, D-17: delegation can only narrow; revocation cascades. */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { craft, decodePayload, expectCode, jti, kit, NOW_S, rootClaims, signers } from "./forge.ts";

// Root (from kit): scope [search]; dlg [search, read_doc, mail_*] actions [read, act] when "args.n < 10".
describe("delegation attacks", () => {
  it("a subset delegates, carrying the parent's condition, intent and tenant", async () => {
    const k = await kit();
    const root = await k.root();
    const child = await k.authority.delegate(root, {
      subject: "agent:mailer",
      scope: [{ tools: ["mail_send"], actions: ["act"], when: "args.to.endsWith('@acme.example')" }],
      delegable: [{ tools: ["read_doc"], actions: ["read"] }],
    });
    const { claims } = await k.authority.verify(child);
    const rootClaimsVerified = (await k.authority.verify(root)).claims;
    expect(claims.scope).toEqual([
      {
        tools: ["mail_send"],
        actions: ["act"],
        when: "(args.n < 10) && (args.to.endsWith('@acme.example'))",
      },
    ]);
    expect(claims.dlg).toEqual([{ tools: ["read_doc"], actions: ["read"], when: "args.n < 10" }]);
    expect(claims).toMatchObject({
      dep: 1,
      mxd: 4,
      chn: [rootClaimsVerified.jti],
      act: { sub: "agent:root" },
      tnt: "acme",
    });
    expect(claims.intent).toEqual(rootClaimsVerified.intent);
    const grandchild = await k.authority.delegate(child, {
      subject: "agent:reader",
      scope: [{ tools: ["read_doc"], actions: ["read"] }],
    });
    const g = (await k.authority.verify(grandchild)).claims;
    expect(g.scope[0]!.when).toBe("args.n < 10");
    expect(g.act).toEqual({ sub: "agent:mailer", act: { sub: "agent:root" } });
    expect(g.chn).toEqual([rootClaimsVerified.jti, claims.jti]);
  });

  it("D-01 broader tools, a wildcard, an extra action, a tool outside dlg are escalations", async () => {
    const k = await kit();
    const root = await k.root();
    for (const scope of [
      [{ tools: ["search", "send_email"] }],
      [{ tools: ["*"] }],
      [{ tools: ["mail*"] }],
      [{ tools: ["read_doc"], actions: ["write"] }],
      [{ tools: ["read_doc"] }], // absent actions = all three, parent has only read+act
    ] as const) {
      await expectCode(
        k.authority.delegate(root, { subject: "agent:b", scope: scope as never }),
        "MANDATE_ESCALATION",
      );
      await expectCode(
        k.authority.delegate(root, { subject: "agent:b", scope: [], delegable: scope as never }),
        "MANDATE_ESCALATION",
      );
    }
  });

  it("delegating what the parent may only USE (scope but not dlg) is an escalation; a supervisor may delegate what it cannot use", async () => {
    const k = await kit();
    const sup = await k.authority.issue({
      subject: "agent:supervisor",
      tenant: "acme",
      intent: { id: "t", purpose: "p" },
      scope: [{ tools: ["plan"] }],
      delegable: [{ tools: ["search"] }],
    });
    await expectCode(
      k.authority.delegate(sup, { subject: "agent:w", scope: [{ tools: ["plan"] }] }),
      "MANDATE_ESCALATION",
    );
    const worker = await k.authority.delegate(sup, { subject: "agent:w", scope: [{ tools: ["search"] }] });
    expect((await k.authority.verify(worker)).claims.scope).toEqual([{ tools: ["search"] }]);
    // A mandate with no dlg cannot delegate anything non-empty.
    await expectCode(
      k.authority.delegate(worker, { subject: "agent:x", scope: [{ tools: ["search"] }] }),
      "MANDATE_ESCALATION",
    );
  });

  it("D-03 a child cannot outlive its parent; an expired or revoked parent cannot delegate", async () => {
    const k = await kit();
    const root = await k.root(); // exp = now + 300
    await expectCode(
      k.authority.delegate(root, { subject: "b", scope: [], ttlSeconds: 301 }),
      "MANDATE_ESCALATION",
    );
    const ok = await k.authority.delegate(root, { subject: "b", scope: [], ttlSeconds: 300 });
    expect(decodePayload(ok).exp).toBe(NOW_S + 300);
    k.clock.now = new Date((NOW_S + 200) * 1000);
    const defaulted = await k.authority.delegate(root, { subject: "b", scope: [] });
    expect(decodePayload(defaulted).exp).toBe(NOW_S + 300); // min(default 300, remaining 100)
    await expectCode(
      k.authority.delegate(root, { subject: "b", scope: [], ttlSeconds: 101 }),
      "MANDATE_ESCALATION",
    );
    k.clock.now = new Date((NOW_S + 302) * 1000); // expired, within tolerance
    await expectCode(k.authority.delegate(root, { subject: "b", scope: [] }), "MANDATE_EXPIRED");
    k.clock.now = new Date((NOW_S + 400) * 1000);
    await expectCode(k.authority.delegate(root, { subject: "b", scope: [] }), "MANDATE_EXPIRED");
  });

  it("D-04 depth: past mxd refused, mxd only shrinks, forged dep/mxd fail verification", async () => {
    const k = await kit();
    let token = await k.authority.issue({
      subject: "a0",
      tenant: "acme",
      intent: { id: "t", purpose: "p" },
      scope: [],
      delegable: [{ tools: ["*"] }],
      maxDepth: 2,
    });
    await expectCode(
      k.authority.delegate(token, { subject: "a1", scope: [], delegable: [{ tools: ["*"] }], maxDepth: 3 }),
      "MANDATE_ESCALATION",
    );
    for (let i = 1; i <= 2; i++)
      token = await k.authority.delegate(token, {
        subject: `a${i}`,
        scope: [],
        delegable: [{ tools: ["*"] }],
      });
    await expectCode(k.authority.delegate(token, { subject: "a3", scope: [] }), "MANDATE_DEPTH_EXCEEDED");
    // Self-delegation counts too.
    const self = await k.authority.issue({
      subject: "s",
      tenant: "acme",
      intent: { id: "t", purpose: "p" },
      scope: [],
      delegable: [{ tools: ["*"] }],
      maxDepth: 1,
    });
    const s1 = await k.authority.delegate(self, { subject: "s", scope: [], delegable: [{ tools: ["*"] }] });
    await expectCode(k.authority.delegate(s1, { subject: "s", scope: [] }), "MANDATE_DEPTH_EXCEEDED");
    await expect(
      k.authority.issue({
        subject: "s",
        tenant: "acme",
        intent: { id: "t", purpose: "p" },
        scope: [],
        maxDepth: 5,
      }),
    ).rejects.toThrow(TypeError);
  });

  it("D-09 / D-10 intent and tenant cannot be changed: options cannot carry them", async () => {
    const k = await kit();
    const root = await k.root();
    for (const extra of [
      { tenant: "globex" },
      { intent: { id: "x", purpose: "export_contacts" } },
      { tnt: "globex" },
      { chn: [] },
    ]) {
      await expectCode(
        k.authority.delegate(root, { subject: "b", scope: [], ...extra } as never),
        "MANDATE_ESCALATION",
      );
    }
  });

  it("D-01b / D-10 / D-11 raw-signed children (widened, condition dropped, intent or tenant changed) by an agent key are refused", async () => {
    const k = await kit();
    const root = await k.authority.verify(await k.root());
    const agent = generateKeyPairSync("ed25519").privateKey;
    const child = (overrides: Record<string, unknown>) =>
      rootClaims({
        sub: "agent:b",
        dep: 1,
        chn: [root.jti],
        act: { sub: "agent:root" },
        scope: [{ tools: ["mail_send"], actions: ["act"], when: "args.n < 10" }],
        dlg: [],
        ...overrides,
      });
    const variants = [
      child({ scope: [{ tools: ["*"] }] }), // widened
      child({ scope: [{ tools: ["mail_send"], actions: ["act"] }] }), // condition dropped
      child({ intent: { id: "other", purpose: "export_contacts" } }),
      child({ tnt: "globex" }),
    ];
    for (const claims of variants) {
      // With the agent's own kid: not a key of this issuer.
      const own = craft(
        { alg: "EdDSA", typ: "mandate+jwt", kid: "agent:b#1" },
        claims,
        signers.ed25519(agent),
      );
      await expectCode(k.authority.verify(own), "MANDATE_KEY_UNKNOWN", own);
      // Under the authority's kid: the signature does not verify.
      const spoof = craft(k.header(), claims, signers.ed25519(agent));
      await expectCode(k.authority.verify(spoof), "MANDATE_SIGNATURE_INVALID", spoof);
    }
  });

  it("D-14 a self-made root (agent key, own kid) is refused", async () => {
    const k = await kit();
    const agent = generateKeyPairSync("ed25519").privateKey;
    const token = craft(
      { alg: "EdDSA", typ: "mandate+jwt", kid: "agent" },
      rootClaims({ scope: [{ tools: ["*"] }] }),
      signers.ed25519(agent),
    );
    await expectCode(k.authority.verify(token), "MANDATE_KEY_UNKNOWN", token);
  });

  it("D-06 a revoked ancestor makes every descendant fail with MANDATE_REVOKED, warm cache included", async () => {
    const k = await kit();
    const root = await k.authority.issue({
      subject: "r",
      tenant: "acme",
      intent: { id: "t", purpose: "p" },
      scope: [],
      delegable: [{ tools: ["*"] }],
    });
    const a = await k.authority.delegate(root, {
      subject: "a",
      scope: [{ tools: ["x"] }],
      delegable: [{ tools: ["*"] }],
    });
    const b = await k.authority.delegate(a, {
      subject: "b",
      scope: [{ tools: ["x"] }],
      delegable: [{ tools: ["*"] }],
    });
    const c = await k.authority.delegate(b, { subject: "c", scope: [{ tools: ["x"] }] });
    const sibling = await k.authority.delegate(root, { subject: "s", scope: [{ tools: ["x"] }] });
    for (const t of [root, a, b, c, sibling]) await k.authority.verify(t); // warm
    await k.authority.revoke((await k.authority.verify(a)).jti);
    for (const t of [a, b, c]) await expectCode(k.authority.verify(t), "MANDATE_REVOKED", t);
    await expect(k.authority.verify(root)).resolves.toBeDefined();
    await expect(k.authority.verify(sibling)).resolves.toBeDefined();
    await expectCode(k.authority.delegate(b, { subject: "d", scope: [] }), "MANDATE_REVOKED");
    // A fresh verifier sharing the revocation store sees it too (cold path).
    const rootJti = (await k.authority.verify(root)).jti;
    await k.authority.revoke(rootJti);
    for (const t of [root, sibling]) await expectCode(k.authority.verify(t), "MANDATE_REVOKED", t);
  });

  it("D-17 a child marked non-delegable cannot mint", async () => {
    const k = await kit();
    const root = await k.root();
    const child = await k.authority.delegate(root, {
      subject: "b",
      scope: [{ tools: ["search"], actions: ["read"] }],
    });
    await expectCode(
      k.authority.delegate(child, { subject: "c", scope: [{ tools: ["search"], actions: ["read"] }] }),
      "MANDATE_ESCALATION",
    );
    await expect(k.authority.delegate(child, { subject: "c", scope: [] })).resolves.toBeTypeOf("string");
  });

  it("misuse of delegate()/issue() options is a TypeError, never a token", async () => {
    const k = await kit();
    const root = await k.root();
    for (const bad of [
      { subject: "", scope: [] },
      { subject: "b", scope: "search" },
      { subject: "b", scope: [{ tools: ["search"], __proto__: null, admin: 1 }] },
      { subject: "b", scope: [], ttlSeconds: 0 },
      { subject: "b", scope: [], audience: "elsewhere" },
      { subject: "b", scope: [], extra: 1 },
    ]) {
      await expect(k.authority.delegate(root, bad as never)).rejects.toThrow(TypeError);
    }
    await expect(
      k.authority.issue({
        subject: "a",
        tenant: "t",
        intent: { id: "t", purpose: "p" },
        scope: [],
        ttlSeconds: 3601,
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      k.authority.issue({ subject: "a", tenant: "t", intent: { id: "t" } as never, scope: [] }),
    ).rejects.toThrow(TypeError);
    await expect(k.authority.revoke("not-a-jti")).rejects.toThrow(TypeError);
    expect(jti()).toHaveLength(22);
  });
});
