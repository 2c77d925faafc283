import type { GuardPolicy, TaskHistory } from "./ports.ts";

/**
 * One history per task, bounded. A task is identified by its root mandate (`chn[0]`, or the jti of
 * a root): every agent of a multi-agent run shares it, so data read by one agent taints egress by
 * another (the confused-deputy path), and no caller-supplied thread id can open a clean history.
 * The map is an LRU so a long-lived guard serving many tasks stays bounded.
 */
export class TaskHistories {
  readonly #policy: GuardPolicy;
  readonly #window: number;
  readonly #maxTasks: number;
  readonly #byTask = new Map<string, TaskHistory>();

  constructor(policy: GuardPolicy, window: number, maxTasks: number) {
    this.#policy = policy;
    this.#window = window;
    this.#maxTasks = maxTasks;
  }

  get(taskId: string): TaskHistory {
    let history = this.#byTask.get(taskId);
    if (history !== undefined) {
      // Refresh recency.
      this.#byTask.delete(taskId);
      this.#byTask.set(taskId, history);
      return history;
    }
    history = this.#policy.createHistory({ window: this.#window });
    this.#byTask.set(taskId, history);
    if (this.#byTask.size > this.#maxTasks) {
      const oldest = this.#byTask.keys().next().value;
      if (oldest !== undefined) this.#byTask.delete(oldest);
    }
    return history;
  }

  get size(): number {
    return this.#byTask.size;
  }
}
