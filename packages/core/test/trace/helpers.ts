import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import type { CheckpointSigner, TraceRecord, Tracer } from "../../src/index.ts";

export interface TestKey {
  readonly signer: CheckpointSigner;
  readonly jwk: JWK;
  readonly privateKey: KeyObject;
}

/** An Ed25519 (or P-256) checkpoint signer with its public JWK; kid = RFC 7638 thumbprint. */
export async function makeKey(alg: "EdDSA" | "ES256" = "EdDSA", kid?: string): Promise<TestKey> {
  const { privateKey, publicKey } =
    alg === "EdDSA" ? generateKeyPairSync("ed25519") : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = await exportJWK(publicKey);
  const id = kid ?? (await calculateJwkThumbprint(jwk));
  const signer: CheckpointSigner = {
    kid: id,
    alg,
    sign: (bytes) =>
      alg === "EdDSA"
        ? sign(null, bytes, privateKey)
        : sign("sha256", bytes, { key: privateKey, dsaEncoding: "ieee-p1363" }),
  };
  return { signer, jwk: { ...jwk, kid: id, alg }, privateKey };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "mandate-trace-"));
}

/** A fixed clock that advances 1 ms per reading. */
export function steppingClock(start = Date.UTC(2026, 0, 1, 12, 0, 0)): () => Date {
  let t = start;
  return () => new Date(t++);
}

/** Realistic hops of one agent run: request, decision, result per tool call. */
export function realisticRecords(count: number): TraceRecord[] {
  const out: TraceRecord[] = [{ kind: "run.start", run: "run-1", agent: "orchestrator" }];
  const tools = ["search", "read_doc", "send_email", "transfer_funds"];
  for (let i = 0; out.length < count; i++) {
    const tool = tools[i % tools.length] ?? "search";
    const callId = `call_${i}`;
    const common = { run: "run-1", thread: "t-1", agent: "researcher", span: callId, tool, callId };
    out.push({
      kind: "tool.request",
      ...common,
      args: { sha256: "ab".repeat(32), size: 20, preview: '{"q":"x"}' },
    });
    out.push({
      kind: "tool.decision",
      ...common,
      effect: i % 5 === 3 ? "deny" : "allow",
      ruleIds: ["reads-within-intent"],
      reason: "ok",
      jti: `jti-${i}`,
      depth: 1,
      latencyNs: 12000,
    });
    out.push({
      kind: "tool.result",
      ...common,
      result: { sha256: "cd".repeat(32), size: 5, preview: '"done"' },
    });
  }
  return out.slice(0, count);
}

export function emitAll(tracer: Tracer, records: readonly TraceRecord[]): void {
  for (const r of records) tracer.emit(r);
}
