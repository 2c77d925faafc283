/** J-10 for ES256: (r, n-s) verifies in jose and node:crypto; we accept only low-S and mint only low-S. */
import { describe, expect, it } from "vitest";
import { expectCode, kit, mutate, rootClaims } from "./forge.ts";

const N_HALF = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;
const sOf = (t: string) =>
  BigInt(`0x${Buffer.from(t.split(".")[2]!, "base64url").subarray(32).toString("hex")}`);

describe("ES256 malleability", () => {
  it("every minted ES256 token is low-S and verifies; its high-S twin is refused", async () => {
    const k = await kit({ algorithm: "ES256" });
    for (let i = 0; i < 40; i++) {
      const token = await k.authority.issue({
        subject: "a",
        tenant: "t",
        intent: { id: "i", purpose: "p" },
        scope: [],
      });
      expect(sOf(token) <= N_HALF).toBe(true);
      await expect(k.authority.verify(token)).resolves.toBeDefined();
      const twin = mutate.flipS(token);
      await expectCode(k.authority.verify(twin), "MANDATE_SIGNATURE_INVALID", token);
    }
  });

  it("a raw-signed high-S token with our key is refused, its low-S twin accepted", async () => {
    const k = await kit({ algorithm: "ES256" });
    let high: string | undefined;
    for (let i = 0; i < 64 && high === undefined; i++) {
      const t = k.forge(rootClaims());
      if (sOf(t) > N_HALF) high = t;
    }
    expect(high).toBeDefined();
    await expectCode(k.authority.verify(high!), "MANDATE_SIGNATURE_INVALID", high);
    await expect(k.authority.verify(mutate.flipS(high!))).resolves.toBeDefined();
  });

  it("an EdDSA header with an ES256 kid is refused (one algorithm per key)", async () => {
    const k = await kit({ algorithm: "ES256" });
    const token = k.forge(rootClaims(), k.header({ alg: "EdDSA" }));
    await expectCode(k.authority.verify(token), "MANDATE_ALG_NOT_ALLOWED", token);
  });
});
