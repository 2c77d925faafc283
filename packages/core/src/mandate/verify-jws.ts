/**
 * The token-kind-independent half of verification, in order: canonical compact format and size,
 * strict header (alg, typ, nothing else), kid -> this issuer's key, signature (node:crypto, the
 * algorithm pinned by the key; see signature.ts), ES256 low-S, then the payload parsed strictly
 * FROM THE VERIFIED BYTES. Claims are never read from unauthenticated segments.
 */
import { type ErrorCode, MandateError } from "../errors.ts";
import { checkSignatureSpelling, decodeSegment, isHighS, splitCompact } from "./format.ts";
import type { KeyResolver } from "./key-resolver.ts";
import { ALGORITHMS, type MandateAlgorithm } from "./keys.ts";
import { signatureValid } from "./signature.ts";
import { isJsonObject, parseStrictJson, type StrictJsonObject } from "./strict-json.ts";

export const MANDATE_TYP = "mandate+jwt";
export const APPROVAL_TYP = "approval+jwt";
/** Header members we write and accept. Anything else (jwk, jku, x5u, x5c, x5t, crit, b64, …) is refused. */
const HEADER_KEYS = new Set(["alg", "typ", "kid"]);
const MAX_KID_LENGTH = 128;

export interface VerifiedJws {
  readonly alg: MandateAlgorithm;
  readonly kid: string;
  readonly payload: StrictJsonObject;
}

function fail(code: ErrorCode, message: string): MandateError {
  return new MandateError(code, message);
}

function strictObject(text: string, what: string): StrictJsonObject {
  let value: ReturnType<typeof parseStrictJson>;
  try {
    value = parseStrictJson(text);
  } catch {
    // Duplicate or forbidden member names land here too (J-18, J-19).
    throw fail("MANDATE_MALFORMED", `${what} is not strict JSON (duplicate or forbidden member, or invalid)`);
  }
  if (!isJsonObject(value)) throw fail("MANDATE_MALFORMED", `${what} is not a JSON object`);
  return value;
}

export async function verifyJws(token: unknown, typ: string, keys: KeyResolver): Promise<VerifiedJws> {
  const parts = splitCompact(token);
  // The header is decoded by the strict parser itself: a header with two `alg`s has no alg to check.
  const header = strictObject(decodeSegment(parts.header), "header");
  const alg = header.alg;
  if (typeof alg !== "string" || !(ALGORITHMS as readonly string[]).includes(alg))
    throw fail("MANDATE_ALG_NOT_ALLOWED", "alg is not EdDSA or ES256");
  if (header.typ !== typ) throw fail("MANDATE_TYPE_INVALID", `typ is not ${typ}`);
  for (const key of Object.keys(header))
    if (!HEADER_KEYS.has(key))
      throw fail("MANDATE_MALFORMED", "header carries a parameter that is not accepted");
  checkSignatureSpelling(parts.signature);
  const kid = header.kid;
  if (typeof kid !== "string" || kid.length === 0 || kid.length > MAX_KID_LENGTH)
    throw fail("MANDATE_KEY_UNKNOWN", "header has no usable kid");
  const key = await keys.resolve(kid, alg as MandateAlgorithm);
  if (!signatureValid(alg as MandateAlgorithm, `${parts.header}.${parts.payload}`, parts.signature, key))
    throw fail("MANDATE_SIGNATURE_INVALID", "signature verification failed");
  if (alg === "ES256" && isHighS(Buffer.from(parts.signature, "base64url")))
    throw fail("MANDATE_SIGNATURE_INVALID", "ES256 signature is not in low-S form");
  // The payload segment is part of the signed input: these are the verified bytes.
  const payload = strictObject(decodeSegment(parts.payload), "payload");
  return { alg: alg as MandateAlgorithm, kid, payload };
}
