/**
 * In-memory single-use store for approvals. `useOnce` checks and sets in one synchronous step (no
 * await in between), so two concurrent uses of the same id cannot both win (J-17).
 */
import type { ReplayStore } from "./types.ts";

export interface MemoryReplayStore extends ReplayStore {
  size(): number;
}

export function createMemoryReplayStore(options: { clock?: () => Date } = {}): MemoryReplayStore {
  const clock = options.clock ?? (() => new Date());
  const used = new Map<string, number>();
  const prune = (now: number) => {
    for (const [id, until] of used) if (until < now) used.delete(id);
  };
  let calls = 0;
  return {
    async useOnce(id, until) {
      const now = Math.floor(clock().getTime() / 1000);
      if (++calls % 256 === 0) prune(now);
      if (used.has(id)) return false;
      used.set(id, until);
      return true;
    },
    size() {
      prune(Math.floor(clock().getTime() / 1000));
      return used.size;
    },
  };
}
