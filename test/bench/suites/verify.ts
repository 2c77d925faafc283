/**
 * Mandate verification cost against raw node:crypto Ed25519 on the same bytes, from one run:
 * cold verify (cache disabled) at depth 0 and depth 3, cached verify, and delegation (verify the
 * parent from cache + attenuate + sign) against a raw Ed25519 sign. Figures are medians and p99 in
 * nanoseconds, and ratios to the raw baseline measured in the same process.
 */
import { generateKeyPairSync, sign as rawSign, verify as rawVerify } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { MandateAuthority } from "../../../packages/core/src/index.ts";

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
  const warm = await MandateAuthority.create({ issuer: "https://auth.bench", audience: "agents" });
  let root = await cold.issue({
    subject: "agent:root",
    tenant: "acme",
    intent: INTENT,
    scope: [{ tools: ["search"] }],
    delegable: [{ tools: ["*"], when: "args.n < 10" }],
  });
  const depth0 = root;
  for (let i = 1; i <= 3; i++)
    root = await cold.delegate(root, {
      subject: `agent:${i}`,
      scope: [{ tools: ["search"] }],
      delegable: [{ tools: ["*"] }],
    });
  const depth3 = root;
  const parent = await warm.issue({
    subject: "agent:p",
    tenant: "acme",
    intent: INTENT,
    scope: [],
    delegable: [{ tools: ["*"] }],
  });
  const d0 = parts(depth0);
  const d3 = parts(depth3);
  const { privateKey } = generateKeyPairSync("ed25519");

  const bench = new Bench({ time: 600, warmupTime: 100 });
  bench
    .add("raw ed25519 verify (depth 0 bytes)", () => {
      if (!rawVerify(null, d0.input, key, d0.signature)) throw new Error("bad");
    })
    .add("cold verify depth 0", async () => {
      await cold.verify(depth0);
    })
    .add("raw ed25519 verify (depth 3 bytes)", () => {
      if (!rawVerify(null, d3.input, key, d3.signature)) throw new Error("bad");
    })
    .add("cold verify depth 3", async () => {
      await cold.verify(depth3);
    })
    .add("cached verify depth 0", async () => {
      await warm.verify(parent);
    })
    .add("raw ed25519 sign", () => {
      rawSign(null, d0.input, privateKey);
    })
    .add("delegate (mint a child)", async () => {
      await warm.delegate(parent, { subject: "agent:c", scope: [{ tools: ["search"] }] });
    });
  await warm.verify(parent);
  await bench.run();

  const ns = (name: string, stat: "p50" | "p99") => {
    const task = bench.getTask(name);
    const latency = (task?.result as { latency?: { p50?: number; p99?: number } } | undefined)?.latency;
    const value = latency?.[stat];
    if (value === undefined) throw new Error(`no result for ${name}`);
    return Math.round(value * 1e6);
  };
  const out: Record<string, number> = {};
  const keys: [string, string][] = [
    ["rawVerifyD0", "raw ed25519 verify (depth 0 bytes)"],
    ["coldVerifyD0", "cold verify depth 0"],
    ["rawVerifyD3", "raw ed25519 verify (depth 3 bytes)"],
    ["coldVerifyD3", "cold verify depth 3"],
    ["cachedVerify", "cached verify depth 0"],
    ["rawSign", "raw ed25519 sign"],
    ["delegate", "delegate (mint a child)"],
  ];
  for (const [label, name] of keys) {
    out[`${label}MedianNs`] = ns(name, "p50");
    out[`${label}P99Ns`] = ns(name, "p99");
  }
  const ratio = (a: string, b: string) =>
    Math.round((out[`${a}MedianNs`]! / out[`${b}MedianNs`]!) * 100) / 100;
  out.coldVerifyD0VsRaw = ratio("coldVerifyD0", "rawVerifyD0");
  out.coldVerifyD3VsRaw = ratio("coldVerifyD3", "rawVerifyD3");
  out.cachedVerifyVsRaw = ratio("cachedVerify", "rawVerifyD0");
  out.delegateVsRawSign = ratio("delegate", "rawSign");
  out.tokenBytesD0 = depth0.length;
  out.tokenBytesD3 = depth3.length;
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.table(await run());
}
