/**
 * In-memory revocation store. A revoked jti is kept until `until` (epoch seconds): the revoked
 * mandate's exp plus tolerance, after which neither it nor any descendant (whose exp can never be
 * later than its parent's) can verify anyway, so the entry is pruned.
 */
import type { RevocationStore } from "./types.ts";

export interface MemoryRevocationStore extends RevocationStore {
  /** Entries currently kept (after pruning). */
  size(): number;
}

export function createMemoryRevocationStore(
  options: { clock?: () => Date; pruneEvery?: number } = {},
): MemoryRevocationStore {
  const clock = options.clock ?? (() => new Date());
  const pruneEvery = options.pruneEvery ?? 256;
  const revoked = new Map<string, number>();
  let writes = 0;
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);
  const prune = () => {
    const now = nowSeconds();
    for (const [jti, until] of revoked) if (until < now) revoked.delete(jti);
  };
  return {
    async revoke(jti, until) {
      if (typeof jti !== "string" || jti.length === 0) throw new TypeError("revoke() needs a jti");
      if (!Number.isFinite(until)) throw new TypeError("revoke() needs `until` in epoch seconds");
      revoked.set(jti, Math.max(until, revoked.get(jti) ?? 0));
      if (++writes % pruneEvery === 0) prune();
    },
    async anyRevoked(jtis) {
      // Hot path (every cached verify): Map lookups only. A stale entry past `until` still answers
      // "revoked", which is harmless: such tokens are expired already.
      for (const jti of jtis) if (revoked.has(jti)) return true;
      return false;
    },
    size() {
      prune();
      return revoked.size;
    },
  };
}
