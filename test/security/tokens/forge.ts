/**
 * H-TOK, the token forge kit: builds tokens from raw header/payload JSON text (so duplicate members,
 * unknown `crit` and odd `alg`s are possible) and signs them with node:crypto, plus string mutators.
 */
import { createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { MandateAuthority } from "../../../packages/core/src/index.ts";

export const ISSUER = "https://auth.test";
export const AUDIENCE = "agents";
export const NOW = new Date("2026-11-22T10:00:00Z");
export const NOW_S = Math.floor(NOW.getTime() / 1000);
export const INTENT = { id: "task-1", purpose: "research and report", tools: ["search", "read_doc"] };

export const b64u = (data: string | Uint8Array): string => Buffer.from(data).toString("base64url");
export const json = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

export type Signer = (signingInput: Buffer) => Buffer;

export const signers = {
  ed25519:
    (key: KeyObject): Signer =>
    (input) =>
      sign(null, input, key),
  es256:
    (key: KeyObject): Signer =>
    (input) =>
      sign("sha256", input, { key, dsaEncoding: "ieee-p1363" }),
  rs256:
    (key: KeyObject): Signer =>
    (input) =>
      sign("sha256", input, key),
  hs256:
    (secret: string | Buffer): Signer =>
    (input) =>
      createHmac("sha256", secret).update(input).digest(),
  none: (): Signer => () => Buffer.alloc(0),
};

/** header/payload as objects or raw JSON text. */
export function craft(header: unknown, payload: unknown, signer: Signer): string {
  const input = `${b64u(json(header))}.${b64u(json(payload))}`;
  return `${input}.${b64u(signer(Buffer.from(input)))}`;
}

/** A fresh 128-bit jti. */
export const jti = (): string => randomBytes(16).toString("base64url");

export function rootClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    sub: "agent:root",
    aud: AUDIENCE,
    iat: NOW_S,
    nbf: NOW_S,
    exp: NOW_S + 300,
    jti: jti(),
    tnt: "acme",
    intent: INTENT,
    scope: [{ tools: ["search"] }],
    dlg: [{ tools: ["search", "read_doc"] }],
    dep: 0,
    mxd: 4,
    chn: [],
    ...overrides,
  };
}

export interface Kit {
  authority: MandateAuthority;
  key: KeyObject;
  kid: string;
  clock: { now: Date };
  header(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A raw-signed token with the authority's own key (valid unless the parts say otherwise). */
  forge(payload?: unknown, header?: unknown): string;
  root(): Promise<string>;
}

export async function kit(
  options: { algorithm?: "EdDSA" | "ES256"; clockToleranceSeconds?: number } = {},
): Promise<Kit> {
  const algorithm = options.algorithm ?? "EdDSA";
  const key =
    algorithm === "EdDSA"
      ? generateKeyPairSync("ed25519").privateKey
      : generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  const clock = { now: NOW };
  const authority = await MandateAuthority.create({
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithm,
    signingKey: key,
    clock: () => clock.now,
    ...(options.clockToleranceSeconds !== undefined
      ? { clockToleranceSeconds: options.clockToleranceSeconds }
      : {}),
  });
  const kid = authority.jwks().keys[0]!.kid!;
  const signer = algorithm === "EdDSA" ? signers.ed25519(key) : signers.es256(key);
  const header = (o: Record<string, unknown> = {}) => ({ alg: algorithm, typ: "mandate+jwt", kid, ...o });
  return {
    authority,
    key,
    kid,
    clock,
    header,
    forge: (payload = rootClaims(), h = header()) => craft(h, payload, signer),
    root: () =>
      authority.issue({
        subject: "agent:root",
        tenant: "acme",
        intent: INTENT,
        scope: [{ tools: ["search"] }],
        delegable: [
          { tools: ["search", "read_doc", "mail_*"], actions: ["read", "act"], when: "args.n < 10" },
        ],
      }),
  };
}

export const mutate = {
  dropSignature: (t: string) => t.slice(0, t.lastIndexOf(".") + 1),
  zeroSignature: (t: string) => `${t.slice(0, t.lastIndexOf(".") + 1)}${b64u(Buffer.alloc(64))}`,
  /** Sets an unused low bit of the last signature char: same bytes, other spelling. */
  flipUnusedBit: (t: string) => {
    const last = t.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    return t.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
  },
  padding: (t: string) => `${t}==`,
  space: (t: string) => `${t} `,
  tamperPayload: (t: string) => {
    const [h, p, s] = t.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
    return `${h}.${b64u(JSON.stringify({ ...claims, scope: [{ tools: ["*"] }] }))}.${s}`;
  },
  tamperSignature: (t: string) => {
    const sig = Buffer.from(t.slice(t.lastIndexOf(".") + 1), "base64url");
    sig[10] = (sig[10] ?? 0) ^ 0xff;
    return `${t.slice(0, t.lastIndexOf(".") + 1)}${b64u(sig)}`;
  },
  /** ES256: (r, s) -> (r, n - s), which verifies too. */
  flipS: (t: string) => {
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const sig = Buffer.from(t.slice(t.lastIndexOf(".") + 1), "base64url");
    const s = BigInt(`0x${sig.subarray(32).toString("hex")}`);
    const flipped = Buffer.from((n - s).toString(16).padStart(64, "0"), "hex");
    return `${t.slice(0, t.lastIndexOf(".") + 1)}${b64u(Buffer.concat([sig.subarray(0, 32), flipped]))}`;
  },
};

export function decodePayload(t: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(t.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
}

export type CodedError = Error & { code: string; details?: Readonly<Record<string, unknown>> };

/** Awaits `promise`, expects a MandateError with exactly `code`, and checks no token part leaks. */
export async function expectCode(
  promise: Promise<unknown>,
  code: string,
  token?: string,
): Promise<CodedError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error(`expected ${code}, but it passed`);
  const error = caught as CodedError;
  if (error.code !== code)
    throw new Error(`expected ${code}, got ${error.code ?? "no code"}: ${error.message}`);
  if (token !== undefined) assertNoLeak(error, token);
  return error;
}

export function assertNoLeak(error: Error, token: string): void {
  const text = `${error.message} ${JSON.stringify((error as { details?: unknown }).details ?? {})} ${String(error.stack)}`;
  for (const segment of token.trim().split(".")) {
    if (segment.length >= 8 && text.includes(segment)) throw new Error("error text contains a token segment");
  }
}
