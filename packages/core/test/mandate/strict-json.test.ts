import { describe, expect, it } from "vitest";
import { parseStrictJson } from "../../src/mandate/strict-json.ts";

describe("strict JSON", () => {
  it("parses what JSON.parse parses, into frozen null-prototype objects", () => {
    for (const text of [
      '{"a":[1,-2.5e3,true,false,null,"x\\u0041\\n"],"b":{}}',
      "[]",
      '"s"',
      " 1 ",
      '{"":0}',
    ]) {
      expect(parseStrictJson(text)).toEqual(JSON.parse(text));
    }
    const v = parseStrictJson('{"a":{"b":1}}') as Record<string, Record<string, number>>;
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(Object.isFrozen(v.a)).toBe(true);
  });

  it("refuses duplicates (also escaped spellings), forbidden keys, invalid JSON and deep nesting", () => {
    for (const text of [
      '{"a":1,"a":2}',
      '{"a":1,"\\u0061":2}',
      '{"x":{"a":1,"a":2}}',
      '{"__proto__":{}}',
      '{"constructor":1}',
      '{"prototype":1}',
      "{'a':1}",
      '{"a":1,}',
      "[1,]",
      "01",
      "NaN",
      '"\u0001"',
      '{"a":1} x',
      "1e999",
      "[".repeat(40) + "]".repeat(40),
    ])
      expect(() => parseStrictJson(text), text).toThrow();
  });
});
