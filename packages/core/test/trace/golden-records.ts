import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import type { JWK } from "jose";
import type { CheckpointSigner, TraceRecord } from "../../src/index.ts";
import { digest } from "../../src/index.ts";

/**
 * The input of the golden trace (fixtures/golden.jsonl): realistic hops plus hostile values, with a
 * deterministic clock and signer, so the bytes the tracer writes for them can be pinned. The fixture
 * was written by the tracer as of commit b7c3e1c, before its hot path was optimised (span ids from
 * the same counter golden.test.ts uses); any change of output is a format break.
 */

/** Ed25519 from a fixed seed (PKCS#8 prefix + 32 bytes): its signatures are deterministic. */
const goldenKey = () =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.alloc(32, 7)]),
    format: "der",
    type: "pkcs8",
  });

export function goldenSigner(): CheckpointSigner {
  const key = goldenKey();
  return { kid: "golden", alg: "EdDSA", sign: (bytes) => sign(null, bytes, key) };
}

/** The public half of the golden signer, for `verifyTrace`. */
export function goldenJwk(): JWK {
  return { ...(createPublicKey(goldenKey()).export({ format: "jwk" }) as JWK), kid: "golden", alg: "EdDSA" };
}

/** Repeated milliseconds, a second, a day and a year boundary, a backwards step, a far future. */
export function goldenClock(): () => Date {
  const base = Date.UTC(2025, 11, 31, 23, 59, 59, 998);
  const steps = [0, 0, 1, 1, 2, 3, 1002, -500, 86_400_000, 86_400_000, 253_402_300_800_000 - base];
  let i = 0;
  return () => new Date(base + (steps[i++ % steps.length] ?? 0));
}

const JWT =
  "eyJhbGciOiJFZERTQSIsInR5cCI6Im1hbmRhdGUrand0In0.eyJzdWIiOiJhZ2VudDpyZXNlYXJjaGVyIn0.c2lnbmF0dXJl";

/** Strings that exercise every escaping rule: JSON's, the unsafe-character set, and its edges. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  "plain ascii",
  'quote " and backslash \\',
  "\b\f\n\r\t",
  "\u0000\u0001\u001f",
  "\u007e\u007f\u0080\u009b\u009f\u00a0",
  "soft\u00adhyphen \u061c \u180e",
  "\u200a\u200b\u200c\u200d\u200e\u200f\u2010",
  "line\u2028sep para\u2029sep",
  "\u2027\u202a\u202b\u202c\u202d\u202e\u202f",
  "\u205f\u2060\u2064\u2066\u2067\u2068\u2069\u206a",
  "\ufeffbom \ufeff",
  "lone \ud800 high, lone \udfff low, cut pair \ud83d",
  "emoji \ud83d\ude00 cjk \u6f22\u5b57 arabic \u0627\u0644\u0639\u0631\u0628\u064a\u0629",
  "nfc \u00e9 nfd e\u0301",
  '{"v":"mandate.trace/v1","seq":2,"kind":"tool.result"}',
  'x"}\n{"v":"mandate.trace/v1","seq":99,"kind":"tool.decision","effect":"allow"}\n',
  "\u001b[2K\r\u001b[32mAPPROVED\u001b[0m",
  "pay\u202eevil.exe",
  "ascii but DEL \u007f",
];

const NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1.5,
  0.1 + 0.2,
  1e21,
  1e-7,
  2 ** 53,
  2 ** 53 + 2,
  123456789012345680000,
  1.7976931348623157e308,
  5e-324,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

function hostileObject(): Record<string, unknown> {
  const cyclic: Record<string, unknown> = { name: "loop" };
  cyclic.self = cyclic;
  const throwing = Object.defineProperty({}, "boom", {
    enumerable: true,
    get() {
      throw new Error("nope");
    },
  });
  const many: Record<string, number> = {};
  for (let i = 0; i < 40; i++) many[`k${(i * 7919) % 40}`] = i;
  return {
    strings: HOSTILE_STRINGS,
    numbers: NUMBERS,
    big: 12345678901234567890123n,
    date: new Date(Date.UTC(2026, 1, 3, 4, 5, 6, 7)),
    map: new Map([["a", 1]]),
    nested: { z: { y: { x: [1, [2, [3, { deep: "\u2028" }]]] } }, a: [] as unknown[], m: {} },
    sparse: [1, undefined, () => 1, Symbol("s"), null],
    dropped: undefined,
    fn: () => 1,
    keys: { "\uffff": 1, "\ud83d\ude00": 2, "\u00e9": 3, "10": 4, "2": 5, "": 6, A: 7, a: 8, "\u2028": 9 },
    many,
    cyclic,
    throwing,
    toJsonThrows: {
      toJSON() {
        throw new Error("no");
      },
    },
    buffer: Buffer.from("hi\u2028"),
  };
}

/**
 * Hops of a guarded run, then records carrying hostile values directly and as digests. `digestOf`
 * is a parameter so the fixture can be regenerated with the code it pins.
 */
export function goldenRecords(digestOf: typeof digest = digest): TraceRecord[] {
  const out: TraceRecord[] = [
    { kind: "run.start", run: "run-1", thread: "t-1", agent: "orchestrator", span: "s0" },
  ];
  const common = { thread: "t-1", agent: "researcher", tool: "read_doc" };
  for (let i = 0; i < 3; i++) {
    const span = `call_${i}`;
    const args = { doc: `q${i}-report.pdf`, password: "hunter2", page: i, note: HOSTILE_STRINGS[i + 16] };
    out.push({ kind: "tool.request", ...common, span, callId: span, action: "read", args: digestOf(args) });
    out.push({
      kind: "tool.decision",
      ...common,
      span,
      callId: span,
      effect: i === 2 ? "deny" : "allow",
      ruleIds: ["reads-within-intent"],
      reason: "read within the declared intent",
      controls: ["OWASP-ASI02"],
      code: i === 2 ? "POLICY_DENIED" : undefined,
      latencyNs: 15_000 + i,
      jti: "5f0c1e8a9b7d4c3e2a1f0e9d8c7b6a59",
      depth: 1,
    });
    out.push({ kind: "tool.result", ...common, span, callId: span, result: digestOf({ text: "done", i }) });
  }
  const hostile = hostileObject();
  // not JSON on purpose (BigInt, Date, Map, cycles, getters…): the tracer copies it as JSON
  out.push({ kind: "model.call", span: "h1", ...(hostile as Record<string, never>) });
  out.push({
    kind: "tool.request",
    span: "h2",
    agent: "a\u009b31m\u202e",
    thread: "t\n2",
    tool: 'x"}\n{"seq":1}',
    args: digestOf(hostile),
    longArgs: digestOf({ body: `${"\u2028\ud83d\ude00".repeat(200)}`, token: JWT, msg: `use ${JWT}` }),
    custom: digestOf(
      { ssn: "1", iban: "2", keep: "\u202e" },
      { redactKeys: ["SSN", /^ib/i], previewChars: 16 },
    ),
  });
  // preview cuts at every few characters: through escapes, surrogate pairs, redacted tokens
  const cutMe = { a: '\u2028\ud83d\ude00\u001b"x', token: "t", jwt: `${JWT} tail`, z: HOSTILE_STRINGS };
  const cuts = [8, 9, 10, 11, 12, 13, 14, 15, 17, 19, 23, 29, 31, 40, 64, 100];
  out.push({
    kind: "model.call",
    span: "cuts",
    previews: cuts.map((n) => digestOf(cutMe, { previewChars: n })),
  });
  // strings and binary longer than the preview's slices: surrogate pair on a slice boundary, a
  // token that redaction shrinks, a long redacted member
  const long = {
    a: `${"x".repeat(4111)}\ud83d\ude00yy`,
    bin: Buffer.alloc(7000, 250),
    password: "p".repeat(5000),
  };
  const token = { tok: `eyJ${"a".repeat(9000)}.b.c`, z: "end" };
  out.push({
    kind: "model.call",
    span: "long",
    previews: [8, 40, 20_000].map((n) => digestOf(long, { previewChars: n })),
    tokens: [8, 64, 300].map((n) => digestOf(token, { previewChars: n })),
  });
  for (const [i, text] of HOSTILE_STRINGS.entries()) {
    out.push({ kind: "tool.error", span: `e${i}`, parent: text, agent: text, note: text, [text]: i });
  }
  out.push({ kind: "tool.result", span: "n1", values: NUMBERS as never, top: -0, huge: 1e21 });
  out.push({
    kind: "handoff",
    span: "env",
    v: "forged",
    seq: 999,
    ts: "forged",
    prev: "forged",
    hash: "forged",
    h: 1,
    has: 2,
    hasg: 3,
    hasi: 4,
    hash0: 5,
    HASH: 6,
    "ha\u00fc": 7,
  });
  // own "__proto__" members (as JSON.parse makes them) and Object.prototype names as plain keys
  out.push({
    kind: "model.call",
    span: "proto",
    nested: JSON.parse('{"__proto__":{"polluted":1},"ok":1,"constructor":2,"toString":"x"}'),
    ...JSON.parse('{"__proto__":{"top":1},"hasOwnProperty":3}'),
  });
  // top-level keys an object orders before the others, and nested "hash" members
  out.push({ kind: "model.call", span: "digits", "10": 1, "2": 2, "0": "zero", "01": 3, " ": 4, "!": 5 });
  out.push({
    kind: "model.call",
    span: "nested-hash",
    args: { hash: "", prev: "x", "1": { hash: "" } },
    note: '"hash":"",',
    list: [{ hash: "" }, '{"hash":""}'],
  });
  // keys ending in `"hash` holding "": their JSON text contains `"hash":""` too
  out.push({
    kind: "model.call",
    span: "quoted-hash",
    'a"hash': "",
    ahash: "",
    nested: { 'b"hash': "", bhash: "", 'z"hash': "" },
  });
  out.push({ kind: "run.end", run: "run-1", thread: "t-1", span: "s0" });
  return out;
}
