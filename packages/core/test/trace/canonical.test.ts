import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, digest } from "../../src/index.ts";
import type { JsonValue } from "../../src/json.ts";
import { eventHash } from "../../src/trace/chain.ts";
import { walkCanonical } from "../../src/trace/walk.ts";

// `canonicalize` is CommonJS whose typings declare an ES default export; require it as it is.
const canonicalize = createRequire(import.meta.url)("canonicalize") as (value: unknown) => string;

function walked(value: unknown, stringChunk = 1 << 20): string {
  let out = "";
  walkCanonical(value, {
    stringChunk,
    write: (c) => {
      out += c;
      return true;
    },
  });
  return out;
}

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const strings = fc.string({ unit: "binary", maxLength: 40 });
const tricky = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    strings,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(strings, tie("value"), { maxKeys: 5 }),
  ),
})).value as fc.Arbitrary<JsonValue>;

describe("canonicalJson (RFC 8785)", () => {
  it("equals the reference `canonicalize` on random JSON values", () => {
    fc.assert(
      fc.property(fc.oneof(json, tricky), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("the streaming digest walker equals it too, whatever the slice size", () => {
    fc.assert(
      fc.property(fc.oneof(json, tricky), fc.integer({ min: 1, max: 8 }), (value, chunk) => {
        expect(walked(value, chunk)).toBe(canonicalize(value));
      }),
      { numRuns: 1000 },
    );
  });

  it("is stable across key order and a JSON round trip", () => {
    fc.assert(
      fc.property(tricky, (value) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(value)) as JsonValue)).toBe(canonicalJson(value));
      }),
    );
    expect(canonicalJson({ b: 1, a: [1.0, "x"], c: { z: null, y: true } })).toBe(
      '{"a":[1,"x"],"b":1,"c":{"y":true,"z":null}}',
    );
    expect(canonicalJson(JSON.parse("1.0") as number)).toBe("1");
    expect(canonicalJson({ "\u20ac": 1, "\r": 2, "\ud83d\ude00": 3, a: 4 })).toBe(
      canonicalize({ "\u20ac": 1, "\r": 2, "\ud83d\ude00": 3, a: 4 }),
    );
  });

  it("RFC 8785 number serialisation vectors", () => {
    const vectors: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [1e21, "1e+21"],
      [1e-7, "1e-7"],
      [333333333.3333333, "333333333.3333333"],
      [9007199254740992, "9007199254740992"],
      [5e-324, "5e-324"],
      [-1.7976931348623157e308, "-1.7976931348623157e+308"],
    ];
    for (const [n, text] of vectors) expect(canonicalJson(n)).toBe(text);
  });

  it("keeps NFC and NFD strings distinct (no normalisation, as RFC 8785 says)", () => {
    expect(canonicalJson("\u00e9")).not.toBe(canonicalJson("e\u0301"));
  });
});

describe("hash input domain separation (L-08)", () => {
  it('{a:"ab",b:"c"} and {a:"a",b:"bc"} never share a hash input or a hash', () => {
    const x = eventHash("", { a: "ab", b: "c" });
    const y = eventHash("", { a: "a", b: "bc" });
    expect(x).not.toBe(y);
    expect(digest({ a: "ab", b: "c" }).sha256).not.toBe(digest({ a: "a", b: "bc" }).sha256);
  });

  it("hash = sha256(prev + '\\n' + canonical)", () => {
    const prev = "f".repeat(64);
    const expected = createHash("sha256").update(`${prev}\n{"a":1,"b":"x"}`).digest("hex");
    expect(eventHash(prev, { b: "x", a: 1 })).toBe(expected);
  });
});
