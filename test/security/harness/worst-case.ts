import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ModelInput, NextTurn } from "./scripted-model.ts";
import type { Turn } from "./types.ts";

/** One user message's worth of work: the tool turns, then the answer. */
export interface Phase {
  readonly task: readonly Turn[];
  readonly final: string;
}

/** What one agent does, scripted. */
export interface AgentPlan {
  /** One phase per user message (a session can have follow-ups). */
  readonly phases: readonly Phase[];
  /** What the agent does once it has SEEN the injected text: after that phase's task turns. */
  readonly attack?: readonly Turn[];
  /** A compromised agent repeats the injected text in its answer (how it crosses a handoff). */
  readonly relay?: boolean;
}

/**
 * The worst-case model of AgentDojo's threat model, as a script: it does the user's task turn by
 * turn, and as soon as the injected text is anywhere in its context (a tool result, a peer's
 * message, a tool description) it obeys it, after finishing the task of that phase. It never
 * "knows" the injection otherwise: if the text never reaches the model, it never acts on it.
 * Message and tool call ids are explicit and unique per agent (fake-model id collisions replace
 * messages in a shared `messages` channel; reference pitfall).
 */
export function worstCaseScript(agent: string, plan: AgentPlan, injection: string | undefined): NextTurn {
  let calls = 0;
  let phase = 0;
  let step = 0;
  let attackStep = 0;
  const attack = plan.attack ?? [];

  return (input: ModelInput): AIMessage => {
    calls++;
    const current = plan.phases[phase];
    if (current !== undefined && step < current.task.length) {
      return turnMessage(agent, calls, current.task[step++] ?? []);
    }
    const seen = injection !== undefined && sees(input, injection);
    if (seen && attackStep < attack.length) {
      return turnMessage(agent, calls, attack[attackStep++] ?? []);
    }
    const final = current?.final ?? "Nothing more to do.";
    phase++;
    step = 0;
    const relayed = plan.relay === true && seen ? `\n\n${injection}` : "";
    return new AIMessage({ id: `${agent}-m${calls}`, content: `${final}${relayed}` });
  };
}

function turnMessage(agent: string, n: number, turn: Turn): AIMessage {
  return new AIMessage({
    id: `${agent}-m${n}`,
    content: "",
    tool_calls: turn.map((c, k) => ({
      id: c.id ?? `${agent}-${n}-${k}`,
      name: c.tool,
      args: { ...c.args },
      type: "tool_call" as const,
    })),
  });
}

function sees(input: ModelInput, injection: string): boolean {
  return (
    input.messages.some((m) => textOf(m).includes(injection)) ||
    input.tools.some((t) => descriptionOf(t).includes(injection))
  );
}

function textOf(message: BaseMessage): string {
  return typeof message.content === "string" ? message.content : JSON.stringify(message.content);
}

/** A bound tool's description: a LangChain tool, or an OpenAI-style `{ function: { description } }`. */
function descriptionOf(tool: unknown): string {
  if (typeof tool !== "object" || tool === null) return "";
  const t = tool as { description?: unknown; function?: { description?: unknown } };
  if (typeof t.description === "string") return t.description;
  return typeof t.function?.description === "string" ? t.function.description : "";
}
