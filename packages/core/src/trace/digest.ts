import { createHash, type Hash, hash as oneShotHash } from "node:crypto";
import { keyRedactor, type RedactionOptions, redactTokens } from "./redact.ts";
import { escapeUnsafeJson } from "./safe-text.ts";
import type { Digest } from "./types.ts";
import { walkCanonical } from "./walk.ts";

export interface DigestOptions extends RedactionOptions {
  /** Longest preview, in UTF-16 code units, ellipsis included. Default 256. */
  readonly previewChars?: number;
}

const DEFAULT_PREVIEW = 256;
const NO_OPTIONS: DigestOptions = Object.freeze({});
const HASH_STRING_CHUNK = 1 << 20;
const HASH_BUFFER = 1 << 16;

/**
 * How a trace shows a value (an argument, a result, an error message): never the value itself.
 * - `sha256`: hex sha256 of the RFC 8785 canonical JSON of the ORIGINAL, unredacted value, so an
 *   auditor holding the value can check it (`sha256(canonicalize(value))`);
 * - `size`: the UTF-8 byte length of that canonical JSON;
 * - `preview`: the canonical JSON again, with secret-looking members and JWT-shaped strings
 *   replaced by "[REDACTED]", control and bidi characters escaped, cut to `previewChars`
 *   (`truncated: true` and a final "…" when cut).
 * Total: cycles, BigInt, binary data and throwing getters do not throw (see `walkCanonical`).
 * A 20 MB value is hashed in slices and the preview stops growing at the cap, so memory stays bounded.
 * Caveat: the hash of a small value with a guessable secret inside can be brute-forced offline;
 * keep secrets out of traced values where that matters.
 */
export function digest(value: unknown, options: DigestOptions = NO_OPTIONS): Digest {
  const previewChars = options.previewChars ?? DEFAULT_PREVIEW;
  if (!Number.isInteger(previewChars) || previewChars < 8) {
    throw new TypeError("`previewChars` must be an integer >= 8");
  }
  const { sha256, size, raw } = walkDigest(value, previewChars, redactorFor(options));
  const { preview, truncated } = previewOf(raw, previewChars);
  return truncated ? { sha256, size, preview, truncated } : { sha256, size, preview };
}

/**
 * The redaction predicate of an options object. Building it compiles patterns, so it is kept for
 * options that cannot change: frozen, with a frozen `redactKeys` (the guard's are). Others get a
 * fresh one per call, so a caller that edits its options object is always obeyed.
 */
const redactors = new WeakMap<DigestOptions, (key: string, value: unknown) => boolean>();

function redactorFor(options: DigestOptions): (key: string, value: unknown) => boolean {
  const cacheable =
    Object.isFrozen(options) && (options.redactKeys === undefined || Object.isFrozen(options.redactKeys));
  if (!cacheable) return keyRedactor(options);
  let redactor = redactors.get(options);
  if (redactor === undefined) {
    redactor = keyRedactor(options);
    redactors.set(options, redactor);
  }
  return redactor;
}

/**
 * One walk (see walk.ts): the canonical text into the hash, and its redacted rendering into the
 * preview until that holds more than `max` characters.
 */
function walkDigest(
  value: unknown,
  max: number,
  redactKey: (key: string, value: unknown) => boolean,
): { sha256: string; size: number; raw: string } {
  let hash: Hash | undefined; // only for values too big for one string (most fit: one-shot hash)
  let size = 0;
  let pending = "";
  let raw = "";
  walkCanonical(value, {
    stringChunk: HASH_STRING_CHUNK,
    write(chunk) {
      pending += chunk;
      if (pending.length >= HASH_BUFFER) {
        hash ??= createHash("sha256");
        size += Buffer.byteLength(pending, "utf8");
        hash.update(pending, "utf8");
        pending = "";
      }
    },
    preview: {
      // large enough that a cut string overflows the preview within its first slice, unless
      // token redaction shortens it
      stringChunk: 2 * max + 4096,
      redactKey,
      mapString: redactTokens,
      write(chunk) {
        raw += chunk;
        // escaping only lengthens the text, so past `max` raw it is past `max` escaped too
        return raw.length <= max;
      },
    },
  });
  size += Buffer.byteLength(pending, "utf8");
  const sha256 =
    hash === undefined ? oneShotHash("sha256", pending, "hex") : hash.update(pending, "utf8").digest("hex");
  return { sha256, size, raw };
}

/** The preview from the walk's raw text: escaped (L-06), and cut to `max` with an ellipsis. */
function previewOf(raw: string, max: number): { preview: string; truncated: boolean } {
  // escaped once, at the end: escaping works character by character, so this is the text the
  // escaped pieces would make, and the cut below only reads its first `max` characters
  const text = escapeUnsafeJson(raw);
  const truncated = text.length > max;
  if (!truncated) return { preview: text, truncated };
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  // an escape sequence cut in half ("\u20") would read as garbage; drop the partial escape
  cut = cut.replace(/\\(u[0-9a-fA-F]{0,3})?$/, "");
  // and the start of a token cut before its first "." (whole tokens were redacted per slice)
  cut = cut.replace(/eyJ[A-Za-z0-9_-]*$/, "");
  return { preview: `${cut}…`, truncated };
}
