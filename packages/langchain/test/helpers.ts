import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AIMessage, type BaseMessage, ToolMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { tool } from "@langchain/core/tools";
import {
  createGuard,
  type Grant,
  type Guard,
  loadPolicy,
  MandateAuthority,
  memorySink,
  type TraceEvent,
} from "@mandate/core";
import { vi } from "vitest";
import { z } from "zod";

export const POLICY_YAML = readFileSync(join(import.meta.dirname, "fixtures/policy.yaml"), "utf8");

export const INTENT = {
  id: "task-lc",
  purpose: "research and report",
  tools: ["search", "read_doc", "send_email", "transfer_funds", "flaky"],
};

export interface Setup {
  readonly authority: MandateAuthority;
  readonly guard: Guard;
  readonly sink: ReturnType<typeof memorySink>;
  readonly mandate: string;
}

/** A real authority (Ed25519, jose), the YAML policy, a memory sink: no mock guard anywhere. */
export async function setup(options: { scope?: Grant[]; mode?: "enforce" | "monitor" } = {}): Promise<Setup> {
  const authority = await MandateAuthority.create({ issuer: "https://auth.test", audience: "agents" });
  const sink = memorySink();
  const guard = createGuard({
    authority,
    policy: loadPolicy(POLICY_YAML),
    sinks: [sink],
    mode: options.mode ?? "enforce",
  });
  const mandate = await authority.issue({
    subject: "agent:assistant",
    tenant: "acme",
    intent: INTENT,
    scope: options.scope ?? [{ tools: ["*"] }],
    delegable: [{ tools: ["*"] }],
  });
  return { authority, guard, sink, mandate };
}

/** An AI turn with tool calls; explicit message ids, so several models never collide. */
export function callTools(
  id: string,
  calls: { name: string; args: Record<string, unknown>; id: string }[],
): AIMessage {
  return new AIMessage({
    id,
    content: "",
    tool_calls: calls.map((c) => ({ ...c, type: "tool_call" as const })),
  });
}

export function say(id: string, text: string): AIMessage {
  return new AIMessage({ id, content: text });
}

/** A scripted model: a FIFO of turns. */
export function scripted(...turns: AIMessage[]) {
  let model = fakeModel();
  for (const turn of turns) model = model.respond(turn);
  return model;
}

/** A tool whose implementation is a vitest spy: the key assertion is how often it ran. */
export function spyTool<S extends z.ZodObject>(
  name: string,
  schema: S,
  impl: (args: z.infer<S>) => string | Promise<string> = () => `${name} ok`,
) {
  const fn = vi.fn(impl);
  const t = tool(async (args: z.infer<S>) => fn(args), { name, description: `The ${name} tool.`, schema });
  return { tool: t, fn };
}

export const schemas = {
  search: z.object({ q: z.string().describe("what to look for") }),
  readDoc: z.object({ id: z.string() }),
  sendEmail: z.object({ to: z.string(), body: z.string() }),
  transfer: z.object({ amount: z.number(), to: z.string() }),
};

export function toolMessages(messages: readonly BaseMessage[]): ToolMessage[] {
  return messages.filter((m): m is ToolMessage => ToolMessage.isInstance(m));
}

export function eventsFor(events: readonly TraceEvent[], callId: string): TraceEvent[] {
  return events.filter((e) => e.callId === callId);
}

export function kindsFor(events: readonly TraceEvent[], callId: string): string[] {
  return eventsFor(events, callId).map((e) => e.kind);
}
