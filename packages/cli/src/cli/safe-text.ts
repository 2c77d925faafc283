/**
 * L-06 (CWE-150, CVE-2021-42574): text from a trace never reaches a terminal or page raw.
 * C0 controls (ESC, CR, LF, TAB, …), DEL, C1 controls (incl. the 8-bit CSI/OSC/ST), line and paragraph
 * separators, bidi embeddings/overrides/isolates and marks, zero-width and BOM characters, and lone
 * surrogates are shown as visible `\uXXXX` escapes, so a trace can neither move the cursor, recolour
 * or clear a line, open an OSC-8 hyperlink, nor reorder what the reader sees.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function safeText(value: string): string {
  return value.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Any value as one safe line: strings escaped, everything else as compact JSON (then escaped). */
export function safeValue(value: unknown): string {
  if (typeof value === "string") return safeText(value);
  if (value === undefined) return "";
  return safeText(JSON.stringify(value) ?? String(value));
}

/** Truncates to `max` characters (after escaping), marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export const UNSAFE_PATTERN: RegExp = new RegExp(UNSAFE.source);
