import { createHash } from "node:crypto";
import { keyRedactor, type RedactionOptions, redactTokens } from "./redact.ts";
import { escapeUnsafeJson } from "./safe-text.ts";
import type { Digest } from "./types.ts";
import { walkCanonical } from "./walk.ts";

export interface DigestOptions extends RedactionOptions {
  /** Longest preview, in UTF-16 code units, ellipsis included. Default 256. */
  readonly previewChars?: number;
}

const DEFAULT_PREVIEW = 256;
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
 * A 20 MB value is hashed in slices and the preview walk stops at the cap, so memory stays bounded.
 * Caveat: the hash of a small value with a guessable secret inside can be brute-forced offline;
 * keep secrets out of traced values where that matters.
 */
export function digest(value: unknown, options: DigestOptions = {}): Digest {
  const previewChars = options.previewChars ?? DEFAULT_PREVIEW;
  if (!Number.isInteger(previewChars) || previewChars < 8) {
    throw new TypeError("`previewChars` must be an integer >= 8");
  }
  const { sha256, size } = hashCanonical(value);
  const { preview, truncated } = previewOf(value, previewChars, keyRedactor(options));
  return truncated ? { sha256, size, preview, truncated } : { sha256, size, preview };
}

function hashCanonical(value: unknown): { sha256: string; size: number } {
  const hash = createHash("sha256");
  let size = 0;
  let pending = "";
  const drain = (): void => {
    size += Buffer.byteLength(pending, "utf8");
    hash.update(pending, "utf8");
    pending = "";
  };
  walkCanonical(value, {
    stringChunk: HASH_STRING_CHUNK,
    write(chunk) {
      pending += chunk;
      if (pending.length >= HASH_BUFFER) drain();
      return true;
    },
  });
  drain();
  return { sha256: hash.digest("hex"), size };
}

function previewOf(
  value: unknown,
  max: number,
  redactKey: (key: string, value: unknown) => boolean,
): { preview: string; truncated: boolean } {
  let text = "";
  let truncated = false;
  walkCanonical(value, {
    // large enough that a cut string always overflows the preview within its first slice
    stringChunk: 2 * max + 4096,
    redactKey,
    mapString: redactTokens,
    write(chunk) {
      text += escapeUnsafeJson(chunk);
      if (text.length > max) {
        truncated = true;
        return false;
      }
      return true;
    },
  });
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
