/**
 * Approvals: short-lived `approval+jwt` tokens bound to one call (mandate jti, tool, sha256 of the
 * canonical arguments) and usable once. Every failure is APPROVAL_INVALID; the underlying check
 * (e.g. MANDATE_TYPE_INVALID for a mandate presented as an approval) is in `details.check`.
 */
import { isMandateError, MandateError } from "../errors.ts";
import { argsHash } from "./approval-hash.ts";
import { type ClaimContext, checkIssuerAudience, checkTimes, identifier, JTI_PATTERN } from "./claims.ts";
import type { KeyResolver } from "./key-resolver.ts";
import type { SigningKeyEntry } from "./keys.ts";
import { newId, signToken } from "./sign.ts";
import type { StrictJsonObject } from "./strict-json.ts";
import type { ApprovalClaims, ExpectedApproval, IssueApprovalOptions, ReplayStore } from "./types.ts";
import { APPROVAL_TYP, verifyJws } from "./verify-jws.ts";

const APPROVAL_CLAIMS = new Set(["iss", "aud", "iat", "nbf", "exp", "id", "jti", "tool", "argsHash", "by"]);
const HASH_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

function invalid(message: string, check: string): MandateError {
  return new MandateError("APPROVAL_INVALID", `approval rejected: ${message}`, { details: { check } });
}

export async function issueApproval(
  key: SigningKeyEntry,
  base: { issuer: string; audience: string; now: number; ttlSeconds: number },
  request: IssueApprovalOptions,
): Promise<string> {
  if (typeof request !== "object" || request === null) throw new TypeError("issueApproval() needs options");
  if (typeof request.jti !== "string" || !JTI_PATTERN.test(request.jti))
    throw new TypeError("issueApproval(): jti must be a mandate jti");
  if (typeof request.tool !== "string" || request.tool.length === 0)
    throw new TypeError("issueApproval(): tool");
  if (request.by !== undefined && (typeof request.by !== "string" || request.by.length > 512))
    throw new TypeError("issueApproval(): by must be a string");
  const claims: ApprovalClaims = {
    iss: base.issuer,
    aud: base.audience,
    iat: base.now,
    nbf: base.now,
    exp: base.now + base.ttlSeconds,
    id: newId(),
    jti: request.jti,
    tool: request.tool,
    argsHash: argsHash(request.args),
    ...(request.by !== undefined ? { by: request.by } : {}),
  };
  return signToken(key, APPROVAL_TYP, claims);
}

export async function verifyApproval(
  token: string,
  expected: ExpectedApproval,
  deps: { keys: KeyResolver; ctx: ClaimContext; replays: ReplayStore },
): Promise<ApprovalClaims> {
  if (typeof expected !== "object" || expected === null)
    throw new TypeError("verifyApproval() needs the call");
  const hash = argsHash(expected.args);
  let claims: ApprovalClaims;
  try {
    const jws = await verifyJws(token, APPROVAL_TYP, deps.keys);
    checkIssuerAudience(jws.payload, deps.ctx);
    const times = checkTimes(jws.payload, deps.ctx);
    claims = parseApprovalClaims(jws.payload, times);
  } catch (error) {
    if (!isMandateError(error)) throw error;
    throw invalid(error.message.replace(/^mandate /, ""), error.code);
  }
  if (claims.jti !== expected.jti || claims.tool !== expected.tool || claims.argsHash !== hash)
    throw invalid("it was given for another call", "binding");
  // Last, and only once everything else holds: a failed attempt must not burn the approval.
  if (!(await deps.replays.useOnce(claims.id, claims.exp + deps.ctx.toleranceSeconds)))
    throw invalid("it was already used", "replay");
  return claims;
}

function parseApprovalClaims(
  p: StrictJsonObject,
  times: { iat: number; nbf: number; exp: number },
): ApprovalClaims {
  for (const key of Object.keys(p))
    if (!APPROVAL_CLAIMS.has(key))
      throw new MandateError("MANDATE_MALFORMED", "approval has an unknown claim");
  const id = p.id;
  const jti = p.jti;
  if (typeof id !== "string" || !JTI_PATTERN.test(id) || typeof jti !== "string" || !JTI_PATTERN.test(jti))
    throw new MandateError("MANDATE_MALFORMED", "approval id and jti must be 128-bit base64url");
  if (typeof p.argsHash !== "string" || !HASH_PATTERN.test(p.argsHash))
    throw new MandateError("MANDATE_MALFORMED", "approval argsHash must be a base64url sha256");
  const tool = identifier(p.tool, "tool");
  const by = p.by === undefined ? undefined : identifier(p.by, "by");
  return Object.freeze({
    iss: p.iss as string,
    aud: p.aud as string,
    ...times,
    id,
    jti,
    tool,
    argsHash: p.argsHash,
    ...(by !== undefined ? { by } : {}),
  });
}
