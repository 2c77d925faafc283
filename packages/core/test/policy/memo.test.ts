import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emails, loadPolicy, urlHost } from "../../src/index.ts";
import { lastInput } from "../../src/policy/memo.ts";

/** A pure function that counts its calls, to see when the memo answers instead. */
function counted<T>(fn: (value: unknown) => T) {
  const calls: unknown[] = [];
  return {
    calls,
    fn: (value: unknown) => {
      calls.push(value);
      return fn(value);
    },
  };
}

describe("lastInput memo", () => {
  it("answers a repeated string from memory and recomputes on a new one", () => {
    const spy = counted(emails);
    const memo = lastInput(spy.fn);
    const a = "Boss <boss@acme.example>, x@evil.example";
    const b = "y@acme.example";
    const first = memo(a);
    expect(memo(a)).toBe(first);
    expect(spy.calls).toEqual([a]);
    expect(memo(b)).toEqual(["y@acme.example"]);
    expect(memo(a)).toEqual(["boss@acme.example", "x@evil.example"]);
    expect(memo(a)).toEqual(["boss@acme.example", "x@evil.example"]);
    expect(spy.calls).toEqual([a, b, a]);
  });

  it("property: over any sequence of alternating inputs, results equal the plain functions", () => {
    const strings = fc.constantFrom(
      "a@acme.example",
      "Boss <boss@acme.example>; X <x@EVIL.example.>",
      "junk",
      "",
      "https://good.example@evil.example:8080/x",
      "https://ACME.example./",
      "ftp://[::1]/",
      "not a url",
    );
    const nonStrings = fc.constantFrom<unknown>(
      ["a@acme.example", "junk"],
      ["https://evil.example/"],
      [],
      42,
      null,
      undefined,
      { to: "a@acme.example" },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(strings, nonStrings), { minLength: 1, maxLength: 30 }), (inputs) => {
        const memoEmails = lastInput(emails);
        const memoHost = lastInput(urlHost as (value: unknown) => string);
        for (const input of inputs) {
          expect(memoEmails(input)).toEqual(emails(input));
          expect(memoHost(input)).toBe(urlHost(input as string));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("freezes what it shares: writing to a result throws and the next answer is unchanged", () => {
    const memo = lastInput(emails);
    const shared = memo("a@acme.example, b@acme.example");
    expect(Object.isFrozen(shared)).toBe(true);
    expect(() => shared.push("x@evil.example")).toThrow(TypeError);
    expect(() => {
      shared[0] = "x@evil.example";
    }).toThrow(TypeError);
    expect(memo("a@acme.example, b@acme.example")).toEqual(["a@acme.example", "b@acme.example"]);
  });

  it("never memoises a non-string: equal lists and String objects are recomputed every time", () => {
    const spy = counted(emails);
    const memo = lastInput(spy.fn);
    const list = ["a@acme.example"];
    memo(list);
    memo(list);
    memo(["a@acme.example"]);
    const boxed = new String("a@acme.example");
    memo(boxed);
    memo(boxed);
    expect(spy.calls).toEqual([list, list, ["a@acme.example"], boxed, boxed]);
    // A list does not overwrite the remembered string, and the string never answers for the list.
    expect(memo("a@acme.example")).toEqual(["a@acme.example"]);
    expect(memo(["a@acme.example", "b@acme.example"])).toEqual(["a@acme.example", "b@acme.example"]);
    expect(memo("a@acme.example")).toEqual(["a@acme.example"]);
    expect(spy.calls).toHaveLength(7);
  });
});

describe("memoised emails() and urlHost() inside policies", () => {
  const policy = loadPolicy({
    apiVersion: "mandate/v1",
    kind: "Policy",
    metadata: { name: "memo" },
    default: "deny",
    rules: [
      // Builds a longer list from the shared result: must not grow the result the others read.
      { id: "padded", effect: "allow", when: '(emails(args.to) + ["x@evil.example"]).size() >= 2' },
      { id: "external", effect: "deny", when: 'emails(args.to).exists(e, !e.endsWith("@acme.example"))' },
      { id: "many", effect: "approve", when: "size(emails(args.to)) > 2" },
      { id: "bad-host", effect: "deny", when: 'urlHost(args.url) == "evil.example"' },
    ],
  });
  const intent = { id: "t", purpose: "p" };
  const decide = (to: unknown, url: string) => {
    const d = policy.decide({ tool: "send", args: { to, url }, intent });
    return { effect: d.effect, ruleIds: d.ruleIds };
  };

  it("alternating calls each get their own answer, never the previous call's", () => {
    for (let round = 0; round < 3; round++) {
      expect(decide("a@acme.example", "https://acme.example/")).toEqual({
        effect: "allow",
        ruleIds: ["padded"],
      });
      expect(decide("a@acme.example, x@evil.example", "https://acme.example/")).toEqual({
        effect: "deny",
        ruleIds: ["external"],
      });
      expect(decide(["a@acme.example", "x@evil.example"], "https://acme.example/")).toEqual({
        effect: "deny",
        ruleIds: ["external"],
      });
      expect(decide("a@acme.example, b@acme.example, c@acme.example", "https://acme.example/")).toEqual({
        effect: "approve",
        ruleIds: ["many"],
      });
      expect(decide("a@acme.example", "https://acme.example@evil.example/")).toEqual({
        effect: "deny",
        ruleIds: ["bad-host"],
      });
    }
  });

  it("decisions interleaved across two policies stay correct", () => {
    const other = loadPolicy(policy.document);
    expect(decide("a@acme.example, x@evil.example", "https://acme.example/").effect).toBe("deny");
    expect(other.decide({ tool: "send", args: { to: "a@acme.example", url: "" }, intent }).ruleIds).toEqual([
      "padded",
    ]);
    expect(decide("a@acme.example, x@evil.example", "https://acme.example/").ruleIds).toEqual(["external"]);
  });
});
