import { createHash } from "node:crypto";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MandateAuthority } from "@mandate/core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { lines, runCli } from "./helpers.ts";

vi.setConfig({ testTimeout: 30_000 });

const ISSUER = "https://auth.acme.example";
const AUDIENCE = "mandate-agents";
const intent = { id: "task-1", purpose: "inspect tokens", tools: ["search"] };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mandate-cli-keys-"));
});

async function keysNew(args: readonly string[]): Promise<{ kid: string; out: string }> {
  const out = join(dir, `k-${Math.random().toString(36).slice(2)}`);
  const result = await runCli(["keys", "new", "--out", out, ...args]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const printed = lines(result.stdout);
  const kid = printed[0]?.replace(/^kid /, "") ?? "";
  expect(printed.slice(1)).toEqual([
    `alg ${args.includes("ES256") ? "ES256" : "EdDSA"}`,
    `private ${join(out, "private.jwk.json")} (0600)`,
    `public ${join(out, "jwks.json")}`,
  ]);
  return { kid, out };
}

function thumbprint(jwk: Record<string, string>): string {
  const members = jwk.kty === "OKP" ? ["crv", "kty", "x"] : ["crv", "kty", "x", "y"];
  const json = `{${members.map((m) => `"${m}":"${jwk[m]}"`).join(",")}}`;
  return createHash("sha256").update(json).digest("base64url");
}

describe("mandate keys new", () => {
  for (const alg of ["EdDSA", "ES256"] as const) {
    it(`writes a ${alg} pair: private 0600, public JWKS, kid = RFC 7638 thumbprint`, async () => {
      const { kid, out } = await keysNew(alg === "EdDSA" ? [] : ["--alg", "ES256"]);
      const priv = JSON.parse(await readFile(join(out, "private.jwk.json"), "utf8")) as Record<
        string,
        string
      >;
      const jwks = JSON.parse(await readFile(join(out, "jwks.json"), "utf8")) as {
        keys: Record<string, string>[];
      };
      expect((await stat(join(out, "private.jwk.json"))).mode & 0o777).toBe(0o600);
      expect(jwks.keys).toHaveLength(1);
      const pub = jwks.keys[0] ?? {};
      expect(pub.d).toBeUndefined();
      expect(typeof priv.d).toBe("string");
      expect(pub).toMatchObject({ kid, alg, use: "sig", kty: alg === "EdDSA" ? "OKP" : "EC" });
      expect(priv.kid).toBe(kid);
      expect(thumbprint(pub)).toBe(kid);
    });
  }

  it("refuses to overwrite existing keys without --force (exit 2)", async () => {
    const { out } = await keysNew([]);
    const again = await runCli(["keys", "new", "--out", out]);
    expect(again.code).toBe(2);
    expect(lines(again.stderr)).toEqual([
      `mandate: keys new: ${out} already holds key files (use --force to overwrite)`,
    ]);
    expect((await runCli(["keys", "new", "--out", out, "--force"])).code).toBe(0);
  });

  it("makes keys the core can sign mandates with, and token inspect verifies them", async () => {
    const { kid, out } = await keysNew([]);
    const signingKey = JSON.parse(await readFile(join(out, "private.jwk.json"), "utf8")) as Record<
      string,
      string
    >;
    const authority = await MandateAuthority.create({ issuer: ISSUER, audience: AUDIENCE, signingKey });
    const token = await authority.issue({
      subject: "agent-1",
      tenant: "acme",
      intent,
      scope: [{ tools: ["search"] }],
    });
    const result = await runCli([
      "token",
      "inspect",
      token,
      "--keys",
      join(out, "jwks.json"),
      "--issuer",
      ISSUER,
      "--audience",
      AUDIENCE,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  kid: "${kid}"`);
    expect(lines(result.stdout).at(-1)).toMatch(
      /^VERIFIED: signature, issuer, audience and lifetime ok \(jti [A-Za-z0-9_-]+\)$/,
    );
  });
});

describe("mandate token inspect", () => {
  let token: string;
  let jwksPath: string;

  beforeAll(async () => {
    const authority = await MandateAuthority.create({ issuer: ISSUER, audience: AUDIENCE });
    token = await authority.issue({
      subject: "spiffe://acme.example/agent/a",
      tenant: "acme",
      intent,
      scope: [{ tools: ["search"] }],
    });
    jwksPath = join(dir, "authority.jwks.json");
    await writeFile(jwksPath, JSON.stringify(authority.jwks()));
  });

  it("decodes header and claims, marked UNVERIFIED without keys, and never prints the token", async () => {
    const result = await runCli(["token", "inspect", token]);
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toBe("header");
    expect(out).toContain('  alg: "EdDSA"');
    expect(out).toContain('  typ: "mandate+jwt"');
    expect(out).toContain("claims");
    expect(out).toContain('  iss: "https://auth.acme.example"');
    expect(out).toContain('  sub: "spiffe://acme.example/agent/a"');
    expect(out.some((l) => /^ {2}exp: \d+ {2}\(\d{4}-\d\d-\d\dT/.test(l))).toBe(true);
    expect(out.at(-1)).toBe(
      "UNVERIFIED: signature, issuer, audience and expiry not checked (pass --keys, --issuer, --audience)",
    );
    const [h, p, s] = token.split(".");
    for (const part of [token, h, p, s]) expect(result.stdout).not.toContain(part);
  });

  it("reads the token from stdin with -", async () => {
    const result = await runCli(
      ["token", "inspect", "-", "--keys", jwksPath, "--issuer", ISSUER, "--audience", AUDIENCE],
      {
        input: `${token}\n`,
      },
    );
    expect(result.code).toBe(0);
    expect(lines(result.stdout).at(-1)).toMatch(/^VERIFIED: /);
  });

  it("prints INVALID with the MandateError code and exits 1 when verification fails", async () => {
    const [h, p, s = ""] = token.split(".");
    const forged = `${h}.${p}.${s.slice(0, -4)}${s.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    const cases: [string, string[], string][] = [
      [forged, [ISSUER, AUDIENCE], "MANDATE_SIGNATURE_INVALID"],
      [token, [ISSUER, "someone-else"], "MANDATE_AUDIENCE_MISMATCH"],
      [token, ["https://other.example", AUDIENCE], "MANDATE_ISSUER_MISMATCH"],
    ];
    for (const [jwt, [issuer, audience], code] of cases) {
      const result = await runCli([
        "token",
        "inspect",
        jwt,
        "--keys",
        jwksPath,
        "--issuer",
        issuer ?? "",
        "--audience",
        audience ?? "",
      ]);
      expect(result.code, code).toBe(1);
      expect(lines(result.stdout).at(-1), code).toMatch(new RegExp(`^INVALID: ${code}: `));
      expect(result.stdout).not.toContain(jwt);
    }
  });

  it("rejects what is not a JWT (exit 1) without echoing it", async () => {
    const result = await runCli(["token", "inspect", "not-a-token-secret"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      "mandate: token inspect: not a compact JWT (three base64url parts)",
    ]);
  });

  it("refuses a private key as the key set (exit 2)", async () => {
    const { out } = await keysNew([]);
    const result = await runCli([
      "token",
      "inspect",
      token,
      "--keys",
      join(out, "private.jwk.json"),
      "--issuer",
      ISSUER,
      "--audience",
      AUDIENCE,
    ]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `mandate: key set "${join(out, "private.jwk.json")}" holds a private key; pass the public jwks.json`,
    ]);
  });
});
