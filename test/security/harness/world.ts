import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { BaseMessage } from "@langchain/core/messages";
import {
  createGuard,
  type Guard,
  jsonlSink,
  loadPolicy,
  MandateAuthority,
  type MemorySink,
  memorySink,
  type Policy,
} from "@mandate/core";
import type { RunPaths, RunRecord } from "./scenario.ts";
import type { SpyLog } from "./spy.ts";
import type { RunMode } from "./types.ts";

export const REPO_ROOT = join(import.meta.dirname, "../../..");
export const OUT_DIR = join(REPO_ROOT, "test/security/out");

const policies = new Map<string, Policy>();

/** A policy file shipped in examples/ (path relative to the repository root), loaded once. */
export function examplePolicy(path: string): Policy {
  let policy = policies.get(path);
  if (policy === undefined) {
    policy = loadPolicy(readFileSync(join(REPO_ROOT, path), "utf8"));
    policies.set(path, policy);
  }
  return policy;
}

/** A fresh authority and guard per run: nothing (history, approvals, revocations) leaks across runs. */
export interface World {
  readonly authority: MandateAuthority;
  readonly guard: Guard;
  readonly memory: MemorySink;
  readonly paths: RunPaths;
}

/**
 * A real MandateAuthority (Ed25519 via jose) and a guard that writes the run's trace twice: to a
 * JSONL file (what an auditor gets) and to memory (what the guard emitted), so the audit can check
 * that the file holds exactly the real events.
 */
export async function createWorld(policyPath: string, paths: RunPaths): Promise<World> {
  const authority = await MandateAuthority.create({
    issuer: "https://auth.acme.example",
    audience: "agents",
  });
  mkdirSync(dirname(paths.trace), { recursive: true });
  rmSync(paths.trace, { force: true }); // the JSONL sink appends
  writeFileSync(paths.jwks, `${JSON.stringify(authority.jwks(), null, 2)}\n`);
  const memory = memorySink();
  const guard = createGuard({
    authority,
    policy: examplePolicy(policyPath),
    sinks: [jsonlSink(paths.trace), memory],
  });
  return { authority, guard, memory, paths };
}

/** Trace and key files of one scenario run, under test/security/out/<suite>/. */
export function runPaths(suite: string, id: string, mode: string): RunPaths {
  const base = join(OUT_DIR, suite, `${id}.${mode}`);
  return { trace: `${base}.jsonl`, jwks: `${base}.jwks.json` };
}

/** A path as the report prints it: relative to the repository root. */
export function shown(path: string): string {
  return relative(REPO_ROOT, path);
}

/** Ends a run: flushes the trace (final signed checkpoint) and collects what the judge reads. */
export async function closeRun(
  world: World,
  mode: RunMode,
  spies: SpyLog,
  messages: readonly BaseMessage[],
): Promise<RunRecord> {
  await world.guard.close();
  return {
    mode,
    spies,
    tracePath: world.paths.trace,
    memoryEvents: [...world.memory.events],
    jwks: world.authority.jwks(),
    messages,
    stats: world.guard.stats(),
  };
}
