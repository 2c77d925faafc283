import { hash as oneShotHash } from "node:crypto";
import type { JsonValue } from "../json.ts";
import { canonicalJson } from "./canonical.ts";
import { TRACE_SCHEMA } from "./types.ts";

/** `seq` of the first event of a trace. `seq` is authoritative for order; `ts` is informative. */
export const FIRST_SEQ = 1;
/** `prev` of the first event. */
export const GENESIS_PREV = "";

/**
 * The hash of an event: hex sha256 over `prev + "\n" + JCS(event without "hash")`.
 *
 * Domain separation: `prev` is "" or exactly 64 hex digits and never contains "\n", so the input
 * splits back into (prev, canonical event) one way only; the canonical text is a JSON object, so no
 * two distinct events share an input (RFC 8785 quotes and escapes every string: L-08). The event's
 * own `prev` field is inside the canonical text too, which binds it twice on purpose.
 */
export function eventHash(
  prev: string,
  eventWithoutHash: { readonly [key: string]: JsonValue | undefined },
): string {
  return chainHash(prev, canonicalJson(eventWithoutHash));
}

/**
 * `eventHash` from the canonical text. One-shot `crypto.hash` (Node >= 20.12): about half the
 * cost of a `createHash` object for an event-sized input.
 */
export function chainHash(prev: string, canonicalEvent: string): string {
  return oneShotHash("sha256", `${prev}\n${canonicalEvent}`, "hex");
}

/** The hash an event claims, recomputed from the event itself (its `hash` member ignored). */
export function recomputeHash(event: {
  readonly prev: string;
  readonly [key: string]: JsonValue | undefined;
}): string {
  const { hash: _ignored, ...rest } = event;
  return eventHash(event.prev, rest);
}

/**
 * The exact bytes a checkpoint signature covers: UTF-8 of the JCS text of
 * `{ v: "mandate.trace/v1", seq: headSeq, hash: headHash, final }`, i.e.
 * `{"final":true,"hash":"<64 hex>","seq":55,"v":"mandate.trace/v1"}`.
 * `v` separates it from anything else the same key signs (a JWS signing input never starts with
 * "{"); `final` marks the checkpoint written by `close()`, so cutting the tail back to an earlier
 * (periodic) checkpoint cannot pass as a properly closed run.
 */
export function checkpointSigningInput(headSeq: number, headHash: string, final: boolean): Uint8Array {
  return Buffer.from(canonicalJson({ v: TRACE_SCHEMA, seq: headSeq, hash: headHash, final }), "utf8");
}
