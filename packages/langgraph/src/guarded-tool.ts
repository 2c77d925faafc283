import type { CallbackManagerForToolRun } from "@langchain/core/callbacks/manager";
import {
  DynamicStructuredTool,
  type StructuredToolInterface,
  type ToolSchemaBase,
} from "@langchain/core/tools";
import { type Command, isCommand, isGraphBubbleUp } from "@langchain/langgraph";
import type { Guard, ToolCall } from "@mandate/core";
import { callSite } from "./call-site.ts";
import { callKey, type Ledger } from "./ledger.ts";
import { asRecord } from "./state.ts";

/** The protected method StructuredTool and DynamicStructuredTool both implement. */
type CallImpl = (args: unknown, runManager?: CallbackManagerForToolRun, config?: unknown) => Promise<unknown>;

/** Fields every LangChain tool class has, though StructuredToolInterface does not declare them. */
interface ToolExtras {
  readonly metadata?: Record<string, unknown>;
  readonly tags?: string[];
  readonly verboseParsingErrors?: boolean;
  readonly responseFormat?: string;
}

/**
 * Wraps a tool so it runs only a call the guard cleared (an entry in the ledger, taken once), and
 * reports its outcome with `guard.complete` (the `tool.result` event, and the labels that taint
 * the task). The model sees the same name, description and schema (the very same schema object);
 * the wrapper calls the original's `_call`, so there is one tool run and one validation pass
 * (reference snippet 07). A call nobody cleared is refused by throwing: ToolNode turns that into
 * an error ToolMessage and the original never runs.
 */
export function clearedOnlyTool(
  tool: StructuredToolInterface,
  guard: Guard,
  ledger: Ledger,
): DynamicStructuredTool {
  if (typeof tool !== "object" || tool === null || typeof tool.name !== "string")
    throw new TypeError("createGuardedToolNode() needs LangChain structured tools");
  const callImpl = (tool as unknown as { _call?: unknown })._call;
  if (typeof callImpl !== "function") throw new TypeError(`tool "${tool.name}" has no _call`);
  const original = (callImpl as CallImpl).bind(tool);
  const extras = tool as StructuredToolInterface & ToolExtras;

  return new DynamicStructuredTool<ToolSchemaBase>({
    name: tool.name,
    description: tool.description,
    schema: tool.schema,
    returnDirect: tool.returnDirect,
    responseFormat: extras.responseFormat,
    metadata: extras.metadata,
    tags: extras.tags,
    verboseParsingErrors: extras.verboseParsingErrors,
    func: async (args: unknown, runManager?: CallbackManagerForToolRun, config?: unknown) => {
      const runtime = asRecord(config) ?? {};
      const toolCallId = typeof runtime.toolCallId === "string" ? runtime.toolCallId : "";
      // The same thread the guard pass keyed its decision by (callSite reads both alike).
      const call = ledger.take(callKey(callSite(config).thread, toolCallId), tool.name);
      if (call === undefined) {
        throw new Error(`Mandate: the call to "${tool.name}" was not cleared by the guard; it did not run`);
      }
      return runAndComplete(guard, call, () => original(args, runManager, config));
    },
  });
}

async function runAndComplete(guard: Guard, call: ToolCall, run: () => Promise<unknown>): Promise<unknown> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    // An interrupt() inside the tool is not a failure: LangGraph re-runs it on resume.
    if (!isGraphBubbleUp(error)) guard.complete(call, { ok: false, error });
    throw error;
  }
  guard.complete(call, { ok: true, result: isCommand(result) ? commandSummary(result) : result });
  return result;
}

/** What the trace keeps of a Command (a handoff): where it goes, never its state update. */
export function commandSummary(command: Command): { command: true; graph: string | null; goto: string[] } {
  const goto = (Array.isArray(command.goto) ? command.goto : [command.goto])
    .map((g) =>
      typeof g === "string" ? g : typeof g === "object" && g !== null && "node" in g ? String(g.node) : "",
    )
    .filter((g) => g.length > 0);
  return { command: true, graph: command.graph ?? null, goto };
}
