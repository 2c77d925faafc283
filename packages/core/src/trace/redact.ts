/** What replaces a redacted value in a preview. */
export const REDACTED = "[REDACTED]";

/**
 * Keys whose values never reach a preview. Deliberately broad ("key" also hides "apiKey",
 * "privateKey", "keyId"): a hidden harmless value costs little, a leaked secret costs a lot.
 */
export const DEFAULT_REDACT_KEY =
  /pass(word)?|secret|token|api[_-]?key|key|authorization|cookie|credential|private|session|jwt|bearer/i;

/** A JWT/JWS/JWE compact serialisation (its header is base64url JSON, hence "eyJ"). */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*/g;
/** A token cut off at the end of a preview, before its first ".". */
const JWT_PREFIX_AT_END = /eyJ[A-Za-z0-9_-]*$/;

/** Replaces JWT-shaped substrings anywhere in a string (L-10: no `eyJ….` in a trace). */
export function redactTokens(text: string): string {
  if (!text.includes("eyJ")) return text;
  return text.replace(JWT_SHAPED, REDACTED).replace(JWT_PREFIX_AT_END, REDACTED);
}

export interface RedactionOptions {
  /** Extra key names (case-insensitive exact match) or patterns to redact, added to the defaults. */
  readonly redactKeys?: readonly (string | RegExp)[];
  /** An extra predicate: return true to redact the member `key` (holding `value`). */
  readonly redact?: (key: string, value: unknown) => boolean;
  /** `false` turns the default key pattern off (JWT-shaped strings are always redacted). */
  readonly redactDefaults?: boolean;
}

/** Builds the key predicate once per options object. */
export function keyRedactor(options: RedactionOptions): (key: string, value: unknown) => boolean {
  const names = new Set<string>();
  const patterns: RegExp[] = options.redactDefaults === false ? [] : [DEFAULT_REDACT_KEY];
  for (const entry of options.redactKeys ?? []) {
    if (typeof entry === "string") names.add(entry.toLowerCase());
    else if (entry instanceof RegExp)
      patterns.push(new RegExp(entry.source, entry.flags.replace(/[gy]/g, "")));
    else throw new TypeError("`redactKeys` entries must be strings or RegExps");
  }
  const extra = options.redact;
  if (extra !== undefined && typeof extra !== "function") throw new TypeError("`redact` must be a function");
  return (key, value) => {
    if (names.has(key.toLowerCase())) return true;
    for (const pattern of patterns) if (pattern.test(key)) return true;
    if (extra === undefined) return false;
    try {
      return extra(key, value) === true;
    } catch {
      return true; // a failing predicate must not leak what it was asked about
    }
  };
}
