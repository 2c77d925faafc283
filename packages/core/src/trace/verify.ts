import { checkpointSigningInput, FIRST_SEQ, GENESIS_PREV, recomputeHash } from "./chain.ts";
import { type CheckpointKey, type CheckpointKeys, importCheckpointKeys, verifySignature } from "./keys.ts";
import { readTraceLines } from "./read.ts";
import { TRACE_SCHEMA, type TraceEvent, type TraceVerifyCode, type TraceVerifyResult } from "./types.ts";

export interface VerifyTraceOptions {
  /** Public keys for checkpoint signatures (e.g. `authority.jwks()`), chosen by `kid`. */
  readonly keys: CheckpointKeys;
  /** An anchor kept outside the trace store: the event at `seq` must exist and have `hash`. */
  readonly head?: { readonly seq: number; readonly hash: string };
  /**
   * Require the trace to end with the signed final checkpoint `close()` writes. Default true: it
   * is what detects a cut tail. Turn off only to check a run still in progress (then pass `head`).
   */
  readonly requireFinal?: boolean;
}

type Failure = { readonly code: TraceVerifyCode; readonly problem: string; readonly firstBadSeq: number };

/**
 * Verifies a trace offline: events in order, or the path of a JSONL file. Stops at the first
 * problem. `events` counts the events that verified before it; `firstBadSeq` is the seq expected
 * at the bad position (a gap, a swap, an unparseable line), the seq of a duplicate (an insertion),
 * or of the event whose hash, prev, or checkpoint signature fails. A re-hashed forgery is only
 * caught at the first checkpoint after it (the forger cannot sign), so that is the seq reported.
 * A backwards `ts` is reported in `warnings` and does not fail: `seq` is authoritative (L-12).
 */
export async function verifyTrace(
  source: Iterable<TraceEvent> | AsyncIterable<TraceEvent> | string,
  options: VerifyTraceOptions,
): Promise<TraceVerifyResult> {
  if (typeof options !== "object" || options === null) throw new TypeError("verifyTrace() needs { keys }");
  const keys = await importCheckpointKeys(options.keys);
  const head = options.head;
  if (head !== undefined && (!Number.isInteger(head.seq) || typeof head.hash !== "string")) {
    throw new TypeError("`head` must be { seq: integer, hash: string }");
  }
  const requireFinal = options.requireFinal ?? true;
  const items: Iterable<unknown> | AsyncIterable<unknown> =
    typeof source === "string" ? readTraceLines(source) : source;

  const warnings: string[] = [];
  let expected = FIRST_SEQ;
  let prev = GENESIS_PREV;
  let lastTs = "";
  let checkpoints = 0;
  let finalSeen = false;
  let headChecked = false;
  let events = 0;
  const fail = (f: Failure): TraceVerifyResult => ({ ok: false, events, ...f, checkpoints, warnings });

  for await (const item of items) {
    const event = typeof item === "string" ? parse(item) : item;
    if (!isEventShaped(event)) {
      const problem =
        typeof item === "string" && event === undefined ? "unparseable line" : "malformed event";
      return fail({ code: "trace.malformed", problem, firstBadSeq: expected });
    }
    if (finalSeen)
      return fail({
        code: "trace.chain_broken",
        problem: "event after final checkpoint",
        firstBadSeq: event.seq,
      });
    if (event.seq > expected)
      return fail({ code: "trace.sequence_gap", problem: "sequence gap", firstBadSeq: expected });
    if (event.seq < expected) {
      return fail({
        code: "trace.sequence_gap",
        problem: "duplicate or out-of-order sequence",
        firstBadSeq: event.seq,
      });
    }
    if (event.prev !== prev)
      return fail({ code: "trace.chain_broken", problem: "prev mismatch", firstBadSeq: event.seq });
    if (recomputeHash(event) !== event.hash) {
      return fail({ code: "trace.chain_broken", problem: "hash mismatch", firstBadSeq: event.seq });
    }
    if (event.kind === "trace.checkpoint") {
      const bad = checkCheckpoint(event, keys);
      if (bad !== undefined) return fail(bad);
      checkpoints++;
      if (event.final === true) finalSeen = true;
    }
    if (head !== undefined && event.seq === head.seq) {
      if (event.hash !== head.hash)
        return fail({ code: "trace.chain_broken", problem: "head mismatch", firstBadSeq: event.seq });
      headChecked = true;
    }
    if (event.ts < lastTs) warnings.push(`time anomaly at seq ${event.seq}`);
    lastTs = event.ts;
    prev = event.hash;
    expected++;
    events++;
  }

  if (head !== undefined && !headChecked) {
    return fail({
      code: "trace.truncated",
      problem: "truncated: supplied head not reached",
      firstBadSeq: expected,
    });
  }
  if (requireFinal && !finalSeen) {
    return fail({
      code: "trace.truncated",
      problem: "truncated: no final checkpoint",
      firstBadSeq: expected,
    });
  }
  return { ok: true, events, checkpoints, warnings };
}

function checkCheckpoint(event: TraceEvent, keys: ReadonlyMap<string, CheckpointKey>): Failure | undefined {
  const at = event.seq;
  const { kid, alg, headSeq, headHash, sig, final } = event;
  if (
    headSeq !== event.seq - 1 ||
    headHash !== event.prev ||
    (final !== undefined && typeof final !== "boolean")
  ) {
    return { code: "trace.signature_invalid", problem: "checkpoint head mismatch", firstBadSeq: at };
  }
  const key = typeof kid === "string" ? keys.get(kid) : undefined;
  if (key === undefined)
    return { code: "trace.signature_invalid", problem: "checkpoint key unknown", firstBadSeq: at };
  if (alg !== key.alg || typeof sig !== "string") {
    return { code: "trace.signature_invalid", problem: "checkpoint signature invalid", firstBadSeq: at };
  }
  const input = checkpointSigningInput(headSeq, headHash, final === true);
  if (!verifySignature(key, input, Buffer.from(sig, "base64url"))) {
    return { code: "trace.signature_invalid", problem: "checkpoint signature invalid", firstBadSeq: at };
  }
  return undefined;
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isEventShaped(value: unknown): value is TraceEvent {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  return (
    e.v === TRACE_SCHEMA &&
    Number.isSafeInteger(e.seq) &&
    typeof e.ts === "string" &&
    typeof e.kind === "string" &&
    typeof e.span === "string" &&
    typeof e.prev === "string" &&
    typeof e.hash === "string"
  );
}
