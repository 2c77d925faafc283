import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { argsHash, jsonlSink, verifyTrace } from "../../src/index.ts";
import { setup } from "./fixtures.ts";

describe("guard trace", () => {
  it("10,000 concurrent authorize/complete pairs land in one JSONL sink as a verifiable chain", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mandate-guard-")), "trace.jsonl");
    const sink = jsonlSink(path);
    const { guard, authority, mandate } = await setup({ sinks: [sink], checkpointEvery: 500 });
    const pairs = 10_000;
    await Promise.all(
      Array.from({ length: pairs }, async (_, i) => {
        const call = { mandate, tool: "search", args: { q: `query ${i}` }, callId: `c${i}` };
        const decision = await guard.authorize(call);
        expect(decision.effect).toBe("allow");
        guard.complete(call, { ok: true, result: { hits: i } });
      }),
    );
    await guard.close();
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    const events = lines.map((l) => JSON.parse(l) as { kind: string; callId?: string });
    const count = (kind: string) => events.filter((e) => e.kind === kind).length;
    expect(count("tool.request")).toBe(pairs);
    expect(count("tool.decision")).toBe(pairs);
    expect(count("tool.result")).toBe(pairs);
    expect(count("policy.load")).toBe(1);
    // One checkpoint per 500 events, plus the final one at close.
    expect(count("trace.checkpoint")).toBe(Math.floor((lines.length - 1) / 500) + 1);
    // Nothing else: exactly three events per pair, the policy load and the checkpoints.
    expect(lines.length).toBe(3 * pairs + 1 + count("trace.checkpoint"));
    expect(guard.stats()).toMatchObject({ decisions: pairs, allowed: pairs, sinkFailures: 0 });
    expect(new Set(events.filter((e) => e.kind === "tool.result").map((e) => e.callId)).size).toBe(pairs);
    const result = await verifyTrace(path, { keys: authority.jwks() });
    expect(result).toMatchObject({ ok: true, events: lines.length });
  }, 120_000);

  it("never writes a token or a redacted value into any event or error", async () => {
    const { guard, sink, authority, mandate } = await setup();
    const secretArgs = {
      to: "a@acme.example",
      password: "hunter2-very-secret",
      apiKey: "sk-live-abcdef123456",
    };
    const child = await guard.delegate(mandate, {
      subject: "agent:mailer",
      scope: [{ tools: ["send_email"] }],
    });
    const tokens = [mandate, child];
    const errors: string[] = [];
    for (const token of [...tokens, `${mandate}x`, mandate.replace(/\.[^.]*$/, ".AAAA")]) {
      const call = { mandate: token, tool: "send_email", args: secretArgs, callId: `s${errors.length}` };
      const d = await guard.authorize(call);
      errors.push(d.reason);
      if (d.effect === "allow")
        guard.complete(call, { ok: false, error: new Error(`smtp said ${secretArgs.password}`) });
    }
    const approvalCall = { mandate, tool: "transfer_funds", args: { amount: 5000, token: "tok-123456789" } };
    const approval = await guard.resolveApproval(approvalCall, {
      approved: true,
      by: "cfo",
      argsHash: argsHash(approvalCall.args),
    });
    tokens.push(approval as string);
    for (const bad of ["", "a.b", `${mandate}.${mandate}`]) {
      await authority.verify(bad).catch((e: Error) => errors.push(e.message));
    }
    await guard.close();
    const haystack = JSON.stringify(sink.events) + errors.join("\n");
    for (const token of tokens) {
      expect(haystack).not.toContain(token);
      for (const segment of token.split(".")) expect(haystack).not.toContain(segment);
    }
    for (const secret of ["hunter2-very-secret", "sk-live-abcdef123456", "tok-123456789"]) {
      expect(haystack).not.toContain(secret);
    }
    expect(haystack).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
  });
});
