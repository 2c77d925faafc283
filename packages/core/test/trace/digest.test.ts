import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createTracer, digest, memorySink } from "../../src/index.ts";

// `canonicalize` is CommonJS whose typings declare an ES default export; require it as it is.
const canonicalize = createRequire(import.meta.url)("canonicalize") as (value: unknown) => string;

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const JWT =
  "eyJhbGciOiJFZERTQSIsInR5cCI6Im1hbmRhdGUrand0In0.eyJzdWIiOiJhZ2VudDpyZXNlYXJjaGVyIiwianRpIjoiYWJjIn0.c2lnbmF0dXJlc2lnbmF0dXJl";

describe("digest", () => {
  it("hashes the canonical JSON of the original value; size is its UTF-8 length", () => {
    const value = { to: "bob@acme.example", password: "hunter2", amount: 12.5, note: "caf\u00e9" };
    const d = digest(value);
    const canonical = canonicalize(value) as string;
    expect(d.sha256).toBe(sha(canonical));
    expect(d.size).toBe(Buffer.byteLength(canonical));
    expect(d.preview).toBe(
      '{"amount":12.5,"note":"caf\u00e9","password":"[REDACTED]","to":"bob@acme.example"}',
    );
    expect(d.truncated).toBeUndefined();
    expect(digest({ note: "caf\u00e9", amount: 12.5, to: "bob@acme.example", password: "hunter2" })).toEqual(
      d,
    );
  });

  it("redacts the default secret keys at any depth", () => {
    const d = digest({
      headers: { Authorization: "Bearer abc", Cookie: "sid=1", "x-api-key": "k1" },
      creds: [{ client_secret: "s1", accessToken: "t1", privateKey: "p1", credentials: "c1", passwd: "p2" }],
      keep: "visible",
    });
    for (const secret of ["Bearer abc", "sid=1", "k1", "s1", "t1", "p1", "c1", "p2"]) {
      expect(d.preview).not.toContain(`"${secret}"`);
    }
    expect(d.preview).toContain('"keep":"visible"');
    expect(d.preview.match(/\[REDACTED\]/g)).toHaveLength(8);
  });

  it("redaction is configurable: extra keys, patterns, a predicate, or no defaults", () => {
    const value = { ssn: "123-45-6789", iban: "DE89", card: "4111", token: "t", keep: 1 };
    expect(digest(value, { redactKeys: ["SSN", /^ib/i] }).preview).toBe(
      '{"card":"4111","iban":"[REDACTED]","keep":1,"ssn":"[REDACTED]","token":"[REDACTED]"}',
    );
    expect(digest(value, { redact: (_k, v) => v === "4111", redactDefaults: false }).preview).toBe(
      '{"card":"[REDACTED]","iban":"DE89","keep":1,"ssn":"123-45-6789","token":"t"}',
    );
    expect(() => digest(value, { redactKeys: [1 as never] })).toThrow(TypeError);
  });

  it("redacts JWT-shaped strings anywhere in values, even with defaults off", () => {
    const d = digest({ msg: `use ${JWT} now`, list: [JWT] }, { redactDefaults: false });
    expect(d.preview).toBe('{"list":["[REDACTED]"],"msg":"use [REDACTED] now"}');
    expect(d.preview).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
  });

  it("a token cut by the preview cap leaves no prefix behind", () => {
    const d = digest(`${"x".repeat(20)}eyJhbGciOiJFZERTQSIsInR5cCI6Im1hbmRhdGUrand0In0`, {
      previewChars: 30,
    });
    expect(d.truncated).toBe(true);
    expect(d.preview).not.toContain("eyJ");
  });

  it("escapes control and bidi characters in the preview (L-06)", () => {
    const d = digest({
      subject: "\u001b[2K\r\u001b[32mAPPROVED",
      to: "bob\u202e@evil",
      c1: "\u009b31m",
      ls: "a\u2028b",
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are absent
    expect(d.preview).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/);
    expect(d.preview).toContain("\\u001b[2K\\r\\u001b[32mAPPROVED");
    expect(d.preview).toContain("bob\\u202e@evil");
    expect(JSON.parse(d.preview)).toEqual({
      subject: "\u001b[2K\r\u001b[32mAPPROVED",
      to: "bob\u202e@evil",
      c1: "\u009b31m",
      ls: "a\u2028b",
    });
  });

  it("is total: cycles, BigInt, binary, throwing getters, undefined", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.me = cyclic;
    expect(digest(cyclic).preview).toBe('{"a":1,"me":"[Circular]"}');
    expect(digest(12345678901234567890n).preview).toBe('"12345678901234567890"');
    expect(digest(Buffer.from("hi")).preview).toBe('"base64:aGk="');
    const evil = Object.defineProperty({}, "boom", {
      enumerable: true,
      get() {
        throw new Error("nope");
      },
    });
    expect(digest(evil).preview).toBe('{"boom":"[Unserializable]"}');
    expect(digest(undefined).preview).toBe("null");
    expect(digest(Symbol("s")).preview).toBe("null");
    let deep: unknown = "end";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(digest(deep).size).toBeGreaterThan(0);
  });

  it("a 20 MB value: bounded preview, correct hash and size, bounded memory", () => {
    const body = "a".repeat(20 * 1024 * 1024);
    const before = process.memoryUsage().heapUsed;
    const d = digest({ body, to: "x" });
    const growth = process.memoryUsage().heapUsed - before;
    expect(d.preview.length).toBeLessThanOrEqual(256);
    expect(d.preview.endsWith("…")).toBe(true);
    expect(d.truncated).toBe(true);
    expect(d.size).toBe(body.length + '{"body":"","to":"x"}'.length);
    expect(d.sha256).toBe(sha(`{"body":"${body}","to":"x"}`));
    expect(growth).toBeLessThan(64 * 1024 * 1024);
    expect(digest(body, { previewChars: 32 }).preview).toHaveLength(32);
  });

  it("no redacted value appears anywhere in the serialised trace event", () => {
    const sink = memorySink();
    const tracer = createTracer({ sinks: [sink] });
    const secrets = ["hunter2", "sk-live-123", JWT, "Bearer xyz"];
    tracer.emit({
      kind: "tool.request",
      tool: "login",
      args: digest({
        user: "bob",
        password: "hunter2",
        apiKey: "sk-live-123",
        note: JWT,
        Authorization: "Bearer xyz",
      }),
    });
    const text = JSON.stringify(sink.events);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
  });

  it("rejects a bad previewChars", () => {
    expect(() => digest(1, { previewChars: 2 })).toThrow(
      new TypeError("`previewChars` must be an integer >= 8"),
    );
  });
});

describe("a token longer than a preview slice", () => {
  it("is redacted whole: no part of it reaches the preview, whatever the preview size", () => {
    const body = "A".repeat(12_000);
    const value = { note: `before eyJ${body}.eyJ${body}.sig after`, z: "end" };
    for (const previewChars of [8, 64, 300, 5_000, 40_000]) {
      const { preview } = digest(value, { previewChars });
      expect(preview).not.toMatch(/AAAA|eyJ/);
      if (previewChars >= 5_000) expect(preview).toBe('{"note":"before [REDACTED] after","z":"end"}');
    }
  });
});

describe("tokens at preview slice boundaries and in keys", () => {
  // With previewChars 64 a string is previewed in slices of 2 * 64 + 4096 = 4224 characters.
  const SLICE = 4224;
  const secret = "eyJhbGciOiJkaXIifQ..c2VjcmV0LWp3ZS1ib2R5.SECRETTAG";
  it.each([1, 2])("a token whose eyJ is cut after %i character(s) is still redacted", (cut) => {
    // the first slice is one long token (redacted to a few characters, so the preview stays open)
    const filler = `eyJ${"A".repeat(SLICE - 3 - 3 - cut)}.x `;
    const value = `${filler}${secret}`;
    expect(filler.length + cut).toBe(SLICE);
    const { preview } = digest(value, { previewChars: 64 });
    expect(preview).not.toContain("SECRETTAG");
    expect(preview).not.toContain("hbGci");
    expect(preview).toBe('"[REDACTED] [REDACTED]"');
  });

  it("a token used as an object key is redacted in the preview, and still hashed", () => {
    const a = digest({ [secret]: 1 });
    expect(a.preview).toBe('{"[REDACTED]":"[REDACTED]"}'); // the key also names a secret
    expect(a.sha256).not.toBe(digest({ other: 1 }).sha256);
  });
});
