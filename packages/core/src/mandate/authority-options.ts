/**
 * `MandateAuthority.create` options, validated once: misuse is a TypeError at construction, never a
 * surprise on the hot path. The result is frozen.
 */
import { HARD_MAX_DEPTH } from "./claims.ts";
import type { MandateAlgorithm } from "./keys.ts";
import type { AuthorityEvent, MandateAuthorityOptions } from "./types.ts";
import { normaliseAudiences, normaliseTolerance, positiveInt } from "./verify-mandate.ts";

export interface AuthoritySettings {
  readonly issuer: string;
  readonly algorithm: MandateAlgorithm;
  readonly audiences: readonly string[];
  readonly defaultTtlSeconds: number;
  readonly maxTtlSeconds: number;
  readonly maxDepth: number;
  readonly toleranceSeconds: number;
  readonly approvalTtlSeconds: number;
  readonly cacheSize: number;
  readonly clock: () => Date;
  readonly onEvent: ((event: AuthorityEvent) => void) | undefined;
}

export function normaliseAuthorityOptions(options: MandateAuthorityOptions): AuthoritySettings {
  if (typeof options !== "object" || options === null)
    throw new TypeError("MandateAuthority.create() needs options");
  if (typeof options.issuer !== "string" || options.issuer.length === 0)
    throw new TypeError("issuer is required");
  const algorithm = options.algorithm ?? "EdDSA";
  if (algorithm !== "EdDSA" && algorithm !== "ES256")
    throw new TypeError('algorithm must be "EdDSA" or "ES256"');
  const maxTtlSeconds = positiveInt(options.maxTtlSeconds, 3600, "maxTtlSeconds", 86_400);
  const maxDepth = options.maxDepth ?? 4;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > HARD_MAX_DEPTH)
    throw new TypeError(`maxDepth must be an integer from 0 to ${HARD_MAX_DEPTH}`);
  const clock = options.clock ?? (() => new Date());
  if (typeof clock !== "function") throw new TypeError("clock must be a function returning a Date");
  if (options.onEvent !== undefined && typeof options.onEvent !== "function")
    throw new TypeError("onEvent must be a function");
  const cacheSize = options.cacheSize ?? 10_000;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) throw new TypeError("cacheSize must be an integer >= 0");
  return Object.freeze({
    issuer: options.issuer,
    algorithm,
    audiences: normaliseAudiences(options.audience),
    defaultTtlSeconds: positiveInt(
      options.defaultTtlSeconds,
      Math.min(300, maxTtlSeconds),
      "defaultTtlSeconds",
      maxTtlSeconds,
    ),
    maxTtlSeconds,
    maxDepth,
    toleranceSeconds: normaliseTolerance(options.clockToleranceSeconds),
    approvalTtlSeconds: positiveInt(
      options.approvalTtlSeconds,
      Math.min(120, maxTtlSeconds),
      "approvalTtlSeconds",
      maxTtlSeconds,
    ),
    cacheSize,
    clock,
    onEvent: options.onEvent,
  });
}
