/**
 * The claims of a root mandate (depth 0) from `issue()` options. Bad input is a TypeError: the
 * caller misused the API, nothing was forged.
 */
import { MandateError } from "../errors.ts";
import { parseIntent } from "../intent/intent.ts";
import type { AuthoritySettings } from "./authority-options.ts";
import { identifier } from "./claims.ts";
import { parseGrants } from "./grants.ts";
import { newId } from "./sign.ts";
import type { IssueOptions, MandateClaims } from "./types.ts";
import { positiveInt } from "./verify-mandate.ts";

const ISSUE_KEYS = new Set([
  "subject",
  "tenant",
  "intent",
  "scope",
  "delegable",
  "ttlSeconds",
  "maxDepth",
  "audience",
]);

export function buildRootClaims(options: IssueOptions, s: AuthoritySettings, now: number): MandateClaims {
  if (typeof options !== "object" || options === null) throw new TypeError("issue() needs options");
  for (const key of Object.keys(options))
    if (!ISSUE_KEYS.has(key)) throw new TypeError(`issue(): unknown option "${key}"`);
  const ttl = positiveInt(options.ttlSeconds, s.defaultTtlSeconds, "ttlSeconds", s.maxTtlSeconds);
  const mxd = options.maxDepth ?? s.maxDepth;
  if (!Number.isInteger(mxd) || mxd < 0 || mxd > s.maxDepth)
    throw new TypeError(`maxDepth must be 0..${s.maxDepth}`);
  const aud = options.audience ?? s.audiences[0]!;
  if (!s.audiences.includes(aud)) throw new TypeError("audience is not one of the authority's audiences");
  return Object.freeze({
    iss: s.issuer,
    sub: asTypeError(() => identifier(options.subject, "subject")),
    aud,
    iat: now,
    nbf: now,
    exp: now + ttl,
    jti: newId(),
    tnt: asTypeError(() => identifier(options.tenant, "tenant", 256)),
    intent: parseIntent(options.intent),
    scope: parseGrants(options.scope, (r) => new TypeError(`issue(): scope: ${r}`)),
    dlg: parseGrants(options.delegable ?? [], (r) => new TypeError(`issue(): delegable: ${r}`)),
    dep: 0,
    mxd,
    chn: Object.freeze([]),
  });
}

function asTypeError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof MandateError)
      throw new TypeError(error.message.replace(/^mandate claim invalid: /, ""));
    throw error;
  }
}
