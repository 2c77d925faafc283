/**
 * A guard as a deployment runs it: a real authority (Ed25519 via jose), the bench policy, a JSONL
 * trace file with the hash chain and a signed checkpoint every 100 events, and one root mandate
 * whose verification is cached after the first call. `replayHistory` drives the 50 history calls
 * through the guard itself (approving the payments, completing every allowed call), so the
 * guard's task history is the one the decision suite gives `policy.decide`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  argsHash,
  createGuard,
  type Guard,
  type JsonlSink,
  jsonlSink,
  MandateAuthority,
  type ToolCall,
} from "../../../packages/core/src/index.ts";
import { benchPolicy, historyEntries, INTENT } from "./scenario.ts";

export interface BenchGuard {
  readonly authority: MandateAuthority;
  readonly guard: Guard;
  readonly sink: JsonlSink;
  readonly mandate: string;
  /** Closes the guard (final checkpoint, flush) and deletes the trace file. */
  dispose(): Promise<void>;
}

export async function createBenchGuard(name: string): Promise<BenchGuard> {
  const dir = mkdtempSync(join(tmpdir(), `mandate-bench-${name}-`));
  const authority = await MandateAuthority.create({ issuer: "https://auth.bench", audience: "agents" });
  const sink = jsonlSink(join(dir, "trace.jsonl"));
  const guard = createGuard({ authority, policy: benchPolicy(), sinks: [sink] });
  const mandate = await authority.issue({
    subject: "spiffe://acme.example/agent/researcher",
    tenant: "acme",
    intent: INTENT,
    scope: [
      { tools: INTENT.tools!.filter((t) => t !== "transfer_funds").concat(["delete_file", "read_doc"]) },
      { tools: ["transfer_funds"], when: "args.amount <= 5000" },
    ],
  });
  await guard.verify(mandate); // from here on, the mandate is a cache hit
  return {
    authority,
    guard,
    sink,
    mandate,
    async dispose() {
      await guard.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The 50 history calls through the guard, with the outcome each must get; throws on a mismatch. */
export async function replayHistory(bench: BenchGuard): Promise<void> {
  const { guard, mandate } = bench;
  let n = 0;
  for (const entry of historyEntries()) {
    const call: ToolCall = {
      mandate,
      tool: entry.tool,
      args: { ...entry.args },
      callId: `hist_${n++}`,
      agent: { id: "researcher" },
    };
    let decision = await guard.authorize(call);
    if (decision.effect === "approve") {
      const approval = await guard.resolveApproval(call, {
        approved: true,
        by: "bench",
        argsHash: argsHash(call.args),
      });
      decision = await guard.authorize({ ...call, approval });
    }
    const outcome = decision.effect === "allow" ? "allowed" : "denied";
    if (outcome !== entry.outcome)
      throw new Error(`history call ${call.callId} (${call.tool}) was ${outcome}, expected ${entry.outcome}`);
    if (decision.effect === "allow") guard.complete(call, { ok: true, result: `${call.tool} ok` });
  }
}
