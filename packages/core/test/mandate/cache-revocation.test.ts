import { describe, expect, it } from "vitest";
import {
  createMemoryReplayStore,
  createMemoryRevocationStore,
  createVerifiedCache,
  type VerifiedMandate,
} from "../../src/index.ts";
import { authority, NOW_S } from "./fixtures.ts";

const fake = (jti: string) => ({ jti }) as unknown as VerifiedMandate;

describe("verified-token cache", () => {
  it("is a bounded LRU keyed by the exact token", () => {
    const cache = createVerifiedCache(2);
    cache.set("t1", fake("1"));
    cache.set("t2", fake("2"));
    expect(cache.get("t1")?.jti).toBe("1"); // t1 now most recent
    cache.set("t3", fake("3"));
    expect(cache.get("t2")).toBeUndefined();
    expect(cache.get("t1")?.jti).toBe("1");
    expect(cache.get("t3")?.jti).toBe("3");
    expect(cache.get("t3 ")).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.delete("t1");
    expect(cache.get("t1")).toBeUndefined();
  });

  it("size 0 disables it", () => {
    const cache = createVerifiedCache(0);
    cache.set("t", fake("1"));
    expect(cache.get("t")).toBeUndefined();
    expect(() => createVerifiedCache(-1)).toThrow(TypeError);
  });

  it("a cache hit skips the signature check but still checks time, audience and revocation", async () => {
    const { a, clock, issue } = await authority();
    const token = await issue();
    const first = await a.verify(token);
    expect(await a.verify(token)).toBe(first); // the same frozen object: served from the cache
    clock.now = new Date((NOW_S + 400) * 1000);
    await expect(a.verify(token)).rejects.toMatchObject({ code: "MANDATE_EXPIRED" });
    clock.now = new Date(NOW_S * 1000);
    await a.revoke(first.jti);
    await expect(a.verify(token)).rejects.toMatchObject({ code: "MANDATE_REVOKED" });
  });

  it("an uncached authority (cacheSize 0) returns equal but fresh results", async () => {
    const { a, issue } = await authority({ cacheSize: 0 });
    const token = await issue();
    const one = await a.verify(token);
    const two = await a.verify(token);
    expect(two).not.toBe(one);
    expect(two).toEqual(one);
  });
});

describe("revocation store", () => {
  it("answers anyRevoked over a list, keeps entries until `until`, then prunes", async () => {
    const clock = { now: new Date(NOW_S * 1000) };
    const store = createMemoryRevocationStore({ clock: () => clock.now });
    await store.revoke("a", NOW_S + 100);
    expect(await store.anyRevoked(["x", "a"])).toBe(true);
    expect(await store.anyRevoked(["x", "y"])).toBe(false);
    expect(await store.anyRevoked([])).toBe(false);
    expect(store.size()).toBe(1);
    clock.now = new Date((NOW_S + 101) * 1000);
    expect(store.size()).toBe(0);
    await expect(store.revoke("", 1)).rejects.toThrow(TypeError);
  });

  it("authority.revoke keeps the entry until the revoked mandate's exp + tolerance", async () => {
    const revocations = createMemoryRevocationStore();
    const calls: [string, number][] = [];
    const spy = {
      revoke: async (j: string, u: number) => {
        calls.push([j, u]);
        await revocations.revoke(j, u);
      },
      anyRevoked: revocations.anyRevoked,
    };
    const events: unknown[] = [];
    const { a, issue } = await authority({ revocations: spy, onEvent: (e) => events.push(e) });
    const token = await issue({ ttlSeconds: 60 });
    const { jti } = await a.verify(token);
    await a.revoke(jti);
    expect(calls).toEqual([[jti, NOW_S + 60 + 5]]);
    expect(events).toEqual([
      {
        kind: "mandate.issue",
        jti,
        sub: "agent:a",
        depth: 0,
        exp: NOW_S + 60,
        intent: "task-1",
        tnt: "acme",
      },
      { kind: "mandate.revoke", jti },
    ]);
    const unknown = "AAAAAAAAAAAAAAAAAAAAAA";
    await a.revoke(unknown);
    expect(calls[1]).toEqual([unknown, NOW_S + 3600 + 5 + 5]);
  });

  it("onEvent failures never break minting; events carry no token", async () => {
    const seen: string[] = [];
    const { a, issue } = await authority({
      onEvent: (e) => {
        seen.push(JSON.stringify(e));
        throw new Error("sink down");
      },
    });
    const token = await issue();
    const child = await a.delegate(token, { subject: "agent:b", scope: [{ tools: ["search"] }] });
    expect(seen).toHaveLength(2);
    expect(JSON.parse(seen[1]!)).toMatchObject({ kind: "mandate.delegate", sub: "agent:b", depth: 1 });
    for (const t of [token, child]) for (const part of t.split(".")) expect(seen.join()).not.toContain(part);
  });
});

describe("replay store", () => {
  it("useOnce is an atomic check-and-set", async () => {
    const store = createMemoryReplayStore();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.useOnce("id", NOW_S + 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.useOnce("other", NOW_S + 60)).toBe(true);
  });
});
