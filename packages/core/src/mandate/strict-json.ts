/**
 * A strict JSON parser for decoded token segments. `JSON.parse` silently keeps the LAST of two
 * duplicate member names (RFC 8725 / J-18: a non-JS verifier may keep the first) and turns
 * `"__proto__"` into an own key that `Object.assign` later follows (J-19). This parser refuses both,
 * builds null-prototype frozen objects, and bounds nesting so a hostile segment cannot recurse deeply.
 */

export type StrictJson = null | boolean | number | string | readonly StrictJson[] | StrictJsonObject;
export type StrictJsonObject = { readonly [key: string]: StrictJson };

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_NESTING = 32;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export class StrictJsonError extends Error {
  override readonly name = "StrictJsonError";
}

export function parseStrictJson(text: string): StrictJson {
  const parser = new Parser(text);
  const value = parser.value(0);
  parser.skipWhitespace();
  if (parser.pos !== text.length) throw new StrictJsonError("trailing characters after the JSON value");
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  value(depth: number): StrictJson {
    if (depth > MAX_NESTING) throw new StrictJsonError("JSON nested too deeply");
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return this.string();
    if (this.text.startsWith("true", this.pos)) return this.literal(4, true);
    if (this.text.startsWith("false", this.pos)) return this.literal(5, false);
    if (this.text.startsWith("null", this.pos)) return this.literal(4, null);
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) throw new StrictJsonError("unexpected character in JSON");
    this.pos += m[0].length;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) throw new StrictJsonError("JSON number out of range");
    return n;
  }

  private literal<T>(length: number, value: T): T {
    this.pos += length;
    return value;
  }

  private string(): string {
    STRING_BODY.lastIndex = this.pos + 1;
    const m = STRING_BODY.exec(this.text);
    if (m === null) throw new StrictJsonError("invalid JSON string");
    const start = this.pos;
    this.pos += 1 + m[0].length;
    // Validated above: no control characters, only well-formed escapes. Without a backslash the
    // characters between the quotes are the value; otherwise JSON.parse unescapes the literal.
    const body = this.text.slice(start + 1, this.pos - 1);
    return body.includes("\\") ? (JSON.parse(this.text.slice(start, this.pos)) as string) : body;
  }

  private array(depth: number): readonly StrictJson[] {
    this.pos++;
    const out: StrictJson[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return Object.freeze(out);
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos++];
      if (c === "]") return Object.freeze(out);
      if (c !== ",") throw new StrictJsonError("expected , or ] in JSON array");
    }
  }

  private object(depth: number): StrictJsonObject {
    this.pos++;
    const out: Record<string, StrictJson> = Object.create(null) as Record<string, StrictJson>;
    const seen = new Set<string>();
    this.skipWhitespace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return Object.freeze(out);
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') throw new StrictJsonError("expected a member name in JSON object");
      const key = this.string();
      if (seen.has(key)) throw new StrictJsonError("duplicate member name in JSON object");
      if (FORBIDDEN_KEYS.has(key)) throw new StrictJsonError("forbidden member name in JSON object");
      seen.add(key);
      this.skipWhitespace();
      if (this.text[this.pos++] !== ":") throw new StrictJsonError("expected : in JSON object");
      out[key] = this.value(depth + 1);
      this.skipWhitespace();
      const c = this.text[this.pos++];
      if (c === "}") return Object.freeze(out);
      if (c !== ",") throw new StrictJsonError("expected , or } in JSON object");
    }
  }
}

export function isJsonObject(value: StrictJson | undefined): value is StrictJsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
