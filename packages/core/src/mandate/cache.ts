/**
 * Verified-token cache: a bounded LRU (Map insertion order) keyed by the sha256 of the exact token
 * string, so a re-spelled token (J-10) never hits. An entry is only a memo of the signature and
 * schema checks: time, audience and revocation are re-checked on every hit by the caller.
 * Hashing a token costs more than the rest of a hit, and an agent presents the same few mandates
 * call after call, so the keys of the most recent tokens are remembered by exact token string
 * (a small bounded map: its memory is a few tokens, not the whole cache's worth).
 */
import { createHash } from "node:crypto";
import type { VerifiedMandate } from "./types.ts";

export const DEFAULT_CACHE_SIZE = 10_000;
const RECENT_KEYS = 64;

export interface VerifiedCache {
  get(token: string): VerifiedMandate | undefined;
  set(token: string, verified: VerifiedMandate): void;
  delete(token: string): void;
  readonly size: number;
}

export function createVerifiedCache(maxEntries: number = DEFAULT_CACHE_SIZE): VerifiedCache {
  if (!Number.isInteger(maxEntries) || maxEntries < 0)
    throw new TypeError("cache size must be an integer >= 0");
  const entries = new Map<string, VerifiedMandate>();
  const recentKeys = new Map<string, string>();
  const cacheKey = (token: string): string => {
    let key = recentKeys.get(token);
    if (key === undefined) {
      key = createHash("sha256").update(token).digest("base64url");
      recentKeys.set(token, key);
      if (recentKeys.size > RECENT_KEYS) recentKeys.delete(recentKeys.keys().next().value as string);
    }
    return key;
  };
  return {
    get(token) {
      if (maxEntries === 0) return undefined;
      const key = cacheKey(token);
      const hit = entries.get(key);
      if (hit === undefined) return undefined;
      // Refresh recency; the jti is stored too so a key collision on a different token is impossible to exploit.
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    },
    set(token, verified) {
      if (maxEntries === 0) return;
      const key = cacheKey(token);
      entries.delete(key);
      entries.set(key, verified);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    delete(token) {
      entries.delete(cacheKey(token));
    },
    get size() {
      return entries.size;
    },
  };
}
