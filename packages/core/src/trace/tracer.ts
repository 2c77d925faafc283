import type { JsonValue } from "../json.ts";
import { checkpointSigningInput, FIRST_SEQ, GENESIS_PREV } from "./chain.ts";
import { SinkFanout } from "./fanout.ts";
import { isoTime } from "./iso-time.ts";
import { JsonCopier } from "./normalize.ts";
import { OpenRuns } from "./open-runs.ts";
import { EventMembers, EventSealer } from "./seal.ts";
import { newSpanId } from "./span-id.ts";
import { TRACE_KINDS, TRACE_SCHEMA, type TraceEvent, type TraceRecord, type TraceSink } from "./types.ts";

/** Signs checkpoints. EdDSA: a raw 64-byte Ed25519 signature; ES256: JOSE r||s (IEEE P1363). */
export interface CheckpointSigner {
  readonly kid: string;
  readonly alg: "EdDSA" | "ES256";
  sign(bytes: Uint8Array): Uint8Array;
}

export interface TracerOptions {
  readonly sinks?: readonly TraceSink[];
  /** Without a signer no checkpoints are written, and `verifyTrace` needs `requireFinal: false`. */
  readonly signer?: CheckpointSigner;
  /** A signed checkpoint after every N events (checkpoints not counted). Default 100. */
  readonly checkpointEvery?: number;
  readonly clock?: () => Date;
  /** Run id stamped on records that carry none. */
  readonly run?: string;
  /** How long `flush`/`close` wait for a sink before counting it as stalled. Default 2000 ms. */
  readonly sinkTimeoutMs?: number;
}

export interface TracerStats {
  readonly events: number;
  readonly sinkFailures: number;
  readonly checkpoints: number;
  /** Checkpoints that could not be made because `signer.sign` threw. */
  readonly checkpointFailures: number;
}

export interface Tracer {
  /** Seals the record into the chain and hands it to every sink; synchronous, never waits on a sink. */
  emit(record: TraceRecord): TraceEvent;
  /** Writes a signed checkpoint now if events were emitted since the last one. */
  checkpoint(): TraceEvent | undefined;
  /** Resolves when every sink has flushed (or timed out, which is counted); never rejects. */
  flush(): Promise<void>;
  /** Writes the final checkpoint, flushes and closes the sinks. Idempotent; never rejects. */
  close(): Promise<void>;
  stats(): TracerStats;
  /** The last sealed event's seq and hash (seq 0 and "" before the first). */
  head(): { readonly seq: number; readonly hash: string };
}

const KINDS = new Set<string>(TRACE_KINDS);
/** Envelope members the tracer sets; a record's own values for them are ignored. */
const ENVELOPE = new Set([
  "v",
  "seq",
  "ts",
  "run",
  "thread",
  "span",
  "parent",
  "agent",
  "kind",
  "prev",
  "hash",
]);

/**
 * One hash chain per tracer. `emit` assigns `seq` (from 1), `ts` (from the clock), a span id when
 * the record has none, `prev` and `hash` (see chain.ts), freezes the event (members in RFC 8785
 * order, as in the file: see seal.ts) and fans it out.
 * Producers pass digests (see digest.ts), never raw arguments, tokens or keys: the tracer copies
 * record values as JSON and does not inspect them.
 */
export function createTracer(options: TracerOptions = {}): Tracer {
  const opts = normalize(options);
  const fanout = new SinkFanout(opts.sinks);
  let seq = FIRST_SEQ - 1;
  let prev = GENESIS_PREV;
  let sinceCheckpoint = 0;
  let checkpoints = 0;
  let checkpointFailures = 0;
  let closing: Promise<void> | undefined;
  const openRuns = new OpenRuns();
  const now = isoTime(opts.clock);
  const sealer = new EventSealer();

  function seal(record: TraceRecord): TraceEvent {
    // Everything that can run the producer's code (getters, `toJSON`, the clock) runs first: an
    // emit from inside it is sealed whole before this event takes its place in the chain.
    const { kind, run, thread, span, parent, agent } = record;
    const members = new EventMembers();
    const copier = new JsonCopier();
    for (const key of Object.keys(record)) {
      // an own "__proto__" (JSON.parse makes them) would set the event's prototype: never a member
      if (ENVELOPE.has(key) || key === "__proto__") continue;
      const value = copier.copy(record[key]);
      if (value !== undefined) members.add(key, value);
    }
    members.unusualCopies = copier.unusualKeys;
    const ts = now();
    members.add("v", TRACE_SCHEMA);
    members.add("seq", seq + 1);
    members.add("ts", ts);
    const runOf = openRuns.runOf(kind, str(run), str(thread), opts.run);
    if (runOf !== undefined) members.add("run", runOf);
    if (typeof thread === "string") members.add("thread", thread);
    members.add("span", typeof span === "string" && span !== "" ? span : newSpanId());
    if (typeof parent === "string") members.add("parent", parent);
    if (typeof agent === "string") members.add("agent", agent);
    members.add("kind", kind);
    members.add("prev", prev);
    const { event, line } = sealer.seal(members, prev);
    seq = event.seq;
    prev = event.hash;
    fanout.write(event, line);
    return event;
  }

  function writeCheckpoint(final: boolean): TraceEvent | undefined {
    if (opts.signer === undefined) return undefined;
    let sig: string;
    try {
      sig = Buffer.from(opts.signer.sign(checkpointSigningInput(seq, prev, final))).toString("base64url");
    } catch {
      checkpointFailures++;
      return undefined;
    }
    const record: Record<string, JsonValue> = {
      kind: "trace.checkpoint",
      kid: opts.signer.kid,
      alg: opts.signer.alg,
      headSeq: seq,
      headHash: prev,
      final,
      sig,
    };
    sinceCheckpoint = 0;
    checkpoints++;
    return seal(record as unknown as TraceRecord);
  }

  return Object.freeze({
    emit(record: TraceRecord): TraceEvent {
      if (closing !== undefined) throw new TypeError("the tracer is closed");
      if (typeof record !== "object" || record === null)
        throw new TypeError("a trace record must be an object");
      if (!KINDS.has(record.kind)) throw new TypeError(`unknown trace kind "${String(record.kind)}"`);
      if (record.kind === "trace.checkpoint")
        throw new TypeError("trace.checkpoint events are written by the tracer");
      const event = seal(record);
      if (++sinceCheckpoint >= opts.checkpointEvery) writeCheckpoint(false);
      return event;
    },
    checkpoint(): TraceEvent | undefined {
      if (closing !== undefined || sinceCheckpoint === 0) return undefined;
      return writeCheckpoint(false);
    },
    flush(): Promise<void> {
      return fanout.settle(opts.sinkTimeoutMs, "flush");
    },
    close(): Promise<void> {
      if (closing === undefined) {
        writeCheckpoint(true);
        closing = fanout.settle(opts.sinkTimeoutMs, "close");
      }
      return closing;
    },
    stats(): TracerStats {
      return { events: seq - FIRST_SEQ + 1, sinkFailures: fanout.failures, checkpoints, checkpointFailures };
    },
    head() {
      return { seq, hash: prev };
    },
  });
}

interface NormalizedOptions {
  readonly sinks: readonly TraceSink[];
  readonly signer: CheckpointSigner | undefined;
  readonly checkpointEvery: number;
  /** Undefined: the system clock. */
  readonly clock: (() => Date) | undefined;
  readonly run: string | undefined;
  readonly sinkTimeoutMs: number;
}

function normalize(options: TracerOptions): NormalizedOptions {
  if (typeof options !== "object" || options === null)
    throw new TypeError("createTracer() needs an options object");
  const sinks = options.sinks ?? [];
  if (!Array.isArray(sinks) || sinks.some((s: TraceSink) => typeof s?.write !== "function")) {
    throw new TypeError("`sinks` must be an array of trace sinks");
  }
  const { signer } = options;
  if (signer !== undefined) {
    if (typeof signer.sign !== "function" || typeof signer.kid !== "string" || signer.kid === "") {
      throw new TypeError("`signer` must have a `kid` and a `sign(bytes)` function");
    }
    if (signer.alg !== "EdDSA" && signer.alg !== "ES256")
      throw new TypeError('`signer.alg` must be "EdDSA" or "ES256"');
  }
  const { clock } = options;
  if (clock !== undefined && typeof clock !== "function")
    throw new TypeError("`clock` must be a function returning a Date");
  if (options.run !== undefined && typeof options.run !== "string")
    throw new TypeError("`run` must be a string");
  return Object.freeze({
    sinks: Object.freeze([...sinks]),
    signer,
    checkpointEvery: positiveInt(options.checkpointEvery, 100, "checkpointEvery"),
    clock,
    run: options.run,
    sinkTimeoutMs: positiveInt(options.sinkTimeoutMs, 2000, "sinkTimeoutMs"),
  });
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`\`${name}\` must be a positive integer`);
  return value;
}
