import { type BaseMessage, isAIMessage, ToolMessage } from "@langchain/core/messages";
import type { PendingToolCall } from "./screen.ts";

/**
 * The tool calls of the last AIMessage that have no ToolMessage yet: what a tool node would run.
 * Calls without an id cannot be answered by a ToolMessage; they are returned with `missingId` so
 * callers can fail closed instead of letting them through unscreened.
 */
export function pendingToolCalls(messages: readonly BaseMessage[]): {
  readonly calls: PendingToolCall[];
  readonly missingId: boolean;
} {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === undefined || !isAIMessage(message)) continue;
    const candidates: PendingToolCall[] = [];
    let missingId = false;
    for (const tc of message.tool_calls ?? []) {
      if (tc.id === undefined || tc.id === "") {
        missingId = true;
        continue;
      }
      candidates.push({ id: tc.id, name: tc.name, args: asArgs(tc.args) });
    }
    if (candidates.length === 0) return { calls: candidates, missingId };
    const answered = answeredIds(messages, new Set(candidates.map((c) => c.id)));
    return { calls: candidates.filter((c) => !answered.has(c.id)), missingId };
  }
  return { calls: [], missingId: false };
}

/**
 * Which of `wanted` have a ToolMessage anywhere in the history, as ToolNode counts them. Called
 * once per guard pass over a history that grows every turn: the id is read first, so most
 * messages cost one property read instead of a ToolMessage.isInstance check.
 */
function answeredIds(messages: readonly BaseMessage[], wanted: ReadonlySet<string>): Set<string> {
  const answered = new Set<string>();
  for (const m of messages) {
    const id =
      typeof m === "object" && m !== null ? (m as { tool_call_id?: unknown }).tool_call_id : undefined;
    if (typeof id === "string" && wanted.has(id) && ToolMessage.isInstance(m)) answered.add(id);
  }
  return answered;
}

/** The guard and CEL see an object; anything else becomes `{ input }`. */
export function asArgs(args: unknown): Record<string, unknown> {
  if (typeof args === "object" && args !== null && !Array.isArray(args))
    return args as Record<string, unknown>;
  return { input: args };
}
