import type { CallbackManagerForToolRun } from "@langchain/core/callbacks/manager";
import type { ToolSchemaBase } from "@langchain/core/tools";
import { DynamicStructuredTool, type StructuredToolInterface } from "@langchain/core/tools";
import { isCommand, isGraphBubbleUp } from "@langchain/langgraph";
import type { Guard, ToolCall } from "@mandate/core";
import { pendingApprovalsFor } from "./approval.ts";
import { buildToolCall, currentCallSite } from "./call.ts";
import { enforceToolCall } from "./enforce.ts";
import { assertGuard, type EnvProvider, optionalName } from "./options.ts";
import { commandSummary } from "./run-tool.ts";

/** The parts of LangChain's ToolRuntime (the tool function's config) that guardTool reads. */
export interface GuardToolRuntime {
  readonly state?: unknown;
  readonly context?: unknown;
  readonly toolCallId?: string;
  readonly configurable?: Readonly<Record<string, unknown>>;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface GuardToolOptions {
  /** The agent using the tool: picks `mandates[agentName]` from state, names it in the trace. */
  readonly agentName?: string;
  /** Where the mandate comes from when it is not in state (`mandate` / `mandates`) or context. */
  readonly getMandate?: (runtime: GuardToolRuntime) => string | undefined | Promise<string | undefined>;
  readonly env?: EnvProvider;
  /** `interrupt` (default) pauses for approval like the middleware; `deny` refuses such calls. */
  readonly approval?: "interrupt" | "deny";
}

/** Fields every LangChain tool class has, though StructuredToolInterface does not declare them. */
interface ToolExtras {
  readonly metadata?: Record<string, unknown>;
  readonly tags?: string[];
  readonly verboseParsingErrors?: boolean;
  readonly responseFormat?: string;
}

/** The protected method both StructuredTool and DynamicStructuredTool implement. */
type CallImpl = (args: unknown, runManager?: CallbackManagerForToolRun, config?: unknown) => Promise<unknown>;

/**
 * Wraps any structured tool so the guard decides before it runs, for graphs without the middleware
 * (a plain `ToolNode`, a supervisor's own tools). The model sees the same name, description and
 * schema; the wrapper calls the original's `_call`, so there is one tool run (one callback span)
 * and one validation pass per call. A refusal is thrown as a plain Error naming the rule, which
 * `ToolNode` returns to the model as an error ToolMessage; the original never runs.
 */
export function guardTool(
  tool: StructuredToolInterface,
  guard: Guard,
  options: GuardToolOptions = {},
): DynamicStructuredTool {
  assertGuard(guard, "guardTool()");
  if (typeof tool !== "object" || tool === null || typeof tool.name !== "string")
    throw new TypeError("guardTool() needs a LangChain structured tool");
  const callImpl = (tool as unknown as { _call?: unknown })._call;
  if (typeof callImpl !== "function") throw new TypeError(`guardTool(): tool "${tool.name}" has no _call`);
  const agentName = optionalName(options.agentName, "agentName");
  if (options.getMandate !== undefined && typeof options.getMandate !== "function")
    throw new TypeError("`getMandate` must be a function");
  const approvalMode = options.approval ?? "interrupt";
  if (approvalMode !== "interrupt" && approvalMode !== "deny")
    throw new TypeError('`approval` must be "interrupt" or "deny"');
  const deps = { guard, approvalMode, pending: pendingApprovalsFor(guard, 1000) } as const;
  const original = (callImpl as CallImpl).bind(tool);
  const extras = tool as StructuredToolInterface & ToolExtras;

  return new DynamicStructuredTool<ToolSchemaBase>({
    name: tool.name,
    description: tool.description,
    // The very same schema object: the model-facing definition cannot drift from the original's.
    schema: tool.schema,
    returnDirect: tool.returnDirect,
    responseFormat: extras.responseFormat,
    metadata: extras.metadata,
    tags: extras.tags,
    verboseParsingErrors: extras.verboseParsingErrors,
    func: async (args: unknown, runManager?: CallbackManagerForToolRun, config?: unknown) => {
      const runtime = (typeof config === "object" && config !== null ? config : {}) as GuardToolRuntime;
      const mandate = (await options.getMandate?.(runtime)) ?? undefined;
      const call = buildToolCall({
        toolCall: { id: runtime.toolCallId, name: tool.name, args: asArgs(args) },
        tool,
        state: runtime.state,
        context: runtime.context,
        agentName,
        site: currentCallSite(config),
        env: options.env?.({ state: runtime.state, context: runtime.context }),
        mandate,
      });
      return enforceToolCall(deps, call, {
        refuse: (text) => {
          throw new Error(text);
        },
        run: (allowed) => runOriginal(guard, allowed, () => original(args, runManager, config)),
      });
    },
  });
}

/** `guardTool` for each tool, with the same guard and options. */
export function guardTools(
  tools: readonly StructuredToolInterface[],
  guard: Guard,
  options: GuardToolOptions = {},
): DynamicStructuredTool[] {
  if (!Array.isArray(tools)) throw new TypeError("guardTools() needs an array of tools");
  return tools.map((t) => guardTool(t, guard, options));
}

/** Runs the original and reports its outcome; its errors propagate so ToolNode handles them as usual. */
async function runOriginal(guard: Guard, call: ToolCall, run: () => Promise<unknown>): Promise<unknown> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    // An interrupt() inside the tool is not a failure: the tool runs again on resume.
    if (!isGraphBubbleUp(error)) guard.complete(call, { ok: false, error });
    throw error;
  }
  guard.complete(call, { ok: true, result: isCommand(result) ? commandSummary(result) : result });
  return result;
}

/** The guard and CEL see an object; a string-input tool's argument becomes `{ input }`. */
function asArgs(args: unknown): Record<string, unknown> {
  if (typeof args === "object" && args !== null && !Array.isArray(args))
    return args as Record<string, unknown>;
  return { input: args };
}
