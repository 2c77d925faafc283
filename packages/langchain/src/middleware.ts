import type { Guard } from "@mandate/core";
import { createMiddleware } from "langchain";
import { pendingApprovalsFor } from "./approval.ts";
import { buildToolCall, currentCallSite } from "./call.ts";
import { enforceToolCall } from "./enforce.ts";
import { errorToolMessage } from "./messages.ts";
import { type MandateMiddlewareOptions, normalizeMiddlewareOptions } from "./options.ts";
import { runAllowedTool } from "./run-tool.ts";
import { mandateStateSchema, resolveAgentMandate } from "./state.ts";

/**
 * Mandate for `createAgent`: every tool call goes through `guard.authorize` first.
 * - deny: an error ToolMessage naming the rule; the tool does not run, the run goes on;
 * - approve: `interrupt()` with an ApprovalPayload, then a single-use approval and one run;
 * - allow: the tool runs; its exceptions come back as error ToolMessages; `guard.complete` after.
 * Tools outside the mandate's scope are not offered to the model at all (`hideTools`).
 * The mandate comes from state (`mandates[agentName]`, then `mandate`) or `context.mandate`.
 */
export function mandateMiddleware(options: MandateMiddlewareOptions) {
  const opts = normalizeMiddlewareOptions(options);
  const pending = pendingApprovalsFor(opts.guard, opts.maxPending);
  const deps = { guard: opts.guard, approvalMode: opts.approvalMode, pending, redactKeys: opts.redactKeys };

  return createMiddleware({
    name: opts.name,
    stateSchema: mandateStateSchema,

    wrapToolCall: async (request, handler) => {
      const { state, runtime } = request;
      const context: unknown = runtime.context;
      const site = currentCallSite();
      const call = buildToolCall({
        toolCall: request.toolCall,
        tool: request.tool,
        state,
        context,
        agentName: opts.agentName,
        site,
        thread: runtime.configurable?.thread_id,
        env: opts.env?.({ state, context }),
      });
      return enforceToolCall(deps, call, {
        refuse: (text, toolCallId) => errorToolMessage(toolCallId, call.tool, text),
        run: (allowed, toolCallId) =>
          runAllowedTool(opts.guard, allowed, toolCallId, async () => handler(request)),
      });
    },

    // Only when hiding: any `wrapModelCall` costs every model call LangChain's re-parse of this
    // middleware's state schema, so a pass-through one would be pure overhead.
    wrapModelCall: opts.hideTools
      ? async (request, handler) => {
          const agentName = opts.agentName ?? currentCallSite().agent;
          const mandate = resolveAgentMandate(request.state, agentName, request.runtime.context);
          const tools = await toolsInScope(opts.guard, mandate, request.tools);
          return handler({ ...request, tools });
        }
      : undefined,
  });
}

/**
 * Keeps the tools this mandate's scope could ever allow (policy conditions are still checked per
 * call). No mandate, no tools. A provider-side (server) tool is kept only if its name is in scope:
 * it never passes through `wrapToolCall`, so hiding it is the only control Mandate has over it.
 */
async function toolsInScope<T>(guard: Guard, mandate: string | undefined, tools: readonly T[]): Promise<T[]> {
  if (mandate === undefined || tools.length === 0) return [];
  const names = tools.map(toolName);
  const allowed = new Set(
    await guard.toolsInScope(
      mandate,
      names.filter((n): n is string => n !== undefined),
    ),
  );
  return tools.filter((_, i) => {
    const name = names[i];
    return name !== undefined && allowed.has(name);
  });
}

function toolName(tool: unknown): string | undefined {
  if (typeof tool !== "object" || tool === null) return undefined;
  const { name, type } = tool as { name?: unknown; type?: unknown };
  if (typeof name === "string") return name;
  return typeof type === "string" ? type : undefined;
}
