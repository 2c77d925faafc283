import { ToolMessage } from "@langchain/core/messages";

/** The error ToolMessage the model reads as the call's result; the run goes on. */
export function errorToolMessage(toolCallId: string, tool: string, content: string): ToolMessage {
  return new ToolMessage({ status: "error", tool_call_id: toolCallId, name: tool, content });
}

/**
 * A tool's own failure, as the model should see it. The message is the tool's (it chose to say
 * it); the guard's trace keeps only its hash and size.
 */
export function toolFailureText(tool: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `Error: tool "${tool}" failed: ${message}`;
}
