import type { GuardPolicy, TaskHistory } from "./ports.ts";

/** Evicted tasks remembered, per task a guard holds. */
const EVICTED_PER_TASK = 10;
/**
 * How long an evicted task is remembered: longer than any mandate lives (an authority caps
 * lifetimes at 24 h), plus clock tolerance. After that, every mandate of the task has expired.
 */
const EVICTED_RETENTION_MS = (86_400 + 120) * 1000;

/**
 * One history per task, bounded. A task is identified by its root mandate (`chn[0]`, or the jti of
 * a root): every agent of a multi-agent run shares it, so data read by one agent taints egress by
 * another (the confused-deputy path), and no caller-supplied thread id can open a clean history.
 * The map is an LRU so a long-lived guard serving many tasks stays bounded.
 *
 * Eviction must not reset a task's cumulative limits (a fresh history would let its payments start
 * from zero again), so an evicted task is remembered until every mandate it could have has expired,
 * and `get` answers `undefined` for it: the guard denies its calls. That memory is bounded too
 * (ten times the tasks); when it is full of tasks still remembered, `get` answers `undefined` for
 * new tasks as well — fail closed — until the oldest expire.
 */
export class TaskHistories {
  readonly #policy: GuardPolicy;
  readonly #window: number;
  readonly #maxTasks: number;
  readonly #clock: () => Date;
  readonly #byTask = new Map<string, TaskHistory>();
  /** Task id -> when it may be forgotten (ms); insertion order is expiry order. */
  readonly #evicted = new Map<string, number>();

  constructor(policy: GuardPolicy, window: number, maxTasks: number, clock: () => Date) {
    this.#policy = policy;
    this.#window = window;
    this.#maxTasks = maxTasks;
    this.#clock = clock;
  }

  /** The task's history; undefined when it cannot be trusted (evicted, or no room to remember). */
  get(taskId: string): TaskHistory | undefined {
    let history = this.#byTask.get(taskId);
    if (history !== undefined) {
      // Refresh recency.
      this.#byTask.delete(taskId);
      this.#byTask.set(taskId, history);
      return history;
    }
    const now = this.#clock().getTime();
    this.#forgetExpired(now);
    if (this.#evicted.has(taskId)) return undefined;
    if (this.#byTask.size >= this.#maxTasks && this.#evicted.size >= this.#maxTasks * EVICTED_PER_TASK)
      return undefined;
    history = this.#policy.createHistory({ window: this.#window });
    this.#byTask.set(taskId, history);
    if (this.#byTask.size > this.#maxTasks) this.#evictOldest(now);
    return history;
  }

  get size(): number {
    return this.#byTask.size;
  }

  #evictOldest(now: number): void {
    const oldest = this.#byTask.keys().next().value;
    if (oldest === undefined) return;
    this.#byTask.delete(oldest);
    this.#evicted.set(oldest, now + EVICTED_RETENTION_MS);
  }

  #forgetExpired(now: number): void {
    for (const [taskId, until] of this.#evicted) {
      if (until > now) return;
      this.#evicted.delete(taskId);
    }
  }
}
