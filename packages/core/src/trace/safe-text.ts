/**
 * Characters that are valid in JSON strings but dangerous on a terminal or in a viewer (L-06,
 * CWE-150, CVE-2021-42574): DEL and the C1 controls (U+009B is a one-byte CSI), bidi embeddings,
 * overrides and isolates, invisible marks, and the Unicode line/paragraph separators some tools
 * treat as newlines. `JSON.stringify` already escapes U+0000-U+001F (ESC, CR, LF...).
 */
const UNSAFE_IN_JSON =
  /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** The same plus every C0 control, for text that is not JSON (the console sink). */
const UNSAFE_IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** The same classes without `g`: a test that needs no `lastIndex` reset, faster on a hot path. */
const HAS_UNSAFE_IN_JSON = new RegExp(UNSAFE_IN_JSON.source);
const HAS_UNSAFE_IN_TEXT = new RegExp(UNSAFE_IN_TEXT.source);

function toEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Rewrites those characters in a JSON text as `\uXXXX` escapes. The result parses to the same
 * value (so hashes over the parsed event are unchanged) and holds no raw control or bidi bytes.
 */
export function escapeUnsafeJson(json: string): string {
  return HAS_UNSAFE_IN_JSON.test(json) ? json.replace(UNSAFE_IN_JSON, toEscape) : json;
}

/**
 * JSONL lines as the bytes to write, each ended by "\n", unsafe characters escaped. A line of pure
 * ASCII (as many UTF-8 bytes as UTF-16 code units, which `Buffer.byteLength` counts natively) can
 * hold only DEL of them, and is copied as Latin-1: the same bytes, much faster than Node encodes
 * UTF-8. Each line goes straight into one buffer, which is also faster than joining them first.
 */
export function safeJsonLines(lines: readonly string[]): Buffer {
  const safe: string[] = new Array(lines.length);
  const ascii: boolean[] = new Array(lines.length);
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const isAscii = Buffer.byteLength(line, "utf8") === line.length;
    const text = isAscii && !line.includes("\u007f") ? line : escapeUnsafeJson(line);
    safe[i] = text;
    ascii[i] = isAscii;
    total += (isAscii ? text.length : Buffer.byteLength(text, "utf8")) + 1;
  }
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = safe[i] as string;
    at += bytes.write(text, at, ascii[i] ? "latin1" : "utf8");
    bytes[at++] = 0x0a;
  }
  // the sizes above are exact; cutting at what was written means no uninitialised byte ever leaves
  return at === total ? bytes : bytes.subarray(0, at);
}

/** Plain text made safe for a terminal: every control, bidi or invisible character as `\uXXXX`. */
export function escapeForTerminal(text: string): string {
  return HAS_UNSAFE_IN_TEXT.test(text) ? text.replace(UNSAFE_IN_TEXT, toEscape) : text;
}
