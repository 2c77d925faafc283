import type { ToolMessage } from "@langchain/core/messages";
import { type Command, isCommand, isGraphBubbleUp } from "@langchain/langgraph";
import type { Guard, ToolCall } from "@mandate/core";
import { errorToolMessage, toolFailureText } from "./messages.ts";

/**
 * Runs an allowed call and reports its outcome to the guard (`tool.result` / `tool.error`).
 *
 * Why the try/catch: once any `wrapToolCall` exists, LangChain no longer turns a tool's exception
 * into an error ToolMessage; it aborts the whole run (langchainjs PR #11154). So the tool's own
 * failure is returned to the model here. Only LangGraph's control flow (an `interrupt()` inside the
 * tool, a `Command.PARENT` handoff raised as ParentCommand) is rethrown, untouched and not completed:
 * the tool has not finished, it will run again on resume.
 */
export async function runAllowedTool(
  guard: Guard,
  call: ToolCall,
  toolCallId: string,
  run: () => Promise<ToolMessage | Command>,
): Promise<ToolMessage | Command> {
  let result: ToolMessage | Command;
  try {
    result = await run();
  } catch (error) {
    if (isGraphBubbleUp(error)) throw error;
    guard.complete(call, { ok: false, error });
    return errorToolMessage(toolCallId, call.tool, toolFailureText(call.tool, error));
  }
  if (isCommand(result)) {
    // A handoff tool's Command carries the whole message history; trace only where it goes.
    guard.complete(call, { ok: true, result: commandSummary(result) });
    return result;
  }
  if (result.status === "error") {
    guard.complete(call, { ok: false, error: new Error(contentText(result.content)) });
  } else {
    guard.complete(call, { ok: true, result: result.content });
  }
  return result;
}

/** What the trace keeps of a Command: its target, never its state update. */
export function commandSummary(command: Command): { command: true; graph: string | null; goto: string[] } {
  const goto = (Array.isArray(command.goto) ? command.goto : [command.goto])
    .map((g) =>
      typeof g === "string" ? g : typeof g === "object" && g !== null && "node" in g ? String(g.node) : "",
    )
    .filter((g) => g.length > 0);
  return { command: true, graph: command.graph ?? null, goto };
}

function contentText(content: unknown): string {
  return typeof content === "string" ? content : JSON.stringify(content);
}
