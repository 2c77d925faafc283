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

function toEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Rewrites those characters in a JSON text as `\uXXXX` escapes. The result parses to the same
 * value (so hashes over the parsed event are unchanged) and holds no raw control or bidi bytes.
 */
export function escapeUnsafeJson(json: string): string {
  UNSAFE_IN_JSON.lastIndex = 0;
  return UNSAFE_IN_JSON.test(json) ? json.replace(UNSAFE_IN_JSON, toEscape) : json;
}

/** Plain text made safe for a terminal: every control, bidi or invisible character as `\uXXXX`. */
export function escapeForTerminal(text: string): string {
  UNSAFE_IN_TEXT.lastIndex = 0;
  return UNSAFE_IN_TEXT.test(text) ? text.replace(UNSAFE_IN_TEXT, toEscape) : text;
}
