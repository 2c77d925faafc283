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
  const answered = new Set(
    messages.filter((m) => ToolMessage.isInstance(m)).map((m) => (m as ToolMessage).tool_call_id),
  );
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === undefined || !isAIMessage(message)) continue;
    const calls: PendingToolCall[] = [];
    let missingId = false;
    for (const tc of message.tool_calls ?? []) {
      if (tc.id === undefined || tc.id === "") {
        missingId = true;
        continue;
      }
      if (!answered.has(tc.id)) calls.push({ id: tc.id, name: tc.name, args: asArgs(tc.args) });
    }
    return { calls, missingId };
  }
  return { calls: [], missingId: false };
}

/** The guard and CEL see an object; anything else becomes `{ input }`. */
export function asArgs(args: unknown): Record<string, unknown> {
  if (typeof args === "object" && args !== null && !Array.isArray(args))
    return args as Record<string, unknown>;
  return { input: args };
}
