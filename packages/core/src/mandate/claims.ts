/**
 * The claim checks that follow a good signature: issuer, audience, time window, then a strict schema
 * (unknown claims refused) and the chain's internal consistency. Shared time/issuer checks are also
 * used for approvals and re-run on every cache hit.
 */
import { type ErrorCode, MandateError } from "../errors.ts";
import { malformedIntent, parseIntent } from "../intent/intent.ts";
import { MAX_WHEN_IN_TOKEN, parseGrants } from "./grants.ts";
import type { StrictJson, StrictJsonObject } from "./strict-json.ts";
import type { Actor, MandateClaims } from "./types.ts";

/** 128 random bits in unpadded base64url: 22 chars, the last with 4 zero bits. */
export const JTI_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;
/** No configuration may allow chains longer than this. */
export const HARD_MAX_DEPTH = 16;
const MAX_ID_LENGTH = 512;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const MANDATE_CLAIMS = new Set([
  ...[
    "iss",
    "sub",
    "aud",
    "iat",
    "nbf",
    "exp",
    "jti",
    "tnt",
    "intent",
    "scope",
    "dlg",
    "dep",
    "mxd",
    "chn",
    "act",
  ],
]);

export interface ClaimContext {
  readonly issuer: string;
  /** Accepted audiences; a token's `aud` must be ONE string equal to one of them. */
  readonly audiences: readonly string[];
  readonly now: number;
  readonly toleranceSeconds: number;
  readonly maxTtlSeconds: number;
}

export interface TimeClaims {
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
}

export function malformed(reason: string): MandateError {
  return new MandateError("MANDATE_MALFORMED", `mandate claim invalid: ${reason}`);
}

export function checkIssuerAudience(p: StrictJsonObject, ctx: ClaimContext): void {
  if (p.iss !== ctx.issuer)
    throw new MandateError("MANDATE_ISSUER_MISMATCH", "issuer is not the expected issuer");
  // An array `aud` is refused even if it contains the audience (jose would accept it, J-14).
  if (typeof p.aud !== "string" || !ctx.audiences.includes(p.aud))
    throw new MandateError("MANDATE_AUDIENCE_MISMATCH", "audience is not the expected audience");
}

function epoch(value: StrictJson | undefined, name: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw malformed(`${name} must be present as integer seconds`);
  return value;
}

/**
 * `exp`, `nbf`, `iat` required. A lifetime over the maximum or an `iat` in the future is a token our
 * authority could never have minted: MANDATE_MALFORMED. Valid while `nbf - tol <= now < exp + tol`.
 */
export function checkTimes(p: StrictJsonObject, ctx: ClaimContext): TimeClaims {
  const iat = epoch(p.iat, "iat");
  const nbf = epoch(p.nbf, "nbf");
  const exp = epoch(p.exp, "exp");
  if (exp <= iat || nbf > exp) throw malformed("exp must be after iat and nbf");
  if (exp - iat > ctx.maxTtlSeconds) throw malformed("lifetime exceeds the maximum");
  if (iat > ctx.now + ctx.toleranceSeconds) throw malformed("iat is in the future");
  checkWindow({ nbf, exp }, ctx.now, ctx.toleranceSeconds);
  return { iat, nbf, exp };
}

export function checkWindow(t: { nbf: number; exp: number }, now: number, tolerance: number): void {
  if (now >= t.exp + tolerance) throw new MandateError("MANDATE_EXPIRED", "mandate has expired");
  if (now + tolerance < t.nbf) throw new MandateError("MANDATE_NOT_YET_VALID", "mandate is not yet valid");
}

export function identifier(value: StrictJson | undefined, name: string, max = MAX_ID_LENGTH): string {
  if (typeof value !== "string" || value.length === 0 || value.length > max || CONTROL.test(value))
    throw malformed(`${name} must be a non-empty string without control characters`);
  return value;
}

function count(value: StrictJson | undefined, name: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || value > HARD_MAX_DEPTH)
    throw malformed(`${name} must be an integer from 0 to ${HARD_MAX_DEPTH}`);
  return value;
}

function chain(value: StrictJson | undefined, jti: string): readonly string[] {
  if (!Array.isArray(value) || value.length > HARD_MAX_DEPTH) throw malformed("chn must be an array of jtis");
  const list = value as readonly StrictJson[];
  for (const id of list)
    if (typeof id !== "string" || !JTI_PATTERN.test(id)) throw malformed("chn must hold jtis");
  if (new Set(list).size !== list.length || list.includes(jti)) throw malformed("chn repeats a jti");
  return Object.freeze([...(list as string[])]);
}

/** The actor chain must be exactly `dep` levels deep: one actor per delegation. */
function actor(value: StrictJson | undefined, levels: number): Actor | undefined {
  if (levels === 0) {
    if (value !== undefined) throw malformed("act must be absent on a root mandate");
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw malformed("act must be an object");
  const a = value as StrictJsonObject;
  for (const k of Object.keys(a))
    if (k !== "sub" && k !== "act") throw malformed("act has an unknown member");
  const sub = identifier(a.sub, "act.sub");
  const inner = actor(a.act, levels - 1);
  return Object.freeze(inner === undefined ? { sub } : { sub, act: inner });
}

/** Strict schema over a verified payload whose iss/aud/times were already checked. */
export function parseMandateClaims(p: StrictJsonObject, times: TimeClaims): MandateClaims {
  for (const key of Object.keys(p)) if (!MANDATE_CLAIMS.has(key)) throw malformed("unknown claim");
  const jti = p.jti;
  if (typeof jti !== "string" || !JTI_PATTERN.test(jti)) throw malformed("jti must be 128-bit base64url");
  const sub = identifier(p.sub, "sub");
  const tnt = identifier(p.tnt, "tnt", 256);
  const intent = parseIntent(p.intent, malformedIntent);
  const scope = parseGrants(p.scope, (r) => malformed(`scope: ${r}`), MAX_WHEN_IN_TOKEN);
  const dlg = parseGrants(p.dlg, (r) => malformed(`dlg: ${r}`), MAX_WHEN_IN_TOKEN);
  const dep = count(p.dep, "dep");
  const mxd = count(p.mxd, "mxd");
  const chn = chain(p.chn, jti);
  if (dep !== chn.length) throw malformed("dep does not match the chain length");
  if (dep > mxd)
    throw new MandateError("MANDATE_DEPTH_EXCEEDED" satisfies ErrorCode, "mandate is deeper than its mxd");
  const act = actor(p.act, dep);
  return Object.freeze({
    iss: p.iss as string,
    sub,
    aud: p.aud as string,
    ...times,
    jti,
    tnt,
    intent,
    scope,
    dlg,
    dep,
    mxd,
    chn,
    ...(act !== undefined ? { act } : {}),
  });
}
