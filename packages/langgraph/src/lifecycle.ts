import { randomUUID } from "node:crypto";
import { isCommand, isInterrupted } from "@langchain/langgraph";
import { type Guard, isMandateError } from "@mandate/core";
import { callSite } from "./call-site.ts";
import { assertGuard } from "./options.ts";
import { asRecord, MANDATE_KEY } from "./state.ts";

/** What runTask needs of a compiled graph (a CompiledStateGraph, a supervisor, a swarm…). */
export interface TaskGraph {
  // `never` parameters: any graph's invoke is assignable; runTask forwards the caller's own
  // input and config, which are typed by the graph through InputOf / ConfigOf.
  invoke(input: never, config?: never): Promise<unknown>;
  getState?(config: never): Promise<{ readonly values?: unknown }>;
}
type InputOf<G extends TaskGraph> = Parameters<G["invoke"]>[0];
type ConfigOf<G extends TaskGraph> = Parameters<G["invoke"]>[1];
type OutputOf<G extends TaskGraph> = Awaited<ReturnType<G["invoke"]>>;

export interface TaskLifecycleOptions {
  readonly guard: Guard;
  /**
   * Revoke the task's root mandate when the run ends (default true): every mandate delegated from
   * it dies with it (revocation follows the `chn` chain), so nothing handed out during the task
   * outlives it. A run paused for approval has not ended: nothing is revoked until it finishes.
   */
  readonly revokeOnEnd?: boolean;
}

/**
 * Runs one step of a task: `graph.invoke(input, config)` with `run.start` / `run.end` in the
 * trace and, when the run has ended (completed or failed, not interrupted), the root mandate
 * revoked. The root is `input.mandate`, else the checkpointed `mandate` (a resume), else
 * `context.mandate`. Its `jti` is read before the run, so even a mandate that expires mid-run is
 * revoked by id. A new task needs a new mandate (and, simplest, a new thread).
 */
export async function runTask<G extends TaskGraph>(
  graph: G,
  input: InputOf<G>,
  config: ConfigOf<G>,
  options: TaskLifecycleOptions,
): Promise<OutputOf<G>> {
  const guard = assertGuard(options?.guard, "runTask()");
  const revokeOnEnd = options.revokeOnEnd ?? true;
  if (typeof revokeOnEnd !== "boolean") throw new TypeError("`revokeOnEnd` must be a boolean");
  const site = callSite(config ?? {});
  // Each invoke (a resume too) is one run: its id stamps run.start/run.end and becomes LangChain's
  // root run id, so the callback tracer's agent spans and LangSmith's tree share it.
  const given = asRecord(config)?.runId;
  const run = typeof given === "string" && given.length > 0 ? given : randomUUID();
  const thread = site.thread === undefined ? { run } : { run, thread: site.thread };
  const root = await rootMandate(graph, input, config);
  const jti = root === undefined ? undefined : await jtiOf(guard, root);
  const resumed = isCommand(input);
  guard.record({ kind: "run.start", ...thread, jti: jti ?? null, resumed });

  let output: OutputOf<G>;
  try {
    const runConfig = { ...(asRecord(config) ?? {}), runId: run };
    output = (await graph.invoke(input as never, runConfig as never)) as OutputOf<G>;
  } catch (error) {
    await end(guard, thread, jti, revokeOnEnd, "failed");
    throw error;
  }
  if (isInterrupted(output)) {
    guard.record({ kind: "run.end", ...thread, jti: jti ?? null, status: "interrupted", revoked: false });
    return output;
  }
  await end(guard, thread, jti, revokeOnEnd, "completed");
  return output;
}

/** A graph whose `invoke` is `runTask`: the lifecycle without changing call sites. */
export function withMandateLifecycle<G extends TaskGraph>(
  graph: G,
  options: TaskLifecycleOptions,
): G & { readonly graph: G } {
  assertGuard(options?.guard, "withMandateLifecycle()");
  const invoke = (input: InputOf<G>, config?: ConfigOf<G>) =>
    runTask(graph, input, config as ConfigOf<G>, options);
  // A prototype-linked view: every other method (stream, getState…) is the graph's own.
  return Object.assign(Object.create(graph) as G, { invoke, graph });
}

async function end(
  guard: Guard,
  thread: { run: string; thread?: string },
  jti: string | undefined,
  revokeOnEnd: boolean,
  status: "completed" | "failed",
): Promise<void> {
  const revoke = revokeOnEnd && jti !== undefined;
  if (revoke) await guard.revoke(jti);
  guard.record({ kind: "run.end", ...thread, jti: jti ?? null, status, revoked: revoke });
}

async function rootMandate(graph: TaskGraph, input: unknown, config: unknown): Promise<string | undefined> {
  const given = asRecord(input)?.[MANDATE_KEY];
  if (typeof given === "string" && given.length > 0) return given;
  if (
    typeof graph.getState === "function" &&
    asRecord(asRecord(config)?.configurable)?.thread_id !== undefined
  ) {
    try {
      const snapshot = await graph.getState(config as never);
      const stored = asRecord(snapshot.values)?.[MANDATE_KEY];
      if (typeof stored === "string" && stored.length > 0) return stored;
    } catch {
      // No checkpointer: nothing stored to read.
    }
  }
  const fromContext = asRecord(asRecord(config)?.context)?.[MANDATE_KEY];
  return typeof fromContext === "string" && fromContext.length > 0 ? fromContext : undefined;
}

/** The mandate's id; a mandate that no longer verifies (expired, revoked, forged) has none to revoke. */
async function jtiOf(guard: Guard, mandate: string): Promise<string | undefined> {
  try {
    return (await guard.verify(mandate)).jti;
  } catch (error) {
    if (isMandateError(error)) return undefined;
    throw error;
  }
}
