import { isIP } from "node:net";
import { domainToASCII } from "node:url";

/**
 * The functions Mandate adds to CEL. Each is total: junk in gives false, "" or [] out, never an
 * exception, because an exception inside a deny rule must not be what decides a call. Each is
 * written against the smuggling rows of attacks.md (S-01..S-08).
 */

/** `glob(s, pattern)`: `*` matches any run (including `/`), `?` one character; the whole string. */
export function glob(s: string, pattern: string): boolean {
  if (typeof s !== "string" || typeof pattern !== "string") return false;
  if (s.includes("\0") || pattern.length > 1024) return false;
  // Iterative wildcard match: linear in |s|·|pattern| worst case, no regular expression.
  let si = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    const p = pattern[pi];
    if (p === "?" || (p !== undefined && p !== "*" && p === s[si])) {
      si++;
      pi++;
    } else if (p === "*") {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[pi] === "*") pi++;
  return pi === pattern.length;
}

/**
 * `urlHost(s)`: the host the same WHATWG parser an HTTP client uses would connect to, lower-cased,
 * without port or trailing dot, IDNs in their ASCII (punycode) form. So `https://good.com@evil.com/`
 * is `evil.com`. "" for anything that is not an absolute http(s)/ws(s)/ftp URL with a host.
 */
export function urlHost(s: string): string {
  if (typeof s !== "string" || s.length > 8192) return "";
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return "";
  }
  if (!["http:", "https:", "ws:", "wss:", "ftp:"].includes(url.protocol)) return "";
  let host = url.hostname.toLowerCase();
  while (host.endsWith(".")) host = host.slice(0, -1);
  if (host.startsWith("[") && host.endsWith("]")) return host;
  const ascii = domainToASCII(host);
  return ascii === "" ? "" : ascii;
}

/**
 * `pathWithin(path, root)`: true when the absolute POSIX path, after normalising `.` and `..`,
 * lies inside `root` on a segment boundary (`/reports2` is not inside `/reports`). Refuses (false)
 * NUL bytes, backslashes, percent-encoding of `.`, `/` or `\`, and characters that NFKC would turn
 * into dots or slashes (fullwidth `．．／`), because the tool may decode what the policy did not.
 */
export function pathWithin(path: string, root: string): boolean {
  if (typeof path !== "string" || typeof root !== "string") return false;
  for (const p of [path, root]) {
    if (!p.startsWith("/") || p.includes("\0") || p.includes("\\")) return false;
    if (/%(2e|2f|5c|00)/i.test(p)) return false;
    if (p.normalize("NFKC") !== p) return false;
  }
  const resolved = normalizePosix(path);
  const base = normalizePosix(root);
  if (resolved === undefined || base === undefined) return false;
  if (base === "/") return true;
  return resolved === base || resolved.startsWith(`${base}/`);
}

function normalizePosix(path: string): string | undefined {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) return undefined; // climbing above "/" is never legitimate
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return `/${out.join("/")}`;
}

/** `inCidr(ip, cidr)`: IPv4 or IPv6 (incl. IPv4-mapped IPv6) membership. false on junk. */
export function inCidr(ip: string, cidr: string): boolean {
  if (typeof ip !== "string" || typeof cidr !== "string") return false;
  const slash = cidr.indexOf("/");
  if (slash < 0) return false;
  const net = parseIp(cidr.slice(0, slash));
  const bitsText = cidr.slice(slash + 1);
  const addr = parseIp(ip);
  if (net === undefined || addr === undefined || !/^\d{1,3}$/.test(bitsText)) return false;
  const bits = Number(bitsText);
  if (net.bits !== addr.bits || bits > net.bits) return false;
  const shift = BigInt(net.bits - bits);
  return net.value >> shift === addr.value >> shift;
}

function parseIp(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  const t = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const kind = isIP(t);
  if (kind === 4) return { value: ipv4(t), bits: 32 };
  if (kind !== 6) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(t);
  if (mapped?.[1] !== undefined) return { value: ipv4(mapped[1]), bits: 32 };
  return { value: ipv6(t), bits: 128 };
}

function ipv4(t: string): bigint {
  return t.split(".").reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n);
}

function ipv6(t: string): bigint {
  let text = t;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1] !== undefined) {
    const n = ipv4(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const h = head === "" ? [] : head.split(":");
  const tl = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill("0"), ...tl];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(Number.parseInt(g, 16)), 0n);
}

const ADDRESS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/g;

/**
 * `emails(s)`: every address in a recipient field (a string or a list of strings), lower-cased:
 * display names, angle brackets, comma and semicolon lists, and quoted local parts are all read,
 * so `"Boss <boss@acme.example>, x@evil.example"` yields both. A field with text that holds no
 * address yields a placeholder that matches no domain (`invalid@invalid`), so
 * `emails(args.to).all(e, e.endsWith("@acme.example"))` fails for junk instead of passing vacuously.
 */
export function emails(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part !== "string") {
      out.push("invalid@invalid");
      continue;
    }
    if (part.trim() === "") continue;
    const found = part.normalize("NFKC").match(ADDRESS) ?? [];
    if (found.length === 0) out.push("invalid@invalid");
    for (const address of found) out.push(address.toLowerCase().replace(/\.+$/, ""));
  }
  return out;
}

/** What `urls()` yields for input it cannot read: a URL whose host no policy lists. */
export const UNREADABLE_URL = "http://invalid.invalid/";
const MAX_TEXT = 100_000;
const MAX_LINKS = 256;
/** Where a word ends: whitespace, quotes, brackets, and Slack/Markdown link punctuation. */
const LINK_SEPARATORS = /[\s<>"'`()[\]{}|^]+/;
/**
 * A scheme a browser follows, with or without slashes: the WHATWG parser reads `https:evil.example`,
 * `https:/evil.example` and `https:\\evil.example` all as `https://evil.example/`.
 */
const LINK_START = /(?:https?|ftp|wss?):|www\./i;
const BARE_WITH_PATH = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+\/./i;
/** Emphasis and punctuation around a link in prose or Markdown (`*evil.example/x*`, `//host/x`). */
const AROUND_LINK = "*_~.,;:!?/\\";
/**
 * `urls(text)`: every link in free text (a message body, a summary), as a URL `urlHost()` reads:
 * `scheme:…` with any slashes (or none, or backslashes: what a browser still follows), `www.…` and
 * `host.tld/path` (the last two taken as http), wherever they start in a word. Markdown `[t](url)`,
 * Slack `<url|t>`, emphasis around a link and full-width look-alikes (NFKC) are read; punctuation
 * around a link is dropped. A host named without a scheme, `www.` or a path ("example.com") is
 * not a link here. Text too long
 * to read, more than 256 links, or a non-string yields `UNREADABLE_URL`, so
 * `urls(args.body).all(u, urlHost(u) in hosts)` fails closed. Linear time: no backtracking regex.
 */
export function urls(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part !== "string" || part.length > MAX_TEXT) {
      out.push(UNREADABLE_URL);
      continue;
    }
    for (const token of part.normalize("NFKC").split(LINK_SEPARATORS)) {
      const link = linkIn(token);
      if (link === undefined) continue;
      if (out.length >= MAX_LINKS) return [...out, UNREADABLE_URL];
      out.push(link);
    }
  }
  return out;
}

function linkIn(word: string): string | undefined {
  const start = LINK_START.exec(word);
  let link: string;
  if (start !== null) link = word.slice(start.index);
  else {
    // Loops, not regexes, trim the edges: no backtracking on hostile text.
    let from = 0;
    while (from < word.length && AROUND_LINK.includes(word.charAt(from))) from++;
    link = word.slice(from);
    if (!BARE_WITH_PATH.test(link)) return undefined;
  }
  let end = link.length;
  while (end > 0 && AROUND_LINK.includes(link.charAt(end - 1)) && link.charAt(end - 1) !== "/") end--;
  link = link.slice(0, end);
  // A scheme is kept as written (urlHost parses it as a browser would); the rest are http links.
  return /^[a-z][a-z0-9+.-]*:/i.test(link) ? link : `http://${link}`;
}
