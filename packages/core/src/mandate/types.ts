import type { KeyObject, webcrypto } from "node:crypto";
import type { JWK } from "jose";
import type { Intent } from "../intent/intent.ts";
import type { ToolAction } from "../policy/types.ts";

/** What a mandate lets its holder do (scope) or hand on (dlg). */
export interface Grant {
  /** Exact names, `prefix*`, or `*`. */
  readonly tools: readonly string[];
  /** Absent = every action. */
  readonly actions?: readonly ToolAction[];
  /** CEL over `args` (and `tool`). A child's grant carries the AND of every ancestor's condition. */
  readonly when?: string;
}

/** RFC 8693 actor chain: the parent's `sub`, nested. */
export interface Actor {
  readonly sub: string;
  readonly act?: Actor;
}

export interface MandateClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly jti: string;
  readonly tnt: string;
  readonly intent: Intent;
  readonly scope: readonly Grant[];
  readonly dlg: readonly Grant[];
  readonly dep: number;
  readonly mxd: number;
  readonly chn: readonly string[];
  readonly act?: Actor;
}

export interface VerifiedMandate {
  readonly claims: MandateClaims;
  readonly jti: string;
  readonly depth: number;
  /** `kid` of the key that signed it. */
  readonly kid: string;
}

export interface VerifyOptions {
  readonly audience?: string;
  readonly subject?: string;
}

export interface MandateVerifier {
  verify(token: string, options?: VerifyOptions): Promise<VerifiedMandate>;
}

export interface IssueOptions {
  readonly subject: string;
  readonly tenant: string;
  readonly intent: Intent;
  readonly scope: readonly Grant[];
  readonly delegable?: readonly Grant[];
  readonly ttlSeconds?: number;
  readonly maxDepth?: number;
  readonly audience?: string;
}

export interface DelegateOptions {
  readonly subject: string;
  readonly scope: readonly Grant[];
  readonly delegable?: readonly Grant[];
  readonly ttlSeconds?: number;
  readonly audience?: string;
  /** May only shrink the parent's `mxd`. */
  readonly maxDepth?: number;
}

/**
 * Where revocations live. In-memory by default; a shared store (Redis) backs several processes.
 * `until` (epoch seconds) is when the entry may be forgotten: no descendant can outlive it.
 */
export interface RevocationStore {
  revoke(jti: string, until: number): Promise<void>;
  anyRevoked(jtis: readonly string[]): Promise<boolean>;
}

/** Single-use marks for approvals (atomic check-and-set). */
export interface ReplayStore {
  /** true the first time `id` is used, false ever after (until `until`, epoch seconds). */
  useOnce(id: string, until: number): Promise<boolean>;
}

export interface ApprovalRequest {
  readonly jti: string;
  readonly tool: string;
  /** sha256 (base64url) of the RFC 8785 canonical arguments. */
  readonly argsHash: string;
}

export interface ApprovalClaims extends ApprovalRequest {
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly nbf: number;
  /** The approval's own id (single use). */
  readonly id: string;
  readonly by?: string;
}

export type SigningKeyInput = webcrypto.CryptoKey | KeyObject | JWK;

/** Events the authority reports (to the trace); never tokens or keys. */
export type AuthorityEvent =
  | {
      readonly kind: "mandate.issue";
      readonly jti: string;
      readonly sub: string;
      readonly depth: 0;
      readonly exp: number;
      readonly intent: string;
      readonly tnt: string;
    }
  | {
      readonly kind: "mandate.delegate";
      readonly jti: string;
      readonly parentJti: string;
      readonly sub: string;
      readonly depth: number;
      readonly exp: number;
    }
  | { readonly kind: "mandate.revoke"; readonly jti: string };

/** Options of `MandateAuthority.create` (DESIGN.md "Core API"), plus rotation, stores and hooks. */
export interface MandateAuthorityOptions {
  readonly issuer: string;
  /** Audiences this authority mints for; the first is the default `aud`. */
  readonly audience: string | readonly string[];
  /** Default "EdDSA" (Ed25519). */
  readonly algorithm?: "EdDSA" | "ES256";
  /** Generated when absent. A CryptoKey may be non-extractable. */
  readonly signingKey?: SigningKeyInput;
  /** Rotation: public keys of THIS issuer that still verify (e.g. the previous signing key). */
  readonly additionalKeys?: readonly SigningKeyInput[];
  /** Default 300. */
  readonly defaultTtlSeconds?: number;
  /** Default 3600; caps every lifetime (`exp - iat`), also at verification. */
  readonly maxTtlSeconds?: number;
  /** Default 4; a root's `mxd` may not exceed it. */
  readonly maxDepth?: number;
  /** Default 5, at most 60. */
  readonly clockToleranceSeconds?: number;
  readonly revocations?: RevocationStore;
  /** Single-use marks for approvals. */
  readonly replays?: ReplayStore;
  /** Verified-token cache entries (LRU). Default 10,000; 0 disables the cache. */
  readonly cacheSize?: number;
  /** Default 120. */
  readonly approvalTtlSeconds?: number;
  readonly clock?: () => Date;
  /** Told about issue/delegate/revoke (for the trace). Never receives tokens or keys; must not throw. */
  readonly onEvent?: (event: AuthorityEvent) => void;
}

/** `createVerifier` options: a process that holds only public keys. */
export interface MandateVerifierOptions {
  readonly issuer: string;
  readonly audience: string | readonly string[];
  /** A local JWKS object, or the issuer's JWKS URL (fetched through jose's remote key set). */
  readonly jwks?: { readonly keys: readonly JWK[] } | URL | string;
  /** Or the issuer's public keys directly. */
  readonly keys?: readonly SigningKeyInput[];
  readonly revocations?: RevocationStore;
  readonly clock?: () => Date;
  /** Default 5, at most 60. */
  readonly clockToleranceSeconds?: number;
  /** Default 3600. */
  readonly maxTtlSeconds?: number;
  /** Default 10,000; 0 disables the cache. */
  readonly cacheSize?: number;
}

/** Signs trace checkpoints with the authority's signing key (verify with `authority.jwks()`). */
export interface CheckpointSigner {
  readonly kid: string;
  readonly alg: "EdDSA" | "ES256";
  /** Ed25519 signature, or for ES256 an ECDSA P-256/SHA-256 signature in IEEE P1363 (r||s) form. */
  sign(bytes: Uint8Array): Uint8Array;
}

/** One public key of the authority, for offline verification. */
export interface VerificationKey {
  readonly kid: string;
  readonly alg: "EdDSA" | "ES256";
  readonly publicKey: KeyObject;
  readonly jwk: Readonly<JWK>;
}

export interface IssueApprovalOptions {
  /** The mandate's jti. */
  readonly jti: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** Who approved (an identifier, not a token). */
  readonly by?: string;
  readonly ttlSeconds?: number;
}

export interface ExpectedApproval {
  readonly jti: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
}
