import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createGuard,
  type Grant,
  type Guard,
  loadPolicy,
  MandateAuthority,
  memorySink,
  type TraceSink,
} from "../../src/index.ts";

export const POLICY_YAML = readFileSync(
  join(import.meta.dirname, "../../../../test/fixtures/policies/research-assistant.yaml"),
  "utf8",
);

export const INTENT = {
  id: "task-1",
  purpose: "research and report",
  tools: ["search", "read_doc", "send_email", "transfer_funds"],
};

export const NOW = new Date("2026-11-22T10:00:00Z");

export interface Setup {
  authority: MandateAuthority;
  guard: Guard;
  sink: ReturnType<typeof memorySink>;
  mandate: string;
  clock: { now: Date };
}

export async function setup(
  options: {
    mode?: "enforce" | "monitor";
    scope?: Grant[];
    sinks?: TraceSink[];
    checkpointEvery?: number;
  } = {},
): Promise<Setup> {
  const clock = { now: NOW };
  const authority = await MandateAuthority.create({
    issuer: "https://auth.test",
    audience: "agents",
    clock: () => clock.now,
  });
  const sink = memorySink();
  const guard = createGuard({
    authority,
    policy: loadPolicy(POLICY_YAML),
    sinks: [sink, ...(options.sinks ?? [])],
    mode: options.mode ?? "enforce",
    clock: () => clock.now,
    checkpointEvery: options.checkpointEvery ?? 100,
  });
  const mandate = await authority.issue({
    subject: "agent:assistant",
    tenant: "acme",
    intent: INTENT,
    scope: options.scope ?? [{ tools: ["*"] }],
    delegable: [{ tools: ["*"] }],
  });
  return { authority, guard, sink, mandate, clock };
}
