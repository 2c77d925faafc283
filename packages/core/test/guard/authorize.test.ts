import { describe, expect, it } from "vitest";
import { argsHash, createGuard, loadPolicy, MandateAuthority } from "../../src/index.ts";
import { INTENT, POLICY_YAML, setup } from "./fixtures.ts";

describe("guard.authorize", () => {
  it("allows a read within the intent and traces request and decision under one call id", async () => {
    const { guard, sink, mandate } = await setup();
    const d = await guard.authorize({ mandate, tool: "search", args: { q: "q3" }, callId: "c1" });
    expect(d.effect).toBe("allow");
    expect(d.ruleIds).toEqual(["reads-within-intent"]);
    expect(d.depth).toBe(0);
    const kinds = sink.events.filter((e) => e.callId === "c1").map((e) => e.kind);
    expect(kinds).toEqual(["tool.request", "tool.decision"]);
  });

  it("denies an unknown tool by the default", async () => {
    const { guard, mandate } = await setup();
    const d = await guard.authorize({ mandate, tool: "shell_exec", args: {} });
    expect(d).toMatchObject({ effect: "deny", code: "POLICY_DENIED", ruleIds: [] });
  });

  it("denies a tool outside the mandate's scope with SCOPE_DENIED before the policy", async () => {
    const { guard, mandate } = await setup({ scope: [{ tools: ["search"] }] });
    const d = await guard.authorize({ mandate, tool: "read_doc", args: {} });
    expect(d).toMatchObject({ effect: "deny", code: "SCOPE_DENIED", ruleIds: [] });
  });

  it("evaluates grant conditions on the arguments", async () => {
    const { guard, mandate } = await setup({
      scope: [{ tools: ["transfer_funds"], when: "args.amount <= 500" }],
    });
    expect((await guard.authorize({ mandate, tool: "transfer_funds", args: { amount: 400 } })).effect).toBe(
      "allow",
    );
    const over = await guard.authorize({ mandate, tool: "transfer_funds", args: { amount: 600 } });
    expect(over).toMatchObject({ effect: "deny", code: "SCOPE_DENIED" });
    const junk = await guard.authorize({ mandate, tool: "transfer_funds", args: { amount: "600" } });
    expect(junk).toMatchObject({ effect: "deny", code: "SCOPE_DENIED" });
  });

  it("turns a malformed, expired or revoked mandate into a coded deny", async () => {
    const { guard, authority, mandate, clock } = await setup();
    expect(await guard.authorize({ mandate: "not-a-token", tool: "search", args: {} })).toMatchObject({
      effect: "deny",
      code: "MANDATE_MALFORMED",
    });
    const { jti } = await authority.verify(mandate);
    await guard.revoke(jti);
    expect(await guard.authorize({ mandate, tool: "search", args: {} })).toMatchObject({
      effect: "deny",
      code: "MANDATE_REVOKED",
    });
    const fresh = await setup();
    fresh.clock.now = new Date(clock.now.getTime() + 3_600_000);
    expect(await fresh.guard.authorize({ mandate: fresh.mandate, tool: "search", args: {} })).toMatchObject({
      effect: "deny",
      code: "MANDATE_EXPIRED",
    });
  });

  it("rejects misuse with a TypeError", async () => {
    const { guard, mandate } = await setup();
    // @ts-expect-error deliberately wrong argument types
    await expect(guard.authorize({ mandate, tool: 42, args: {} })).rejects.toThrow(TypeError);
    // @ts-expect-error deliberately wrong argument types
    await expect(guard.authorize({ mandate, tool: "search", args: null })).rejects.toThrow(TypeError);
  });
});

describe("sink failures", () => {
  it("a sink that throws or rejects never breaks authorize, and guard.stats() counts it", async () => {
    const throwing = {
      name: "throws",
      write: () => {
        throw new Error("disk full");
      },
    };
    const rejecting = { name: "rejects", write: () => Promise.reject(new Error("collector down")) };
    const { guard, sink, mandate } = await setup({ sinks: [throwing, rejecting] });
    const d = await guard.authorize({ mandate, tool: "search", args: { q: "x" }, callId: "c1" });
    expect(d.effect).toBe("allow");
    await guard.close();
    const events = sink.events.length;
    expect(events).toBeGreaterThan(0); // the memory sink got every event all the same
    // every event failed twice (once per broken sink), the rejections counted as they settled
    expect(guard.stats().sinkFailures).toBe(2 * events);
  });
});

describe("approvals", () => {
  it("asks for approval bound to the exact call, and a grant turns it into allow once", async () => {
    const { guard, sink, mandate } = await setup();
    const call = { mandate, tool: "transfer_funds", args: { amount: 5000, to: "acct-1" }, callId: "t1" };
    const first = await guard.authorize(call);
    expect(first).toMatchObject({
      effect: "approve",
      code: "APPROVAL_REQUIRED",
      ruleIds: ["large-transfer-needs-approval"],
    });
    expect(first.approvalRequest?.tool).toBe("transfer_funds");
    const approval = await guard.resolveApproval(call, {
      approved: true,
      by: "cfo",
      argsHash: argsHash(call.args),
    });
    expect(typeof approval).toBe("string");
    const second = await guard.authorize({ ...call, approval });
    expect(second).toMatchObject({ effect: "allow", ruleIds: ["large-transfer-needs-approval"] });
    const replay = await guard.authorize({ ...call, approval });
    expect(replay).toMatchObject({ effect: "deny", code: "APPROVAL_INVALID" });
    const edited = await guard.authorize({ ...call, args: { amount: 9000, to: "acct-1" }, approval });
    expect(edited).toMatchObject({ effect: "deny", code: "APPROVAL_INVALID" });
    const kinds = sink.events.map((e) => e.kind);
    expect(kinds.filter((k) => k === "approval.request")).toHaveLength(1);
    expect(kinds.filter((k) => k === "approval.resolve")).toHaveLength(1);
  });

  it("an approval for other arguments is refused", async () => {
    const { guard, mandate } = await setup();
    const call = { mandate, tool: "transfer_funds", args: { amount: 5000 }, callId: "t2" };
    const approval = await guard.resolveApproval(call, {
      approved: true,
      by: "cfo",
      argsHash: argsHash(call.args),
    });
    const other = await guard.authorize({ ...call, args: { amount: 5001 }, approval });
    expect(other).toMatchObject({ effect: "deny", code: "APPROVAL_INVALID" });
  });

  it("an answer naming other arguments issues no grant", async () => {
    const { guard, mandate } = await setup();
    const call = { mandate, tool: "transfer_funds", args: { amount: 5000 }, callId: "t4" };
    const d = await guard.authorize(call);
    const shown = d.approvalRequest?.argsHash ?? "";
    const edited = { ...call, args: { amount: 9000 } };
    expect(await guard.resolveApproval(call, { approved: true, by: "cfo" })).toBeUndefined(); // names nothing
    expect(
      await guard.resolveApproval(edited, { approved: true, by: "cfo", argsHash: shown }),
    ).toBeUndefined();
    expect(await guard.resolveApproval(call, { approved: true, by: "cfo", argsHash: shown })).toEqual(
      expect.any(String),
    );
  });

  it("a rejection issues no grant", async () => {
    const { guard, mandate } = await setup();
    const call = { mandate, tool: "transfer_funds", args: { amount: 5000 }, callId: "t3" };
    expect(await guard.resolveApproval(call, { approved: false, by: "cfo", reason: "no" })).toBeUndefined();
  });
});

describe("task history accounting", () => {
  it("counts an approved call once, and a pending approval not at all", async () => {
    const authority = await MandateAuthority.create({ issuer: "https://auth.test", audience: "agents" });
    const policy = loadPolicy(`
apiVersion: mandate/v1
kind: Policy
metadata: { name: counting }
default: deny
tools:
  transfer_funds: { action: act }
rules:
  - { id: transfers, effect: allow, when: 'tool.name == "transfer_funds"' }
  - { id: big, effect: approve, when: 'args.amount > 1000' }
  - { id: two-per-task, effect: deny, when: 'trace.counts.transfer_funds >= 2' }
`);
    const guard = createGuard({ authority, policy });
    const mandate = await authority.issue({
      subject: "a",
      tenant: "t",
      intent: INTENT,
      scope: [{ tools: ["*"] }],
    });
    const call = { mandate, tool: "transfer_funds", args: { amount: 5000 }, callId: "h1" };
    expect((await guard.authorize(call)).effect).toBe("approve");
    const approval = await guard.resolveApproval(call, {
      approved: true,
      by: "cfo",
      argsHash: argsHash(call.args),
    });
    expect((await guard.authorize({ ...call, approval })).effect).toBe("allow");
    const small = { mandate, tool: "transfer_funds", args: { amount: 10 } };
    expect((await guard.authorize(small)).effect).toBe("allow");
    expect(await guard.authorize(small)).toMatchObject({ effect: "deny", ruleIds: ["two-per-task"] });
  });
});

describe("parallel calls of one task", () => {
  const budgetPolicy = () =>
    loadPolicy(`
apiVersion: mandate/v1
kind: Policy
metadata: { name: budget }
default: deny
tools:
  pay: { action: act, sum: [amount] }
rules:
  - { id: pay, effect: allow, when: 'tool.name == "pay"' }
  - { id: big, effect: approve, when: 'args.amount > 50' }
  - { id: over-budget, effect: deny, when: 'trace.totals.pay.amount + args.amount > 100' }
`);

  it("see each other's totals: three parallel payments of 40 against 100, the third is denied", async () => {
    const authority = await MandateAuthority.create({ issuer: "https://auth.test", audience: "agents" });
    const guard = createGuard({ authority, policy: budgetPolicy() });
    const mandate = await authority.issue({
      subject: "a",
      tenant: "t",
      intent: INTENT,
      scope: [{ tools: ["*"] }],
    });
    const decisions = await Promise.all(
      [1, 2, 3].map((n) => guard.authorize({ mandate, tool: "pay", args: { amount: 40 }, callId: `p${n}` })),
    );
    // Whichever order their (asynchronous) mandate checks finish in, two fit the budget and one does not.
    const outcomes = decisions.map((d) => `${d.effect}:${d.ruleIds.join(",")}`).sort();
    expect(outcomes).toEqual(["allow:pay", "allow:pay", "deny:over-budget"]);
  });

  it("an approved call is decided again after its grant is checked: what was spent meanwhile counts", async () => {
    const authority = await MandateAuthority.create({ issuer: "https://auth.test", audience: "agents" });
    const guard = createGuard({ authority, policy: budgetPolicy() });
    const mandate = await authority.issue({
      subject: "a",
      tenant: "t",
      intent: INTENT,
      scope: [{ tools: ["*"] }],
    });
    const big = { mandate, tool: "pay", args: { amount: 60 }, callId: "big" };
    expect((await guard.authorize(big)).effect).toBe("approve");
    const approval = await guard.resolveApproval(big, {
      approved: true,
      by: "cfo",
      argsHash: argsHash(big.args),
    });
    // The approved 60 and a 45 race: the 45 is decided while the grant is being checked.
    const [approved, small] = await Promise.all([
      guard.authorize({ ...big, approval }),
      guard.authorize({ mandate, tool: "pay", args: { amount: 45 }, callId: "small" }),
    ]);
    // 60 + 45 > 100: exactly one of them may run, whichever was decided first (in practice the
    // 45, while the grant's signature is being checked). Deciding the approved call on the history
    // as it was before that check would have let both through.
    expect([approved, small].filter((d) => d.effect === "allow")).toHaveLength(1);
    const denied = [approved, small].find((d) => d.effect === "deny");
    expect(denied).toMatchObject({ ruleIds: ["over-budget"], code: "POLICY_DENIED" });
  });
});

describe("more tasks than the guard holds", () => {
  it("an evicted task's calls are denied, never decided on a fresh (empty) history", async () => {
    const authority = await MandateAuthority.create({ issuer: "https://auth.test", audience: "agents" });
    const guard = createGuard({ authority, policy: loadPolicy(POLICY_YAML), maxTasks: 2 });
    const task = () =>
      authority.issue({ subject: "a", tenant: "t", intent: INTENT, scope: [{ tools: ["*"] }] });
    const [first, second, third] = [await task(), await task(), await task()];
    const search = (mandate: string) => guard.authorize({ mandate, tool: "search", args: { q: "x" } });
    expect((await search(first)).effect).toBe("allow");
    expect((await search(second)).effect).toBe("allow");
    expect((await search(third)).effect).toBe("allow"); // the first task's history is evicted
    expect(await search(first)).toMatchObject({ effect: "deny", code: "POLICY_EVAL_ERROR", ruleIds: [] });
    expect((await search(third)).effect).toBe("allow");
  });

  it("remembers evicted tasks until their mandates must have expired; when that memory is full, new tasks are refused", async () => {
    const clock = { now: new Date("2026-11-24T10:00:00Z") };
    const authority = await MandateAuthority.create({
      issuer: "https://auth.test",
      audience: "agents",
      clock: () => clock.now,
    });
    const guard = createGuard({
      authority,
      policy: loadPolicy(POLICY_YAML),
      maxTasks: 1,
      clock: () => clock.now,
    });
    const task = () =>
      authority.issue({ subject: "a", tenant: "t", intent: INTENT, scope: [{ tools: ["*"] }] });
    const search = async (mandate: string) =>
      (await guard.authorize({ mandate, tool: "search", args: { q: "x" } })).effect;
    const tasks = await Promise.all(Array.from({ length: 12 }, task));
    // one task held, ten evicted tasks remembered (10 x maxTasks): the twelfth cannot start
    for (const mandate of tasks.slice(0, 11)) expect(await search(mandate)).toBe("allow");
    expect(await search(tasks[0] as string)).toBe("deny"); // evicted, never a fresh history
    expect(await search(tasks[11] as string)).toBe("deny"); // no room to remember another eviction
    // a day later every mandate of those tasks has expired: the memory is released
    clock.now = new Date(clock.now.getTime() + 24 * 3600_000 + 121_000);
    const fresh = await task();
    expect(await search(fresh)).toBe("allow");
  });
});
