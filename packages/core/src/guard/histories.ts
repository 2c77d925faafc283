import type { GuardPolicy, TaskHistory } from "./ports.ts";

/** Tasks remembered as evicted, per task a history can hold. */
const EVICTED_PER_TASK = 10;

/**
 * One history per task, bounded. A task is identified by its root mandate (`chn[0]`, or the jti of
 * a root): every agent of a multi-agent run shares it, so data read by one agent taints egress by
 * another (the confused-deputy path), and no caller-supplied thread id can open a clean history.
 * The map is an LRU so a long-lived guard serving many tasks stays bounded.
 *
 * Eviction must not reset a task's cumulative limits (a fresh history would let its payments start
 * from zero again), so an evicted task is remembered and `get` answers `undefined` for it: the
 * guard then denies its calls. That list is bounded too (ten times the tasks), oldest first out;
 * tasks that old have long expired in any real deployment.
 */
export class TaskHistories {
  readonly #policy: GuardPolicy;
  readonly #window: number;
  readonly #maxTasks: number;
  readonly #byTask = new Map<string, TaskHistory>();
  readonly #evicted = new Set<string>();

  constructor(policy: GuardPolicy, window: number, maxTasks: number) {
    this.#policy = policy;
    this.#window = window;
    this.#maxTasks = maxTasks;
  }

  /** The task's history; undefined when it was evicted (its limits can no longer be checked). */
  get(taskId: string): TaskHistory | undefined {
    let history = this.#byTask.get(taskId);
    if (history !== undefined) {
      // Refresh recency.
      this.#byTask.delete(taskId);
      this.#byTask.set(taskId, history);
      return history;
    }
    if (this.#evicted.has(taskId)) return undefined;
    history = this.#policy.createHistory({ window: this.#window });
    this.#byTask.set(taskId, history);
    if (this.#byTask.size > this.#maxTasks) this.#evictOldest();
    return history;
  }

  get size(): number {
    return this.#byTask.size;
  }

  #evictOldest(): void {
    const oldest = this.#byTask.keys().next().value;
    if (oldest === undefined) return;
    this.#byTask.delete(oldest);
    this.#evicted.add(oldest);
    if (this.#evicted.size > this.#maxTasks * EVICTED_PER_TASK) {
      const first = this.#evicted.values().next().value;
      if (first !== undefined) this.#evicted.delete(first);
    }
  }
}
