import { getConfig } from "@langchain/langgraph";
import type { ToolCall } from "@mandate/core";
import { toolDefinition } from "./definition.ts";
import { resolveAgentMandate } from "./state.ts";

/** Where the call comes from in the run tree; read from the LangGraph config, never required. */
export interface CallSite {
  readonly agent?: string;
  readonly thread?: string;
  readonly run?: string;
  /** The LangChain run id of the hop that runs the tool (the `tools` node's run). */
  readonly parent?: string;
  readonly ns?: string;
}

/**
 * Reads agent name, thread, run and parent run from the current LangGraph config. Every field is
 * optional: outside a graph (a tool invoked by hand) there is no config and the call still goes
 * through the guard, just with fewer trace fields.
 */
export function currentCallSite(config?: unknown): CallSite {
  const cfg = asRecord(config) ?? safeGetConfig();
  if (cfg === undefined) return {};
  const metadata = asRecord(cfg.metadata) ?? {};
  const configurable = asRecord(cfg.configurable) ?? {};
  const ns = str(metadata.langgraph_checkpoint_ns) ?? str(configurable.checkpoint_ns);
  // The CallbackManager holds the id of the run that invoked this node; LangChain run ids are what
  // LangSmith and MandateTracer use as spans, so the guard's events join that tree.
  const callbacks = asRecord(cfg.callbacks);
  return compact({
    agent: str(metadata.lc_agent_name),
    thread: str(configurable.thread_id) ?? str(metadata.thread_id),
    run: str(metadata.run_id),
    parent: callbacks === undefined ? undefined : str(callbacks._parentRunId),
    ns,
  });
}

export interface BuildCallInput {
  readonly toolCall: { readonly id?: string | undefined; readonly name: string; readonly args: unknown };
  readonly tool: unknown;
  readonly state: unknown;
  readonly context?: unknown;
  /** The agent's name: picks `mandates[agentName]`, and names the agent in the trace. */
  readonly agentName?: string | undefined;
  readonly site: CallSite;
  readonly thread?: string | undefined;
  readonly env?: Readonly<Record<string, unknown>> | undefined;
  readonly mandate?: string | undefined;
}

/**
 * The guard's view of one tool call. A missing mandate becomes `""`: the guard then denies it with
 * its MandateError code and traces the attempt, so "no mandate" is one more denial, fail closed.
 */
export function buildToolCall(input: BuildCallInput): ToolCall {
  const agentName = input.agentName ?? input.site.agent;
  const mandate = input.mandate ?? resolveAgentMandate(input.state, agentName, input.context) ?? "";
  const args = asRecord(input.toolCall.args) ?? {};
  const definition = toolDefinition(input.tool);
  return compact({
    mandate,
    tool: input.toolCall.name,
    args,
    callId: input.toolCall.id,
    agent: agentName === undefined ? undefined : { id: agentName },
    thread: input.thread ?? input.site.thread,
    run: input.site.run,
    parent: input.site.parent,
    env: input.env,
    definition,
  }) as ToolCall;
}

function safeGetConfig(): Record<string, unknown> | undefined {
  try {
    return asRecord(getConfig());
  } catch {
    return undefined; // not inside a runnable: no config to read
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** Drops undefined fields so the trace and the frozen call carry only what is known. */
function compact<T extends Record<string, unknown>>(value: T): T {
  // Runs per tool call: one pass, no entries arrays (and no `delete`, which slows the object down).
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}
