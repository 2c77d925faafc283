import { registry } from "@langchain/langgraph/zod";
import { z } from "zod";

/**
 * The state keys Mandate shares with @mandate/langgraph. A parent graph and its subgraphs share
 * channels by key name, so both adapters must spell them exactly like this.
 */
/** The graph's root (holder) mandate: a compact token, LastValue. */
export const MANDATE_KEY = "mandate" as const;
/** Child mandates by agent name, written by handoff tools and merged by key. */
export const MANDATES_KEY = "mandates" as const;

/** The shape of the two channels as a node or tool sees them. */
export interface MandateState {
  readonly mandate?: string | undefined;
  readonly mandates?: Readonly<Record<string, string>> | undefined;
}

// Merge by key: a handoff adds the child's mandate without touching its parent's or its siblings'.
const mergeMandates = (a: Record<string, string>, b: Record<string, string>): Record<string, string> => ({
  ...a,
  ...b,
});

/**
 * The zod state schema for both channels; pass it as a middleware `stateSchema`, or spread its
 * `shape` into a `StateGraph` schema. `mandates` carries a LangGraph reducer through the zod meta
 * registry, so a subgraph that writes back `{ mandates: { x } }` merges instead of overwriting.
 * Tokens in state are checkpointed and visible to tracers: they are signed, short-lived and bound to
 * their task, never a long-lived secret.
 */
export const mandateStateSchema = z.object({
  [MANDATE_KEY]: z.string().optional(),
  [MANDATES_KEY]: z
    .record(z.string(), z.string())
    .default(() => ({}))
    .register(registry, { reducer: { fn: mergeMandates }, default: () => ({}) }),
});

/**
 * The mandate an agent acts under: its own child mandate (`mandates[agentName]`) when a handoff
 * gave it one, else the graph's `mandate`, else `context.mandate` (per-invocation context).
 * `undefined` when there is none: callers deny (fail closed).
 */
export function resolveAgentMandate(
  state: unknown,
  agentName?: string,
  context?: unknown,
): string | undefined {
  const s = isRecord(state) ? state : {};
  if (agentName !== undefined) {
    const mandates = s[MANDATES_KEY];
    if (isRecord(mandates)) {
      const own = mandates[agentName];
      if (typeof own === "string" && own.length > 0) return own;
    }
  }
  const root = s[MANDATE_KEY];
  if (typeof root === "string" && root.length > 0) return root;
  if (isRecord(context)) {
    const fromContext = context[MANDATE_KEY];
    if (typeof fromContext === "string" && fromContext.length > 0) return fromContext;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
