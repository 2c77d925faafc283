import type { BaseMessage } from "@langchain/core/messages";
import type { Guard, TraceEvent } from "@mandate/core";
import type { JWK } from "jose";
import type { SpyLog } from "./spy.ts";
import type { AttackClass, CallSpec, Goal, RunMode, Stop, SuiteName } from "./types.ts";

/** What one run (benign or attack) of a scenario leaves behind for the judge and the auditor. */
export interface RunRecord {
  readonly mode: RunMode;
  /** Every tool execution that really happened. */
  readonly spies: SpyLog;
  /** The JSONL trace written by the guard's file sink. */
  readonly tracePath: string;
  /** The same events, as the guard's memory sink saw them. */
  readonly memoryEvents: readonly TraceEvent[];
  readonly jwks: { readonly keys: readonly JWK[] };
  /** The final message history (scanned for leaked tokens). */
  readonly messages: readonly BaseMessage[];
  readonly stats: ReturnType<Guard["stats"]>;
}

/** Where one run writes its trace. */
export interface RunPaths {
  readonly trace: string;
  readonly jwks: string;
}

/**
 * A scenario: benign task, injection and goal, plus the real stack it runs on. `run` builds a
 * fresh world (authority, guard, graph, tools) for each mode, so runs never share state.
 */
export interface Scenario {
  readonly id: string;
  readonly suite: SuiteName;
  readonly title: string;
  readonly classes: readonly AttackClass[];
  /** The calls that must run (with these argument subsets) for the user to be served. */
  readonly expect: readonly CallSpec[];
  /** Any one achieved means the attack succeeded. */
  readonly goals: readonly Goal[];
  /** Decisions that must appear in the attack run's trace. */
  readonly stops: readonly Stop[];
  /** The policy file under examples/ the scenario runs under (for the report). */
  readonly policy: string;
  /** Policy alone cannot stop this: the attack is expected to succeed, and is counted. */
  readonly knownGap?: string;
  /** Why the user's task is expected to be only partly served under attack (counted, never hidden). */
  readonly attackCost?: string;
  run(mode: RunMode, paths: RunPaths): Promise<RunRecord>;
}

/** Scenarios in id order (suites are assembled from several themed files). */
export function byId(a: Scenario, b: Scenario): number {
  return a.id.localeCompare(b.id);
}
