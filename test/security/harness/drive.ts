import { type BaseMessage, HumanMessage } from "@langchain/core/messages";
import { Command, isInterrupted } from "@langchain/langgraph";
import { type ApprovalAnswer, type ApprovalPayload, type Guard, isApprovalPayload } from "@mandate/core";
import { runTask, type TaskGraph } from "@mandate/langgraph";
import type { Approver } from "./human.ts";

const MAX_PAUSES = 40;

interface Pause {
  readonly id: string;
  readonly payload: ApprovalPayload;
}

/** Between a pause and its resume: where a TOCTOU attacker edits the checkpointed tool call. */
export type BeforeResume = (pauses: readonly Pause[]) => Promise<void>;

export interface DriveOptions {
  readonly guard: Guard;
  readonly approver: Approver;
  readonly config: { readonly configurable: { readonly thread_id: string }; readonly recursionLimit: number };
  /** `keyed` (documented): resume by interrupt id. `plain`: one resume value for whatever is pending. */
  readonly resume?: "keyed" | "plain";
  readonly beforeResume?: BeforeResume;
  /** Revoke the root mandate when this step ends (false for every phase but the last). */
  readonly revokeOnEnd: boolean;
}

/**
 * Runs one user message through a graph with the Mandate lifecycle (`runTask`: run.start/run.end,
 * root revoked at the end), answering every approval pause with the approver until the run ends.
 */
export async function drive(
  graph: TaskGraph,
  input: { readonly messages: readonly BaseMessage[] | string; readonly mandate?: string },
  options: DriveOptions,
): Promise<{ readonly messages: readonly BaseMessage[] }> {
  const start =
    typeof input.messages === "string" ? { ...input, messages: [new HumanMessage(input.messages)] } : input;
  const lifecycle = { guard: options.guard, revokeOnEnd: options.revokeOnEnd };
  let out: unknown = await runTask(graph, start as never, options.config as never, lifecycle);
  for (let round = 0; isInterrupted(out); round++) {
    if (round >= MAX_PAUSES) throw new Error("the run kept pausing for approval");
    const pauses = pausesOf(out);
    await options.beforeResume?.(pauses);
    const answers: Record<string, ApprovalAnswer> = {};
    for (const pause of pauses) answers[pause.id] = options.approver.answer(pause.payload);
    const first = pauses[0];
    const resume = options.resume === "plain" && first !== undefined ? answers[first.id] : answers;
    out = await runTask(graph, new Command({ resume }) as never, options.config as never, lifecycle);
  }
  const messages = (out as { messages?: unknown }).messages;
  return { messages: Array.isArray(messages) ? (messages as BaseMessage[]) : [] };
}

function pausesOf(out: unknown): Pause[] {
  const list = (out as { __interrupt__?: { id?: string; value?: unknown }[] }).__interrupt__ ?? [];
  return list.map((i) => {
    if (i.id === undefined || !isApprovalPayload(i.value))
      throw new Error("a pause that is not a Mandate approval");
    return { id: i.id, payload: i.value };
  });
}
