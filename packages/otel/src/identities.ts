import type { TraceEvent } from "@mandate/core";
import { BoundedMap } from "./bounded-map.ts";
import { num, str, threadScoped } from "./event-fields.ts";

/** The mandate an agent acts under, as far as the trace tells. */
export interface AgentIdentity {
  readonly jti: string | undefined;
  readonly depth: number | undefined;
  /** The mandate's `sub`: the agent's workload identity, exported as `gen_ai.agent.id`. */
  readonly subject: string | undefined;
}

/**
 * What the `mandate.*` events teach about agents: each mandate's subject by jti, root mandates
 * issued before their run started, and the mandate each agent of a thread was handed (so an agent
 * resumed after an approval keeps its identity). Bounded.
 */
export class Identities {
  readonly #subjects: BoundedMap<string, string>;
  readonly #issued: BoundedMap<string, TraceEvent>;
  readonly #agents: BoundedMap<string, { readonly identity: AgentIdentity; readonly task?: string }>;

  constructor(limit: number) {
    this.#subjects = new BoundedMap(limit);
    this.#issued = new BoundedMap(Math.min(limit, 1024));
    this.#agents = new BoundedMap(limit);
  }

  /** `mandate.issue` and `mandate.delegate`: who holds which jti. */
  learn(event: TraceEvent): void {
    const jti = str(event, "jti");
    const sub = str(event, "sub");
    if (jti === undefined) return;
    if (sub !== undefined) this.#subjects.set(jti, sub);
    if (event.kind === "mandate.issue") this.#issued.set(jti, event);
  }

  /** The `mandate.issue` event of a run's root mandate, once (it becomes an event of the run span). */
  takeIssue(jti: string | undefined): TraceEvent | undefined {
    if (jti === undefined) return undefined;
    const event = this.#issued.get(jti);
    this.#issued.delete(jti);
    return event;
  }

  of(jti: string | undefined, depth: number | undefined): AgentIdentity {
    return { jti, depth, subject: jti === undefined ? undefined : this.#subjects.get(jti) };
  }

  /** The identity a handoff gave `agent` in `thread`, during the task of root jti `task`. */
  handedTo(
    thread: string | undefined,
    agent: string,
    task: string | undefined,
    handoff: TraceEvent,
  ): AgentIdentity {
    const identity = this.of(str(handoff, "jti"), num(handoff, "depth"));
    this.#agents.set(threadScoped(thread, agent), { identity, task });
    return identity;
  }

  /** The identity `agent` was handed in `thread` earlier in the same task, if any. */
  agentIn(thread: string | undefined, agent: string, task: string | undefined): AgentIdentity | undefined {
    const known = this.#agents.get(threadScoped(thread, agent));
    return known !== undefined && known.task === task ? known.identity : undefined;
  }
}
