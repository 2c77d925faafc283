import { MandateAuthority, type MandateAuthorityOptions } from "../../src/index.ts";

export const NOW = new Date("2026-11-22T10:00:00Z");
export const NOW_S = NOW.getTime() / 1000;
export const INTENT = { id: "task-1", purpose: "research" };

export async function authority(options: Partial<MandateAuthorityOptions> = {}) {
  const clock = { now: NOW };
  const a = await MandateAuthority.create({
    issuer: "https://auth.test",
    audience: "agents",
    clock: () => clock.now,
    ...options,
  });
  const issue = (over: Record<string, unknown> = {}) =>
    a.issue({
      subject: "agent:a",
      tenant: "acme",
      intent: INTENT,
      scope: [{ tools: ["search"] }],
      delegable: [{ tools: ["*"] }],
      ...over,
    });
  return { a, clock, issue };
}
