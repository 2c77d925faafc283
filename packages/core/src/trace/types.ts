import type { JsonValue } from "../json.ts";

export const TRACE_SCHEMA = "mandate.trace/v1" as const;

export const TRACE_KINDS = [
  "run.start",
  "run.end",
  "agent.start",
  "agent.end",
  "model.call",
  "tool.request",
  "tool.decision",
  "tool.result",
  "tool.error",
  "approval.request",
  "approval.resolve",
  "handoff",
  "mandate.issue",
  "mandate.delegate",
  "mandate.revoke",
  "policy.load",
  "trace.checkpoint",
] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

/**
 * What a producer (guard, authority, adapter) hands to the tracer. Kind-specific fields sit next
 * to the envelope fields, flat, so `jq 'select(.kind=="tool.decision") | .effect'` just works.
 * Values must be JSON; never a token, a key or a raw argument (use `digest()` for those).
 */
export interface TraceRecord {
  readonly kind: TraceKind;
  readonly run?: string;
  readonly thread?: string;
  /** This hop's id; the tracer makes one when absent. Tool events use the tool call id. */
  readonly span?: string;
  readonly parent?: string;
  readonly agent?: string;
  readonly [field: string]: JsonValue | undefined;
}

/** One line of a trace file: the record sealed into the hash chain. */
export interface TraceEvent extends TraceRecord {
  readonly v: typeof TRACE_SCHEMA;
  readonly seq: number;
  readonly ts: string;
  readonly span: string;
  /** `hash` of the previous event ("" for the first). */
  readonly prev: string;
  /** hex sha256(prev || RFC 8785 canonical event without `hash`). */
  readonly hash: string;
}

/** A value as the trace shows it: a digest, the size, and a redacted, size-capped preview. */
export type Digest = {
  readonly sha256: string;
  readonly size: number;
  readonly preview: string;
  readonly truncated?: boolean;
};

/**
 * Where sealed events go. `write` must not block: the tracer never awaits it on the hot path.
 * A sink that throws, rejects or stalls is counted as a failure and never breaks the agent.
 */
export interface TraceSink {
  readonly name: string;
  write(event: TraceEvent): void | Promise<void>;
  /** Resolves when everything written so far is durable. */
  flush?(): Promise<void>;
  close?(): Promise<void>;
}

/** Stable codes for what `verifyTrace` found (the attack catalogue's `trace.*` outcomes). */
export type TraceVerifyCode =
  | "trace.malformed"
  | "trace.sequence_gap"
  | "trace.chain_broken"
  | "trace.signature_invalid"
  | "trace.truncated";

export interface TraceVerifyResult {
  readonly ok: boolean;
  /** Events that verified (all of them when `ok`; those before the first problem otherwise). */
  readonly events: number;
  readonly firstBadSeq?: number;
  /** A short description: "hash mismatch", "sequence gap", "truncated: no final checkpoint"… */
  readonly problem?: string;
  readonly code?: TraceVerifyCode;
  /** Checkpoints whose signature verified. */
  readonly checkpoints?: number;
  /** Findings that do not fail verification, e.g. "time anomaly at seq 12" (a backwards `ts`). */
  readonly warnings?: readonly string[];
}
