/**
 * Checks run on the raw token string before anything is decoded. jose accepts a signature whose last
 * base64url character carries non-zero unused bits, a trailing `==` and a trailing space (J-10); we
 * refuse them here, so a single token has exactly one accepted spelling.
 */
import { MandateError } from "../errors.ts";

/** Tokens larger than this are refused before decoding (DoS bound; a depth-4 mandate is ~2 KB). */
export const MAX_TOKEN_LENGTH = 16_384;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Ed25519 and ES256 (IEEE P1363) signatures are both 64 bytes: 86 chars, 2 unused bits in the last. */
const SIGNATURE_CHARS = 86;
const CANONICAL_LAST = /[AQgw]$/;

export interface CompactParts {
  readonly header: string;
  readonly payload: string;
  readonly signature: string;
}

/** Throws MANDATE_MALFORMED (never echoing the input) unless `token` is one canonical compact JWS. */
export function splitCompact(token: unknown): CompactParts {
  if (typeof token !== "string") throw new MandateError("MANDATE_MALFORMED", "mandate must be a string");
  if (token.length > MAX_TOKEN_LENGTH)
    throw new MandateError("MANDATE_MALFORMED", `mandate is larger than ${MAX_TOKEN_LENGTH} characters`);
  if (!COMPACT_JWS.test(token)) throw new MandateError("MANDATE_MALFORMED", "mandate is not a compact JWS");
  const [header, payload, signature] = token.split(".") as [string, string, string];
  return { header, payload, signature };
}

/**
 * Run once the header has named EdDSA or ES256 (so an HS256 or RS256 token is reported as the wrong
 * algorithm, not as a wrong length): exactly 86 characters, last one with zero unused bits.
 */
export function checkSignatureSpelling(signature: string): void {
  if (signature.length !== SIGNATURE_CHARS || !CANONICAL_LAST.test(signature))
    throw new MandateError("MANDATE_MALFORMED", "mandate signature is not canonical base64url of 64 bytes");
}

export function decodeSegment(segment: string): string {
  return Buffer.from(segment, "base64url").toString("utf8");
}

export function encodeSegment(text: string | Uint8Array): string {
  return Buffer.from(text).toString("base64url");
}

// P-256 group order. ECDSA signatures (r, s) and (r, n - s) both verify; jose accepts both (J-10).
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_HALF_N = P256_N >> 1n;

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
}

/** True when an ES256 (P1363) signature uses the high `s` of the pair; we accept only low-S. */
export function isHighS(signature: Uint8Array): boolean {
  return signature.length === 64 && toBigInt(signature.subarray(32)) > P256_HALF_N;
}

/** Rewrites an ES256 signature to its low-S twin so what we mint passes our own check. */
export function toLowS(signature: Uint8Array): Uint8Array {
  if (!isHighS(signature)) return signature;
  const s = P256_N - toBigInt(signature.subarray(32));
  const out = new Uint8Array(64);
  out.set(signature.subarray(0, 32), 0);
  out.set(Buffer.from(s.toString(16).padStart(64, "0"), "hex"), 32);
  return out;
}
