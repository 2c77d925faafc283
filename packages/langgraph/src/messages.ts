import { ToolMessage } from "@langchain/core/messages";

/** The error ToolMessage the model reads as the call's result; the run goes on. */
export function errorToolMessage(toolCallId: string, tool: string, content: string): ToolMessage {
  return new ToolMessage({ status: "error", tool_call_id: toolCallId, name: tool, content });
}
