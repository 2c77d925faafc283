import { Annotation, MessagesAnnotation } from "@langchain/langgraph";

/**
 * The state keys Mandate shares across a graph, its subgraphs and the createAgent middleware of
 * @mandate/langchain. LangGraph shares channels between a parent and a subgraph BY KEY NAME, so
 * both adapters must spell them exactly like this.
 */
/** The graph's root (holder) mandate: a compact token, last value wins. */
export const MANDATE_KEY = "mandate" as const;
/** Child mandates by agent name, written by handoff tools, merged by key. */
export const MANDATES_KEY = "mandates" as const;

/** The two channels as a node, a tool or a handoff sees them. */
export interface MandateGraphState {
  readonly mandate?: string | undefined;
  readonly mandates?: Readonly<Record<string, string>> | undefined;
}

/**
 * Merge by key. Why not last value: a worker subgraph returns its FULL final state to the parent,
 * so a plain channel would let a child's view overwrite its parent's; merging is idempotent
 * (re-applying the same entries changes nothing) and a handoff only ever adds or replaces the
 * entry of the agent it hands to.
 */
export function mergeMandates(
  current: Readonly<Record<string, string>> | undefined,
  update: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  return { ...(current ?? {}), ...(update ?? {}) };
}

/**
 * A new value replaces the mandate; an absent one never erases it. Why: a worker subgraph returns
 * its whole state, and one that never received the mandate returns `mandate: undefined`, which
 * a plain LastValue channel would write over the parent's root.
 */
export function keepMandate(current: string | undefined, update: string | undefined): string | undefined {
  return typeof update === "string" && update.length > 0 ? update : current;
}

/**
 * The channel spec to spread into `Annotation.Root({...})`:
 * `Annotation.Root({ ...MessagesAnnotation.spec, ...MandateAnnotation })`.
 * `mandate` holds the caller's root mandate (last non-empty value): handoffs never write it, so a
 * child's mandate can never replace the parent's on return. Tokens in state are checkpointed and
 * visible to tracers: they are signed, short-lived and task-bound, never a long-lived secret.
 */
export const MandateAnnotation = {
  [MANDATE_KEY]: Annotation<string | undefined>({ reducer: keepMandate, default: () => undefined }),
  [MANDATES_KEY]: Annotation<Record<string, string>>({ reducer: mergeMandates, default: () => ({}) }),
};

/** Messages plus both mandate channels: the state of a hand-built guarded graph or a supervisor. */
export const MandateMessagesAnnotation = Annotation.Root({
  ...MessagesAnnotation.spec,
  ...MandateAnnotation,
});

export interface ResolveMandateOptions {
  /**
   * When true, an agent with no delegated mandate (`mandates[agentName]`) gets none: it must not
   * silently act under its parent's broader mandate. Use it wherever handoffs hand out mandates.
   */
  readonly requireDelegation?: boolean;
  /** Per-invocation context (`{ mandate }`), the last resort for the root mandate. */
  readonly context?: unknown;
}

/**
 * The mandate `agentName` acts under: its own child mandate when a handoff gave it one, else the
 * graph's `mandate` (unless `requireDelegation`), else `context.mandate`. `undefined` when there is
 * none; callers then deny (fail closed).
 */
export function resolveMandate(
  state: unknown,
  agentName?: string,
  options: ResolveMandateOptions = {},
): string | undefined {
  const s = asRecord(state) ?? {};
  if (agentName !== undefined) {
    const own = nonEmpty(asRecord(s[MANDATES_KEY])?.[agentName]);
    if (own !== undefined) return own;
    if (options.requireDelegation === true) return undefined;
  }
  return nonEmpty(s[MANDATE_KEY]) ?? nonEmpty(asRecord(options.context)?.[MANDATE_KEY]);
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
