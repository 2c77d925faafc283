/**
 * The MandateAuthority: holds one signing key (plus older public keys for rotation), mints root
 * mandates, delegates (attenuates) them, verifies, revokes, and issues single-use approvals.
 */
import { sign as cryptoSign } from "node:crypto";
import type { JWK } from "jose";
import { issueApproval, verifyApproval } from "./approval.ts";
import { type AuthoritySettings, normaliseAuthorityOptions } from "./authority-options.ts";
import { JTI_PATTERN } from "./claims.ts";
import { buildChildClaims } from "./delegate.ts";
import { MAX_TOKEN_LENGTH } from "./format.ts";
import { buildRootClaims } from "./issue.ts";
import { type KeyResolver, localResolver } from "./key-resolver.ts";
import { importPublicKey, loadSigningKey, type PublicKeyEntry, type SigningKeyEntry } from "./keys.ts";
import { createMemoryReplayStore } from "./replay.ts";
import { createMemoryRevocationStore } from "./revocation.ts";
import { signToken } from "./sign.ts";
import type {
  ApprovalClaims,
  AuthorityEvent,
  CheckpointSigner,
  DelegateOptions,
  ExpectedApproval,
  IssueApprovalOptions,
  IssueOptions,
  MandateAuthorityOptions,
  MandateClaims,
  MandateVerifier,
  ReplayStore,
  VerificationKey,
  VerifiedMandate,
  VerifyOptions,
} from "./types.ts";
import { MANDATE_TYP } from "./verify-jws.ts";
import { createVerifyCore, type MandateVerifyCore, positiveInt } from "./verify-mandate.ts";

export class MandateAuthority implements MandateVerifier {
  readonly #settings: AuthoritySettings;
  readonly #key: SigningKeyEntry;
  readonly #publicKeys: ReadonlyMap<string, PublicKeyEntry>;
  readonly #resolver: KeyResolver;
  readonly #core: MandateVerifyCore;
  readonly #replays: ReplayStore;
  readonly #revoke: (jti: string, until: number) => Promise<void>;

  private constructor(
    settings: AuthoritySettings,
    key: SigningKeyEntry,
    publicKeys: ReadonlyMap<string, PublicKeyEntry>,
    stores: Pick<MandateAuthorityOptions, "revocations" | "replays">,
  ) {
    this.#settings = settings;
    this.#key = key;
    this.#publicKeys = publicKeys;
    this.#resolver = localResolver(publicKeys);
    const revocations = stores.revocations ?? createMemoryRevocationStore({ clock: settings.clock });
    this.#revoke = (jti, until) => revocations.revoke(jti, until);
    this.#replays = stores.replays ?? createMemoryReplayStore({ clock: settings.clock });
    this.#core = createVerifyCore({
      issuer: settings.issuer,
      audiences: settings.audiences,
      keys: this.#resolver,
      revocations,
      clock: settings.clock,
      toleranceSeconds: settings.toleranceSeconds,
      maxTtlSeconds: settings.maxTtlSeconds,
      cacheSize: settings.cacheSize,
    });
  }

  static async create(options: MandateAuthorityOptions): Promise<MandateAuthority> {
    const settings = normaliseAuthorityOptions(options);
    const key = await loadSigningKey(options.signingKey, settings.algorithm);
    const publicKeys = new Map<string, PublicKeyEntry>([[key.kid, key]]);
    if (options.additionalKeys !== undefined && !Array.isArray(options.additionalKeys))
      throw new TypeError("additionalKeys must be an array of public keys");
    for (const extra of options.additionalKeys ?? []) {
      const entry = importPublicKey(extra);
      if (!publicKeys.has(entry.kid)) publicKeys.set(entry.kid, entry);
    }
    return new MandateAuthority(settings, key, publicKeys, options);
  }

  get issuer(): string {
    return this.#settings.issuer;
  }

  /** Mints a root mandate (depth 0). */
  async issue(options: IssueOptions): Promise<string> {
    const claims = buildRootClaims(options, this.#settings, this.#core.nowSeconds());
    const token = await this.#mint(claims);
    this.#emit({
      kind: "mandate.issue",
      jti: claims.jti,
      sub: claims.sub,
      depth: 0,
      exp: claims.exp,
      intent: claims.intent.id,
      tnt: claims.tnt,
    });
    return token;
  }

  /** Mints a narrower child of `parent` (which must itself verify: not expired, not revoked). */
  async delegate(parent: string, options: DelegateOptions): Promise<string> {
    const s = this.#settings;
    const verified = await this.#core.verify(parent);
    const claims = buildChildClaims(verified.claims, options, {
      issuer: s.issuer,
      audiences: s.audiences,
      now: this.#core.nowSeconds(),
      defaultTtlSeconds: s.defaultTtlSeconds,
      maxTtlSeconds: s.maxTtlSeconds,
    });
    const token = await this.#mint(claims);
    this.#emit({
      kind: "mandate.delegate",
      jti: claims.jti,
      parentJti: verified.jti,
      sub: claims.sub,
      depth: claims.dep,
      exp: claims.exp,
    });
    return token;
  }

  verify(token: string, options?: VerifyOptions): Promise<VerifiedMandate> {
    return this.#core.verify(token, options);
  }

  /** Revokes the mandate and, through `chn`, every descendant, at once (cache hits check it too). */
  async revoke(jti: string): Promise<void> {
    if (typeof jti !== "string" || !JTI_PATTERN.test(jti))
      throw new TypeError("revoke() needs a mandate jti");
    const s = this.#settings;
    // Keep the entry until no descendant can still be valid: descendants never outlive the revoked
    // mandate. If we never saw it, assume the longest lifetime a mandate of ours can have.
    const exp = this.#core.expOf(jti) ?? this.#core.nowSeconds() + s.maxTtlSeconds + s.toleranceSeconds;
    await this.#revoke(jti, exp + s.toleranceSeconds);
    this.#emit({ kind: "mandate.revoke", jti });
  }

  async issueApproval(request: IssueApprovalOptions): Promise<string> {
    const s = this.#settings;
    const ttl = positiveInt(request?.ttlSeconds, s.approvalTtlSeconds, "ttlSeconds", s.maxTtlSeconds);
    return issueApproval(
      this.#key,
      { issuer: s.issuer, audience: s.audiences[0]!, now: this.#core.nowSeconds(), ttlSeconds: ttl },
      request,
    );
  }

  /** Checks an approval for exactly this call and consumes it (single use). */
  verifyApproval(token: string, expected: ExpectedApproval): Promise<ApprovalClaims> {
    const s = this.#settings;
    const ctx = {
      issuer: s.issuer,
      audiences: s.audiences,
      now: this.#core.nowSeconds(),
      toleranceSeconds: s.toleranceSeconds,
      maxTtlSeconds: s.maxTtlSeconds,
    };
    return verifyApproval(token, expected, { keys: this.#resolver, ctx, replays: this.#replays });
  }

  /** Public keys (current signing key first), as a JWKS to publish or hand to `createVerifier`. */
  jwks(): { keys: JWK[] } {
    return { keys: [...this.#publicKeys.values()].map((k) => ({ ...k.jwk })) };
  }

  verificationKeys(): readonly VerificationKey[] {
    return Object.freeze(
      [...this.#publicKeys.values()].map((k) =>
        Object.freeze({ kid: k.kid, alg: k.alg, publicKey: k.publicKey, jwk: k.jwk }),
      ),
    );
  }

  /**
   * Signs trace checkpoints with the authority's signing key. EdDSA: Ed25519 over the bytes. ES256:
   * ECDSA P-256 with SHA-256, signature in IEEE P1363 (r||s, 64 bytes) as in JWS.
   */
  checkpointSigner(): CheckpointSigner {
    const { kid, alg, privateKey } = this.#key;
    return Object.freeze({
      kid,
      alg,
      sign: (bytes: Uint8Array) =>
        alg === "EdDSA"
          ? new Uint8Array(cryptoSign(null, bytes, privateKey))
          : new Uint8Array(cryptoSign("sha256", bytes, { key: privateKey, dsaEncoding: "ieee-p1363" })),
    });
  }

  async #mint(claims: MandateClaims): Promise<string> {
    const token = await signToken(this.#key, MANDATE_TYP, claims);
    if (token.length > MAX_TOKEN_LENGTH) throw new TypeError("the mandate would exceed the token size limit");
    this.#core.remember(claims.jti, claims.exp);
    return token;
  }

  #emit(event: AuthorityEvent): void {
    try {
      this.#settings.onEvent?.(Object.freeze(event));
    } catch {
      // The trace hook must never break minting or revocation.
    }
  }
}
