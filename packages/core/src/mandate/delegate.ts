/**
 * Attenuation: the claims of a child mandate from its (already verified) parent. A child can only
 * narrow: its `scope ∪ dlg` must lie inside the parent's `dlg`, its `exp` cannot pass the parent's,
 * its depth cannot pass `mxd`, and intent and tenant are copied (the options cannot even carry them).
 * Every ancestor's `when` is carried down, AND-ed with the child's own.
 */
import { MandateError } from "../errors.ts";
import { identifier } from "./claims.ts";
import { MAX_WHEN_IN_TOKEN, narrowGrants, parseGrants } from "./grants.ts";
import { newId } from "./sign.ts";
import type { DelegateOptions, Grant, MandateClaims } from "./types.ts";

const DELEGATE_KEYS = new Set(["subject", "scope", "delegable", "ttlSeconds", "audience", "maxDepth"]);
/** Options a delegation may never carry: these are fixed at the root. */
const FIXED_AT_ROOT = new Set(["intent", "tenant", "tnt", "issuer", "iss", "chn", "dep", "act"]);

export interface DelegateContext {
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly now: number;
  readonly defaultTtlSeconds: number;
  readonly maxTtlSeconds: number;
}

function escalation(message: string): MandateError {
  return new MandateError("MANDATE_ESCALATION", message);
}

function typeError(reason: string): TypeError {
  return new TypeError(`delegate(): ${reason}`);
}

export function buildChildClaims(
  parent: MandateClaims,
  options: DelegateOptions,
  ctx: DelegateContext,
): MandateClaims {
  if (typeof options !== "object" || options === null) throw typeError("options must be an object");
  for (const key of Object.keys(options)) {
    if (FIXED_AT_ROOT.has(key)) throw escalation(`a delegation cannot set ${key}: it is fixed at the root`);
    if (!DELEGATE_KEYS.has(key)) throw typeError(`unknown option "${key}"`);
  }
  const sub = identifierOrTypeError(options.subject);
  const requestedScope = parseGrants(options.scope, (r) => typeError(`scope: ${r}`));
  const requestedDlg = parseGrants(options.delegable ?? [], (r) => typeError(`delegable: ${r}`));

  const dep = parent.dep + 1;
  if (dep > parent.mxd)
    throw new MandateError(
      "MANDATE_DEPTH_EXCEEDED",
      "the parent mandate may not delegate further (mxd reached)",
      {
        details: { jti: parent.jti },
      },
    );
  const mxd = options.maxDepth ?? parent.mxd;
  if (!Number.isInteger(mxd) || mxd < dep)
    throw typeError("maxDepth must be an integer >= the child's depth");
  if (mxd > parent.mxd) throw escalation("maxDepth may only shrink");

  const scope = narrow(parent.dlg, requestedScope, "scope");
  const dlg = narrow(parent.dlg, requestedDlg, "delegable");

  const remaining = parent.exp - ctx.now;
  if (remaining <= 0) throw new MandateError("MANDATE_EXPIRED", "the parent mandate has expired");
  let ttl = Math.min(ctx.defaultTtlSeconds, remaining);
  if (options.ttlSeconds !== undefined) {
    if (
      !Number.isInteger(options.ttlSeconds) ||
      options.ttlSeconds < 1 ||
      options.ttlSeconds > ctx.maxTtlSeconds
    )
      throw typeError(`ttlSeconds must be an integer from 1 to ${ctx.maxTtlSeconds}`);
    if (options.ttlSeconds > remaining) throw escalation("the child would outlive its parent");
    ttl = options.ttlSeconds;
  }
  const aud = options.audience ?? parent.aud;
  if (!ctx.audiences.includes(aud)) throw typeError("audience is not one of the authority's audiences");

  return Object.freeze({
    iss: ctx.issuer,
    sub,
    aud,
    iat: ctx.now,
    nbf: ctx.now,
    exp: ctx.now + ttl,
    jti: newId(),
    tnt: parent.tnt,
    intent: parent.intent,
    scope,
    dlg,
    dep,
    mxd,
    chn: Object.freeze([...parent.chn, parent.jti]),
    act: Object.freeze(parent.act === undefined ? { sub: parent.sub } : { sub: parent.sub, act: parent.act }),
  });
}

function narrow(parentDlg: readonly Grant[], requested: readonly Grant[], what: string): readonly Grant[] {
  const narrowed = narrowGrants(parentDlg, requested);
  if (narrowed === undefined) throw escalation(`${what} is not inside the parent's delegable grants`);
  if (narrowed.some((g) => (g.when?.length ?? 0) > MAX_WHEN_IN_TOKEN))
    throw typeError(`${what}: the combined conditions exceed ${MAX_WHEN_IN_TOKEN} characters`);
  return narrowed;
}

function identifierOrTypeError(value: unknown): string {
  try {
    return identifier(value as string, "subject");
  } catch {
    throw typeError("subject must be a non-empty string without control characters");
  }
}
