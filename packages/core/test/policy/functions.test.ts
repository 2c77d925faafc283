import { describe, expect, it } from "vitest";
import {
  emails,
  glob,
  inCidr,
  loadPolicy,
  pathWithin,
  UNREADABLE_URL,
  urlHost,
  urls,
} from "../../src/index.ts";

describe("urlHost (S-01..S-06)", () => {
  it.each([
    ["https://good.com@evil.com/", "evil.com"],
    ["https://good.com:443@evil.com", "evil.com"],
    ["https://good.com%2F@evil.com", "evil.com"],
    ["https://evil.com\\@good.com/", "evil.com"],
    ["https://evil.com#@good.com", "evil.com"],
    ["https://evil.com?@good.com", "evil.com"],
    ["https://good.com.evil.com/", "good.com.evil.com"],
    ["HTTPS://GOOD.COM:443/x", "good.com"],
    ["https://good.com./x", "good.com"],
    ["https://gооd.com", "xn--gd-fmca.com"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://[::ffff:169.254.169.254]/", "[::ffff:a9fe:a9fe]"],
    ["javascript:alert(1)", ""],
    ["file:///etc/passwd", ""],
    ["not a url", ""],
    ["", ""],
  ])("%s -> %s", (input, host) => {
    expect(urlHost(input)).toBe(host);
  });
});

describe("pathWithin (S-07)", () => {
  it.each([
    ["/reports/q3.pdf", "/reports", true],
    ["/reports", "/reports", true],
    ["/reports/a/../b", "/reports", true],
    ["/reports/../etc/passwd", "/reports", false],
    ["/reports2/x", "/reports", false],
    ["/reports-secret/x", "/reports", false],
    ["/reports/%2e%2e/%2e%2e/etc/passwd", "/reports", false],
    ["/reports/%2E%2E%2Fsecret", "/reports", false],
    ["/reports/．．／secret", "/reports", false],
    ["/reports/x\0.pdf", "/reports", false],
    ["/reports\\..\\etc", "/reports", false],
    ["reports/x", "/reports", false],
    ["/../../reports/x", "/reports", false],
    ["/anything", "/", true],
  ])("pathWithin(%j, %j) is %s", (path, root, expected) => {
    expect(pathWithin(path, root)).toBe(expected);
  });
});

describe("emails (S-08)", () => {
  it("reads every address of a field, whatever its shape", () => {
    expect(emails('Boss <Boss@Acme.example>, x@evil.example; "Q" <q@acme.example>')).toEqual([
      "boss@acme.example",
      "x@evil.example",
      "q@acme.example",
    ]);
    expect(emails(["a@acme.example", "b@evil.example"])).toEqual(["a@acme.example", "b@evil.example"]);
    expect(emails("nobody")).toEqual(["invalid@invalid"]);
    expect(emails(42)).toEqual(["invalid@invalid"]);
    expect(emails("")).toEqual([]);
  });
  it("cannot be fooled by a second address in a policy", () => {
    const p = loadPolicy({
      apiVersion: "mandate/v1",
      kind: "Policy",
      metadata: { name: "mail" },
      default: "deny",
      rules: [
        { id: "internal", effect: "allow", when: 'emails(args.to).all(e, e.endsWith("@acme.example"))' },
      ],
    });
    const decide = (to: unknown) =>
      p.decide({ tool: "send_email", args: { to }, intent: { id: "i", purpose: "p" } }).effect;
    expect(decide("boss@acme.example")).toBe("allow");
    expect(decide("Boss <boss@acme.example>")).toBe("allow");
    expect(decide("boss@acme.example, x@evil.example")).toBe("deny");
    expect(decide(["boss@acme.example", "x@evil.example"])).toBe("deny");
    expect(decide("x@acme.example.evil.example")).toBe("deny");
    expect(decide("junk")).toBe("deny");
  });
});

describe("glob and inCidr", () => {
  it.each([
    ["reports/q3.pdf", "reports/*", true],
    ["reports/q3.pdf", "*.pdf", true],
    ["reports/q3.pdf", "reports/??.pdf", true],
    ["reports/q3.pdf", "reports/?.pdf", false],
    ["a".repeat(5000), `${"*a".repeat(30)}b`, false],
  ])("glob(%j, %j) is %s", (s, pattern, expected) => {
    expect(glob(s, pattern)).toBe(expected);
  });
  it.each([
    ["10.1.2.3", "10.0.0.0/8", true],
    ["11.1.2.3", "10.0.0.0/8", false],
    ["::ffff:10.1.2.3", "10.0.0.0/8", true],
    ["fd00::1", "fd00::/8", true],
    ["fe80::1", "fd00::/8", false],
    ["10.1.2.3", "fd00::/8", false],
    ["junk", "10.0.0.0/8", false],
    ["10.1.2.3", "10.0.0.0/99", false],
    ["10.1.2.3", "junk", false],
  ])("inCidr(%j, %j) is %s", (ip, cidr, expected) => {
    expect(inCidr(ip, cidr)).toBe(expected);
  });
  it("every function is total: non-string input from JS callers is false or empty, never a throw", () => {
    for (const bad of [undefined, null, 42, {}, ["a"], Symbol("x")]) {
      const v = bad as unknown as string;
      expect(glob(v, "*")).toBe(false);
      expect(glob("a", v)).toBe(false);
      expect(urlHost(v)).toBe("");
      expect(pathWithin(v, "/")).toBe(false);
      expect(inCidr(v, "10.0.0.0/8")).toBe(false);
    }
  });
  it("reads numeric IPv4 forms the way the network stack would (S-05)", () => {
    expect(urlHost("http://0xa9fea9fe/latest/meta-data/")).toBe("169.254.169.254");
    expect(urlHost("http://2852039166/")).toBe("169.254.169.254");
    expect(inCidr(urlHost("http://0xa9fea9fe/"), "169.254.0.0/16")).toBe(true);
  });
});

describe("urls (links in free text)", () => {
  it.each([
    ["Launch plan: log in at www.secure-systems-252.com", ["http://www.secure-systems-252.com"]],
    [
      "see https://docs.acme.example/q3, and http://evil.example/x.",
      ["https://docs.acme.example/q3", "http://evil.example/x"],
    ],
    [
      "[the plan](https://evil.example/login) or <https://evil2.example|here>",
      ["https://evil.example/login", "https://evil2.example"],
    ],
    ["full-width: ｈｔｔｐｓ：／／evil.example／x", ["https://evil.example/x"]],
    ["path without scheme: evil.example/login!", ["http://evil.example/login"]],
    ["no links: May 14, v1.2.3, file.txt, e.g. acme.example", []],
    // what a browser still follows (WHATWG): no slashes, one slash, backslashes, emphasis around
    ["[log in](https:/evil.example/login)", ["https:/evil.example/login"]],
    ["[log in](https:evil.example/login)", ["https:evil.example/login"]],
    ["<a href='https:\\\\evil.example'>", ["https:\\\\evil.example"]],
    ["*evil.example/login* or //evil2.example/x", ["http://evil.example/login", "http://evil2.example/x"]],
    ["", []],
  ])("urls(%j)", (text, expected) => {
    expect(urls(text)).toEqual(expected);
  });

  it("fails closed on what it cannot read, and stays linear on hostile text", () => {
    expect(urls(42)).toEqual([UNREADABLE_URL]);
    expect(urls(["ok https://a.example", null])).toEqual(["https://a.example", UNREADABLE_URL]);
    expect(urls("x".repeat(100_001))).toEqual([UNREADABLE_URL]);
    expect(urls("www.a ".repeat(300))).toHaveLength(257);
    const started = performance.now();
    urls(`${".".repeat(90_000)}a ${"a.".repeat(4_000)}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("closes the phishing-link gap in a policy: every link must go to a host of the task", () => {
    const policy = loadPolicy({
      apiVersion: "mandate/v1",
      kind: "Policy",
      metadata: { name: "links" },
      default: "allow",
      rules: [
        {
          id: "links-to-task-hosts",
          effect: "deny",
          when: 'urls(args.body).exists(u, !(urlHost(u) in ["acme.example", "docs.acme.example"]))',
        },
      ],
    });
    const decide = (body: string) =>
      policy.decide({ tool: "post", args: { body }, intent: { id: "t", purpose: "p" } }).effect;
    expect(decide("Launch May 14, details at https://docs.acme.example/launch")).toBe("allow");
    expect(decide("Log in at www.secure-systems-252.com to see the plan")).toBe("deny");
    expect(decide("Log in at https://docs.acme.example@evil.example/")).toBe("deny");
    for (const sneaky of [
      "[log in](https:/evil.example/login)",
      "[log in](https:evil.example/login)",
      "<a href='https:\\\\evil.example'>here</a>",
      "*evil.example/login*",
    ])
      expect(decide(sneaky), sneaky).toBe("deny");
  });
});
