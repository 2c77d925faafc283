import type { BaseMessage } from "@langchain/core/messages";
import { ToolMessage } from "@langchain/core/messages";
import { DynamicStructuredTool, type ToolSchemaBase } from "@langchain/core/tools";
import { Command, getCurrentTaskInput } from "@langchain/langgraph";
import {
  denialText,
  type Grant,
  type Guard,
  isMandateError,
  MandateError,
  type ToolCall,
} from "@mandate/core";
import { callSite } from "./call-site.ts";
import { errorToolMessage } from "./messages.ts";
import { assertGuard, optionalName } from "./options.ts";
import { authorizeSafely } from "./screen.ts";
import { asRecord, MANDATES_KEY, resolveMandate } from "./state.ts";

/** `@langchain/langgraph-swarm`'s METADATA_KEY_HANDOFF_DESTINATION: createSwarm reads it for `ends`. */
export const HANDOFF_DESTINATION_KEY = "__handoff_destination" as const;

export interface HandoffToolOptions {
  readonly guard: Guard;
  /** The agent (graph node) to hand to; it receives `mandates[agentName]`. */
  readonly agentName: string;
  /** What the child may use: must lie inside the holder's `dlg`, else MANDATE_ESCALATION. */
  readonly scope: readonly Grant[];
  /** What the child may hand on (default: nothing). */
  readonly delegable?: readonly Grant[];
  readonly ttlSeconds?: number;
  /**
   * Tool name (default `transfer_to_<agent>`). In a supervisor use another name, e.g.
   * `delegate_to_<agent>`: createSupervisor always adds its own `transfer_to_*` tools.
   */
  readonly name?: string;
  readonly description?: string;
  /** The holder (handing) agent. Default: `lc_agent_name`, else the first checkpoint-namespace segment. */
  readonly from?: string;
  /** The child's `sub` (default `agent:<agentName>`). */
  readonly subject?: (agentName: string) => string;
  /** Also set `activeAgent` (what createSwarm routes by on the next turn). Set it in a swarm. */
  readonly activeAgent?: boolean;
  /** The holder must itself hold a delegated mandate (`mandates[from]`), not the root. Default false. */
  readonly requireDelegation?: boolean;
  /**
   * Also authorize the handoff call itself (scope + policy) before delegating. Turn it on where no
   * middleware checks tool calls, i.e. the supervisor of createSupervisor (a prebuilt
   * createReactAgent); leave it off under mandateMiddleware, which already checks every call.
   */
  readonly authorize?: boolean;
}

/**
 * A handoff tool that carries authority: it narrows the holder's mandate for the target agent
 * (`guard.delegate`, a signed child with the given scope, depth + 1, within the parent's `exp`)
 * and returns the handoff `Command` with the child in `mandates[agentName]`, next to the messages.
 * The holder's own mandate is untouched. A request the holder may not grant comes back to the
 * model as an error ToolMessage carrying the code (MANDATE_ESCALATION, MANDATE_REVOKED…) and the
 * run goes on with no handoff. Works in createSupervisor (as the supervisor's `tools`) and in
 * createSwarm (it sets the swarm's handoff-destination metadata).
 */
export function createHandoffTool(options: HandoffToolOptions): DynamicStructuredTool {
  if (typeof options !== "object" || options === null)
    throw new TypeError("createHandoffTool() needs options");
  const guard = assertGuard(options.guard, "createHandoffTool()");
  const agentName = optionalName(options.agentName, "agentName");
  if (agentName === undefined) throw new TypeError("createHandoffTool() needs an `agentName`");
  if (!Array.isArray(options.scope)) throw new TypeError("`scope` must be an array of grants");
  const name =
    optionalName(options.name, "name") ??
    `transfer_to_${agentName.trim().replace(/\s+/g, "_").toLowerCase()}`;
  const subjectOf = options.subject ?? ((agent: string) => `agent:${agent}`);
  const from = optionalName(options.from, "from");
  const scope = Object.freeze([...options.scope]);
  const delegable = options.delegable === undefined ? undefined : Object.freeze([...options.delegable]);

  const handoff = new DynamicStructuredTool<ToolSchemaBase>({
    name,
    description: options.description ?? `Hand the task to ${agentName}, with a mandate narrowed to its part.`,
    schema: { type: "object", properties: {} },
    func: async (modelArgs: unknown, _runManager: unknown, config: unknown) => {
      const runtime = asRecord(config) ?? {};
      const toolCallId = String(asRecord(runtime.toolCall)?.id ?? runtime.toolCallId ?? "");
      const site = callSite(config);
      const holderName = from ?? site.agent;
      const input = taskInput();
      const trace = {
        span: toolCallId,
        callId: toolCallId,
        agent: holderName,
        from: holderName ?? null,
        to: agentName,
        tool: name,
      };
      const where = {
        ...(site.thread !== undefined ? { thread: site.thread } : {}),
        ...(site.parent !== undefined ? { parent: site.parent } : {}),
      };
      const holder = resolveMandate(input, holderName, {
        requireDelegation: options.requireDelegation === true,
        context: runtime.context,
      });

      // Where no middleware checks the handoff call itself (a supervisor's createReactAgent), the
      // tool can: the holder's mandate must cover this tool and the policy must allow it.
      const call: ToolCall = {
        mandate: holder ?? "",
        tool: name,
        args: asRecord(modelArgs) ?? {},
        callId: toolCallId,
        ...(holderName !== undefined ? { agent: { id: holderName } } : {}),
        ...where,
      };
      if (options.authorize === true) {
        const decision = await authorizeSafely(guard, call);
        if (decision.effect !== "allow") {
          const refused =
            decision.effect === "approve"
              ? {
                  ...decision,
                  code: "APPROVAL_REQUIRED" as const,
                  reason: `needs approval: ${decision.reason}`,
                }
              : decision;
          return errorToolMessage(toolCallId, name, denialText(name, refused, holder === undefined));
        }
      }

      let child: string;
      try {
        if (holder === undefined) throw new MandateError("MANDATE_MALFORMED", "no mandate to delegate from");
        child = await guard.delegate(holder, {
          subject: subjectOf(agentName),
          scope,
          ...(delegable !== undefined ? { delegable } : {}),
          ...(options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
        });
      } catch (error) {
        if (!isMandateError(error)) throw error;
        const code = error.code;
        guard.record({ kind: "handoff", ...where, ...trace, outcome: "refused", code });
        if (options.authorize === true) guard.complete(call, { ok: false, error });
        const text = `Mandate refused the handoff to "${agentName}": ${error.message} [${code}]. The task stays with you.`;
        return errorToolMessage(toolCallId, name, text);
      }

      const verified = await guard.verify(child);
      const tools = verified.claims.scope.flatMap((g) => [...g.tools]);
      guard.record({
        kind: "handoff",
        ...where,
        ...trace,
        outcome: "delegated",
        jti: verified.jti,
        parentJti: verified.claims.chn.at(-1) ?? null,
        depth: verified.depth,
        tools,
      });
      if (options.authorize === true)
        guard.complete(call, { ok: true, result: { handoff: agentName, jti: verified.jti } });
      const message = new ToolMessage({
        content: `Transferred to ${agentName} with a mandate for: ${tools.join(", ")} (depth ${verified.depth}).`,
        name,
        tool_call_id: toolCallId,
      });
      const messages = (Array.isArray(input.messages) ? input.messages : []) as BaseMessage[];
      return new Command({
        goto: agentName,
        graph: Command.PARENT,
        update: {
          messages: [...messages, message],
          [MANDATES_KEY]: { [agentName]: child },
          ...(options.activeAgent === true ? { activeAgent: agentName } : {}),
        },
      });
    },
  });
  handoff.metadata = { [HANDOFF_DESTINATION_KEY]: agentName };
  return handoff;
}

/** The calling agent's state; outside a graph (a tool invoked by hand) there is none. */
function taskInput(): Record<string, unknown> {
  try {
    return asRecord(getCurrentTaskInput()) ?? {};
  } catch {
    return {};
  }
}
