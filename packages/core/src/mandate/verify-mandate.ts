/**
 * Mandate verification, shared by the authority and by public-key-only verifiers. Cold path:
 * verifyJws (format, header, kid, signature, strict payload) -> iss -> aud -> times -> schema ->
 * dep/chn -> revocation. A cache hit skips only the signature and schema work; the time window,
 * audience, subject and revocation of the mandate and every ancestor are checked on every call.
 */
import { MandateError } from "../errors.ts";
import { createVerifiedCache } from "./cache.ts";
import { checkIssuerAudience, checkTimes, checkWindow, parseMandateClaims } from "./claims.ts";
import { MAX_TOKEN_LENGTH, splitCompact } from "./format.ts";
import type { KeyResolver } from "./key-resolver.ts";
import type { RevocationStore, VerifiedMandate, VerifyOptions } from "./types.ts";
import { MANDATE_TYP, verifyJws } from "./verify-jws.ts";

export const DEFAULT_TOLERANCE_SECONDS = 5;
export const MAX_TOLERANCE_SECONDS = 60;
const MAX_REMEMBERED = 100_000;

export interface VerifyConfig {
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly keys: KeyResolver;
  readonly revocations: RevocationStore;
  readonly clock: () => Date;
  readonly toleranceSeconds: number;
  readonly maxTtlSeconds: number;
  readonly cacheSize: number;
}

export interface MandateVerifyCore {
  verify(token: string, options?: VerifyOptions): Promise<VerifiedMandate>;
  /** exp of a mandate this process verified or minted recently (to size revocation entries). */
  expOf(jti: string): number | undefined;
  remember(jti: string, exp: number): void;
  nowSeconds(): number;
}

export function createVerifyCore(config: VerifyConfig): MandateVerifyCore {
  const cache = createVerifiedCache(config.cacheSize);
  const exps = new Map<string, number>();
  const nowSeconds = () => {
    const ms = config.clock().getTime();
    // A broken clock (Invalid Date) would make every time comparison false, i.e. accept: fail closed.
    if (!Number.isFinite(ms)) throw new TypeError("the clock returned an invalid Date");
    return Math.floor(ms / 1000);
  };
  const remember = (jti: string, exp: number) => {
    exps.set(jti, exp);
    if (exps.size > MAX_REMEMBERED) exps.delete(exps.keys().next().value as string);
  };

  return {
    nowSeconds,
    remember,
    expOf: (jti) => exps.get(jti),
    async verify(token, options = {}) {
      // A hit is a token string verified before, so its format was checked then; only a miss
      // pays for the format check (and gets its errors first, as before). The size bound comes
      // before the cache, which hashes the token.
      let verified = isCacheable(token) ? cache.get(token) : undefined;
      if (verified === undefined) splitCompact(token);
      const audiences = expectedAudiences(options, config.audiences);
      const now = nowSeconds();
      if (verified === undefined) {
        const jws = await verifyJws(token, MANDATE_TYP, config.keys);
        const ctx = { ...config, audiences, now };
        checkIssuerAudience(jws.payload, ctx);
        const times = checkTimes(jws.payload, ctx);
        const claims = parseMandateClaims(jws.payload, times);
        verified = Object.freeze({ claims, jti: claims.jti, depth: claims.dep, kid: jws.kid });
        cache.set(token, verified);
        remember(claims.jti, claims.exp);
      } else {
        checkWindow(verified.claims, now, config.toleranceSeconds);
        if (!audiences.includes(verified.claims.aud))
          throw new MandateError("MANDATE_AUDIENCE_MISMATCH", "audience is not the expected audience");
      }
      const { claims } = verified;
      if (options.subject !== undefined && claims.sub !== options.subject)
        throw new MandateError("MANDATE_AUDIENCE_MISMATCH", "mandate was issued to another subject", {
          details: { check: "subject", jti: claims.jti },
        });
      if (await config.revocations.anyRevoked(claims.dep === 0 ? [claims.jti] : [...claims.chn, claims.jti]))
        throw new MandateError("MANDATE_REVOKED", "mandate or one of its ancestors is revoked", {
          details: { jti: claims.jti },
        });
      return verified;
    },
  };
}

function isCacheable(token: unknown): token is string {
  return typeof token === "string" && token.length <= MAX_TOKEN_LENGTH;
}

function expectedAudiences(options: VerifyOptions, configured: readonly string[]): readonly string[] {
  if (typeof options !== "object" || options === null)
    throw new TypeError("verify options must be an object");
  if (options.audience === undefined) return configured;
  if (typeof options.audience !== "string") throw new TypeError("verify `audience` must be a string");
  return [options.audience];
}

/** Shared option checks for authority and verifier. */
export function normaliseTolerance(value: number | undefined): number {
  if (value === undefined) return DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isInteger(value) || value < 0 || value > MAX_TOLERANCE_SECONDS)
    throw new TypeError(`clockToleranceSeconds must be an integer from 0 to ${MAX_TOLERANCE_SECONDS}`);
  return value;
}

export function normaliseAudiences(value: string | readonly string[]): readonly string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((a) => typeof a !== "string" || a.length === 0))
    throw new TypeError("audience must be a non-empty string or a non-empty array of them");
  return Object.freeze([...list]);
}

export function positiveInt(value: number | undefined, fallback: number, name: string, max?: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || (max !== undefined && value > max))
    throw new TypeError(`${name} must be an integer from 1${max !== undefined ? ` to ${max}` : ""}`);
  return value;
}
