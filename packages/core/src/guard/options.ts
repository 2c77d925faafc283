import type { TraceSink } from "../trace/types.ts";
import type { CheckpointSigner, GuardAuthority, GuardPolicy, GuardVerifier } from "./ports.ts";

export interface GuardOptions {
  /** A full authority (verify, delegate, revoke, approvals, checkpoint signing)… */
  readonly authority?: GuardAuthority;
  /** …or only a verifier (public keys); then pass `checkpointSigner` for the trace. */
  readonly verifier?: GuardVerifier;
  readonly policy: GuardPolicy;
  readonly sinks?: readonly TraceSink[];
  /** `monitor`: decisions are computed and traced, calls proceed; the trace marks would-be blocks. */
  readonly mode?: "enforce" | "monitor";
  readonly clock?: () => Date;
  /** The audience mandates must carry for this guard (defaults to the authority's). */
  readonly audience?: string;
  /** A signed `trace.checkpoint` every N events (and at close). Default 100. */
  readonly checkpointEvery?: number;
  readonly checkpointSigner?: CheckpointSigner;
  /** Recent calls kept per task for `trace.calls` (aggregates never fall out). Default 20. */
  readonly historyWindow?: number;
  /** Tasks whose history is kept at once (LRU). Default 10,000. */
  readonly maxTasks?: number;
  /** Extra argument keys to redact in trace previews (added to the defaults). */
  readonly redactKeys?: readonly string[];
  /** Run id stamped on events that do not carry one. */
  readonly run?: string;
}

export interface NormalizedGuardOptions {
  readonly authority: GuardAuthority | undefined;
  readonly verifier: GuardVerifier;
  readonly policy: GuardPolicy;
  readonly sinks: readonly TraceSink[];
  readonly mode: "enforce" | "monitor";
  readonly clock: () => Date;
  readonly audience: string | undefined;
  readonly checkpointEvery: number;
  readonly checkpointSigner: CheckpointSigner | undefined;
  readonly historyWindow: number;
  readonly maxTasks: number;
  readonly redactKeys: readonly string[];
  readonly run: string | undefined;
}

/** Validates once, at construction: misuse is a TypeError here, never a surprise on a hot path. */
export function normalizeGuardOptions(options: GuardOptions): NormalizedGuardOptions {
  if (typeof options !== "object" || options === null)
    throw new TypeError("createGuard() needs an options object");
  const { authority, verifier, policy } = options;
  if (authority === undefined && verifier === undefined)
    throw new TypeError("createGuard() needs an `authority` or a `verifier`");
  const verifying = authority ?? verifier;
  if (typeof verifying?.verify !== "function")
    throw new TypeError("`authority`/`verifier` must have verify()");
  if (typeof policy?.decide !== "function" || typeof policy.toolEntry !== "function")
    throw new TypeError("`policy` must be a loaded policy (see loadPolicy)");
  const mode = options.mode ?? "enforce";
  if (mode !== "enforce" && mode !== "monitor") throw new TypeError('`mode` must be "enforce" or "monitor"');
  const sinks = options.sinks ?? [];
  if (!Array.isArray(sinks) || sinks.some((s) => typeof s?.write !== "function"))
    throw new TypeError("`sinks` must be an array of trace sinks");
  const clock = options.clock ?? (() => new Date());
  if (typeof clock !== "function") throw new TypeError("`clock` must be a function returning a Date");
  const checkpointSigner = options.checkpointSigner ?? authority?.checkpointSigner();
  if (checkpointSigner === undefined)
    throw new TypeError("a guard with only a verifier needs a `checkpointSigner` to sign trace checkpoints");
  return Object.freeze({
    authority,
    verifier: verifying as GuardVerifier,
    policy,
    sinks: Object.freeze([...sinks]),
    mode,
    clock,
    audience: options.audience,
    checkpointEvery: positiveInt(options.checkpointEvery, 100, "checkpointEvery"),
    checkpointSigner,
    historyWindow: positiveInt(options.historyWindow, 20, "historyWindow"),
    maxTasks: positiveInt(options.maxTasks, 10_000, "maxTasks"),
    redactKeys: Object.freeze([...(options.redactKeys ?? [])]),
    run: options.run,
  });
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`\`${name}\` must be a positive integer`);
  return value;
}
