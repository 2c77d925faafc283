// Pure helpers that read LangChain callback arguments for MandateTracer.
import { digest } from "@mandate/core";

/** Metadata LangChain passes to callbacks (`lc_agent_name`, `langgraph_*`, `thread_id`, …). */
export type Metadata = Record<string, unknown> | undefined;

/** The agent a hop belongs to: `lc_agent_name`, else the subgraph's node (first namespace segment). */
export function agentOf(metadata: Metadata): string | undefined {
  const named = str(metadata?.lc_agent_name);
  if (named !== undefined) return named;
  const ns = str(metadata?.langgraph_checkpoint_ns);
  // Only a nested namespace ("researcher:<id>|model_request:<id>") names an agent; a top-level one
  // names a node of the graph itself.
  if (ns === undefined || !ns.includes("|")) return undefined;
  return ns.split("|")[0]?.split(":")[0];
}

export function firstGeneration(output: {
  generations?: unknown;
}): { message?: { content?: unknown; tool_calls?: unknown } } | undefined {
  const generations = output?.generations;
  if (!Array.isArray(generations) || !Array.isArray(generations[0])) return undefined;
  return generations[0][0] as { message?: { content?: unknown; tool_calls?: unknown } } | undefined;
}

/** A model's output as hash and size: never the text itself. */
export function sizeOnly(content: unknown): { sha256: string; size: number } | undefined {
  if (content === undefined) return undefined;
  const { sha256, size } = digest(content, { previewChars: 8 }); // the preview is dropped anyway
  return { sha256, size };
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
