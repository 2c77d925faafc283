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
