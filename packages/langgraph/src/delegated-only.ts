import { asRecord, MANDATE_KEY, MANDATES_KEY } from "./state.ts";

/** What a createSupervisor worker is: a named compiled graph the supervisor calls `invoke` on. */
export interface WorkerGraph {
  readonly name?: string;
  invoke(input: never, config?: never): Promise<unknown>;
}

/**
 * Makes a supervisor worker fail closed: it sees the graph's root `mandate` only through the
 * handoff that delegated to it (`mandates[name]`). Reached any other way (the stock
 * `transfer_to_*` tools createSupervisor always adds), it gets no mandate at all, so
 * `mandateMiddleware` denies every call instead of acting under the supervisor's broader authority.
 *
 * How: `createSupervisor` runs a worker with `worker.invoke(supervisorState, config)` and writes
 * the worker's whole output back; this view drops `mandate` from that input when `mandates[name]`
 * is missing, and drops it from the output too (the worker's schema would return it as
 * `undefined`, erasing the supervisor's own mandate). Everything else is
 * the worker's own (a prototype-linked view). For createSupervisor workers; a swarm adds its
 * agents as subgraph nodes and does not go through `invoke`.
 */
export function requireDelegatedMandate<G extends WorkerGraph>(
  worker: G,
  options: { agentName?: string } = {},
): G {
  if (typeof worker?.invoke !== "function")
    throw new TypeError("requireDelegatedMandate() needs a compiled graph");
  const agentName = options.agentName ?? worker.name;
  if (typeof agentName !== "string" || agentName.length === 0)
    throw new TypeError(
      "requireDelegatedMandate() needs a named worker (createAgent({ name }) or `agentName`)",
    );
  const invoke = async (input: unknown, config?: unknown) => {
    const narrowed = withoutRootUnlessDelegated(input, agentName);
    const output = await worker.invoke(narrowed as never, config as never);
    const out = asRecord(output);
    if (narrowed === input || out === undefined) return output;
    const { [MANDATE_KEY]: _none, ...rest } = out;
    return rest;
  };
  return Object.assign(Object.create(worker) as G, { invoke });
}

function withoutRootUnlessDelegated(input: unknown, agentName: string): unknown {
  const state = asRecord(input);
  if (state === undefined || !(MANDATE_KEY in state)) return input;
  const own = asRecord(state[MANDATES_KEY])?.[agentName];
  if (typeof own === "string" && own.length > 0) return input;
  const { [MANDATE_KEY]: _root, ...rest } = state;
  return rest;
}
