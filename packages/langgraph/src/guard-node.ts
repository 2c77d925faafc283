import type { BaseMessage } from "@langchain/core/messages";
import { Command, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ledgerFor } from "./ledger.ts";
import { type GuardNodeBaseOptions, normalizeScreenOptions, optionalName } from "./options.ts";
import { pendingToolCalls } from "./pending.ts";
import { screenToolCalls } from "./screen.ts";

export interface GuardNodeOptions extends GuardNodeBaseOptions {
  /** The node that runs tools (default "tools"). Use `createGuardedToolNode` there. */
  readonly toolsNode?: string;
  /** The node that calls the model (default "agent"): where the run goes when nothing may run. */
  readonly modelNode?: string;
  /** The tools, when the policy pins definitions (`pin:`); only their definitions are read. */
  readonly tools?: readonly unknown[];
}

/** A node's function as `StateGraph.addNode` takes it. */
export type GuardNode = (
  state: { readonly messages: readonly BaseMessage[] },
  config?: LangGraphRunnableConfig,
) => Promise<Command>;

/**
 * A node for hand-built graphs, between the model node and the tool node:
 *
 *   .addNode("guard", createGuardNode({ guard }), { ends: ["tools", "agent"] })
 *   .addConditionalEdges("agent", (s) => hasToolCalls(s) ? "guard" : END)
 *   .addNode("tools", createGuardedToolNode(tools, guard)).addEdge("tools", "agent")
 *
 * For each pending tool call of the last AIMessage it asks the guard:
 * - deny: an error ToolMessage answers the call (ToolNode skips answered calls), so the tool runs
 *   zero times and the model reads why;
 * - approve: `interrupt()` with an ApprovalPayload, one per call in call order; resume each with
 *   `new Command({ resume: { [interrupt.id]: { approved: true, by } } })`. An approved call gets a
 *   single-use approval grant and is authorized once more, which consumes it;
 * - allow: the call is cleared for the tool node, which runs it once and reports its result.
 * Then `Command({ update: { messages: refusals }, goto })`: the tool node when anything may run,
 * else back to the model. Decisions made before a pause are reused on resume, so the trace has
 * each request and decision once.
 *
 * A plain `ToolNode` also works after it, but then the guard never learns results: no
 * `tool.result` events and no taint from what the tools read. Prefer `createGuardedToolNode`.
 */
export function createGuardNode(options: GuardNodeOptions): GuardNode {
  const opts = normalizeScreenOptions(options, "createGuardNode()", options?.tools ?? []);
  const toolsNode = optionalName(options.toolsNode, "toolsNode") ?? "tools";
  const modelNode = optionalName(options.modelNode, "modelNode") ?? "agent";
  const ledger = ledgerFor(opts.guard);

  return async function mandateGuard(state, config) {
    const { calls, missingId } = pendingToolCalls(state.messages ?? []);
    // A call without an id cannot be answered or cleared; a plain ToolNode would run it unscreened.
    if (missingId) return new Command({ goto: modelNode });
    const { refused, allowed } = await screenToolCalls(opts, ledger, state, config, calls);
    const goto = allowed.length > 0 ? toolsNode : modelNode;
    // No update when nothing was refused: even an empty `messages` write runs the messages
    // reducer over the whole history (and versions the channel), every turn.
    return refused.length > 0 ? new Command({ update: { messages: refused }, goto }) : new Command({ goto });
  };
}
