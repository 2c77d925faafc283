import { describe, expect, it } from "vitest";
import { setup } from "./fixtures.ts";

describe("taint through guard.complete", () => {
  it("allows egress before a confidential read completes and denies it after", async () => {
    const { guard, mandate } = await setup();
    const email = { mandate, tool: "send_email", args: { to: "bob@acme.example", body: "hi" } };
    expect((await guard.authorize({ ...email, callId: "e1" })).effect).toBe("allow");

    const read = { mandate, tool: "read_doc", args: { id: "q3" }, callId: "r1" };
    expect((await guard.authorize(read)).effect).toBe("allow");
    // Decided but not completed: the task has not read the data yet.
    expect((await guard.authorize({ ...email, callId: "e2" })).effect).toBe("allow");

    guard.complete(read, { ok: true, result: "Q3 numbers" });
    const after = await guard.authorize({ ...email, callId: "e3" });
    expect(after).toMatchObject({
      effect: "deny",
      code: "POLICY_DENIED",
      ruleIds: ["no-egress-after-confidential"],
      controls: ["OWASP-ASI02", "NIST-AI-RMF-MANAGE-2.2"],
    });
  });

  it("a failed read adds no taint", async () => {
    const { guard, mandate } = await setup();
    const read = { mandate, tool: "read_doc", args: { id: "q3" }, callId: "r1" };
    await guard.authorize(read);
    guard.complete(read, { ok: false, error: new Error("not found") });
    expect(
      (await guard.authorize({ mandate, tool: "send_email", args: { to: "x@acme.example" } })).effect,
    ).toBe("allow");
  });

  it("taint is shared by every agent of one task (same root mandate)", async () => {
    const { guard, mandate } = await setup();
    const researcher = await guard.delegate(mandate, {
      subject: "agent:researcher",
      scope: [{ tools: ["read_doc"] }],
    });
    const mailer = await guard.delegate(mandate, {
      subject: "agent:mailer",
      scope: [{ tools: ["send_email"] }],
    });
    const read = { mandate: researcher, tool: "read_doc", args: { id: "q3" }, callId: "r1" };
    expect((await guard.authorize(read)).effect).toBe("allow");
    guard.complete(read, { ok: true, result: "secret numbers" });
    const send = await guard.authorize({
      mandate: mailer,
      tool: "send_email",
      args: { to: "x@evil.example" },
    });
    expect(send).toMatchObject({ effect: "deny", ruleIds: ["no-egress-after-confidential"] });
  });
});

describe("monitor mode", () => {
  it("lets a denied call proceed and marks in the trace what would have been blocked", async () => {
    const { guard, sink, mandate } = await setup({ mode: "monitor" });
    const d = await guard.authorize({ mandate, tool: "shell_exec", args: {}, callId: "m1" });
    expect(d).toMatchObject({
      effect: "allow",
      enforcedEffect: "deny",
      monitored: true,
      code: "POLICY_DENIED",
    });
    const decision = sink.events.find((e) => e.kind === "tool.decision" && e.callId === "m1");
    expect(decision).toMatchObject({ effect: "allow", enforcedEffect: "deny", monitor: true });
  });

  it("still refuses a mandate that does not verify", async () => {
    const { guard } = await setup({ mode: "monitor" });
    const d = await guard.authorize({ mandate: "x.y.z", tool: "search", args: {} });
    expect(d).toMatchObject({ effect: "deny", code: "MANDATE_MALFORMED" });
  });
});
