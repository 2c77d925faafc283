/**
 * Mandate verification cost against raw node:crypto Ed25519 on the same bytes, from one run:
 * cold verify (cache disabled) at depth 0 and depth 3, cached verify, and delegation (verify the
 * parent from cache + attenuate + sign) against a raw Ed25519 sign. Also raw WebCrypto
 * `subtle.verify`, which is what jose 6 calls, to separate jose's platform API from Mandate's own
 * checks. Figures are medians and p99 in nanoseconds, and ratios to the raw baseline measured in
 * the same process. Run alone: `npx tsx test/bench/suites/verify.ts`.
 */
import { generateKeyPairSync, sign as rawSign, verify as rawVerify, webcrypto } from "node:crypto";
import { pathToFileURL } from "node:url";
import { MandateAuthority } from "../../../packages/core/src/index.ts";
import { measure, ratio } from "../lib/measure.ts";

const INTENT = { id: "bench", purpose: "benchmark", tools: ["search", "read_doc"] };

function parts(token: string): { input: Buffer; signature: Buffer } {
  const dot = token.lastIndexOf(".");
  return {
    input: Buffer.from(token.slice(0, dot)),
    signature: Buffer.from(token.slice(dot + 1), "base64url"),
  };
}

export default async function run(): Promise<Record<string, number>> {
  const cold = await MandateAuthority.create({
    issuer: "https://auth.bench",
    audience: "agents",
    cacheSize: 0,
  });
  const key = cold.verificationKeys()[0]!.publicKey;
  const subtleKey = await webcrypto.subtle.importKey("jwk", key.export({ format: "jwk" }), "Ed25519", false, [
    "verify",
  ]);
  const warm = await MandateAuthority.create({ issuer: "https://auth.bench", audience: "agents" });
  let token = await cold.issue({
    subject: "agent:root",
    tenant: "acme",
    intent: INTENT,
    scope: [{ tools: ["search"] }],
    delegable: [{ tools: ["*"], when: "args.n < 10" }],
  });
  const depth0 = token;
  for (let i = 1; i <= 3; i++)
    token = await cold.delegate(token, {
      subject: `agent:${i}`,
      scope: [{ tools: ["search"] }],
      delegable: [{ tools: ["*"] }],
    });
  const depth3 = token;
  if ((await cold.verify(depth3)).depth !== 3) throw new Error("the depth-3 mandate is not at depth 3");
  const parent = await warm.issue({
    subject: "agent:p",
    tenant: "acme",
    intent: INTENT,
    scope: [],
    delegable: [{ tools: ["*"] }],
  });
  await warm.verify(parent); // cached from here on
  const d0 = parts(depth0);
  const d3 = parts(depth3);
  const { privateKey } = generateKeyPairSync("ed25519");
  const check = (ok: boolean) => {
    if (!ok) throw new Error("raw verification failed");
  };

  const timings = await measure(
    [
      { name: "raw verify d0", fn: () => check(rawVerify(null, d0.input, key, d0.signature)) },
      {
        name: "webcrypto verify d0",
        async: true,
        fn: async () => check(await webcrypto.subtle.verify("Ed25519", subtleKey, d0.signature, d0.input)),
      },
      { name: "cold verify d0", async: true, fn: () => cold.verify(depth0) },
      { name: "raw verify d3", fn: () => check(rawVerify(null, d3.input, key, d3.signature)) },
      { name: "cold verify d3", async: true, fn: () => cold.verify(depth3) },
      // ~1 µs: 100 calls per sample keep the timer's own cost out of the figure.
      { name: "cached verify", async: true, batch: 100, fn: () => warm.verify(parent) },
      { name: "raw sign", fn: () => rawSign(null, d0.input, privateKey) },
      {
        name: "delegate",
        async: true,
        fn: () => warm.delegate(parent, { subject: "agent:c", scope: [{ tools: ["search"] }] }),
      },
    ],
    { time: 800, warmupTime: 200 },
  );

  const out: Record<string, number> = {};
  const labels: [string, string][] = [
    ["rawVerifyD0", "raw verify d0"],
    ["webcryptoVerifyD0", "webcrypto verify d0"],
    ["coldVerifyD0", "cold verify d0"],
    ["rawVerifyD3", "raw verify d3"],
    ["coldVerifyD3", "cold verify d3"],
    ["cachedVerify", "cached verify"],
    ["rawSign", "raw sign"],
    ["delegate", "delegate"],
  ];
  for (const [label, name] of labels) {
    out[`${label}MedianNs`] = timings[name]!.medianNs;
    out[`${label}P99Ns`] = timings[name]!.p99Ns;
  }
  const r = (a: string, b: string) => ratio(out[`${a}MedianNs`]!, out[`${b}MedianNs`]!);
  out.coldVerifyD0VsRaw = r("coldVerifyD0", "rawVerifyD0");
  out.coldVerifyD3VsRaw = r("coldVerifyD3", "rawVerifyD3");
  out.coldVerifyD0VsWebcrypto = r("coldVerifyD0", "webcryptoVerifyD0");
  out.coldVerifyWorstVsRaw = Math.max(out.coldVerifyD0VsRaw, out.coldVerifyD3VsRaw);
  out.delegateVsRawSign = r("delegate", "rawSign");
  out.tokenBytesD0 = depth0.length;
  out.tokenBytesD3 = depth3.length;
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.table(await run());
}
