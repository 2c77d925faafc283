import { getConfig } from "@langchain/langgraph";
import { asRecord } from "./state.ts";

/** Where a node or tool runs in the graph; every field is optional (outside a graph: none). */
export interface CallSite {
  /** `lc_agent_name` (createAgent), else the first segment of the checkpoint namespace. */
  readonly agent?: string;
  readonly thread?: string;
  /** The LangChain run id of the hop that called us, so our trace events join that tree. */
  readonly parent?: string;
}

/**
 * Reads the call site from a runnable config, or from the ambient one (`getConfig()`).
 * Why the namespace fallback: the supervisor of `createSupervisor` is a prebuilt
 * `createReactAgent`, which does not set `lc_agent_name`; its checkpoint namespace starts with its
 * node name (`supervisor:<task>|tools:<task>`).
 */
export function callSite(config?: unknown): CallSite {
  const cfg = asRecord(config) ?? ambientConfig();
  if (cfg === undefined) return {};
  const metadata = asRecord(cfg.metadata) ?? {};
  const configurable = asRecord(cfg.configurable) ?? {};
  const ns = str(metadata.langgraph_checkpoint_ns) ?? str(configurable.checkpoint_ns);
  const firstSegment = ns?.split("|")[0]?.split(":")[0];
  const callbacks = asRecord(cfg.callbacks);
  const site: { agent?: string; thread?: string; parent?: string } = {};
  const agent = str(metadata.lc_agent_name) ?? str(firstSegment);
  if (agent !== undefined) site.agent = agent;
  const thread = str(configurable.thread_id) ?? str(metadata.thread_id);
  if (thread !== undefined) site.thread = thread;
  const parent = callbacks === undefined ? undefined : str(callbacks._parentRunId);
  if (parent !== undefined) site.parent = parent;
  return site;
}

function ambientConfig(): Record<string, unknown> | undefined {
  try {
    return asRecord(getConfig());
  } catch {
    return undefined; // not inside a runnable
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
