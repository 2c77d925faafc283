import { quote, sortKeys } from "./canonical.ts";
import { REDACTED } from "./redact.ts";

const MAX_DEPTH = 512;
const QUOTED_REDACTED = quote(REDACTED);

export interface WalkOptions {
  /** Receives the canonical text piece by piece. */
  readonly write: (chunk: string) => void;
  /** Longest slice of a string serialised at once (bounds memory for a 20 MB argument). */
  readonly stringChunk: number;
  /** A redacted rendering written in the same walk (`digest()`'s preview). */
  readonly preview?: PreviewOptions;
}

export interface PreviewOptions {
  /** Receives the preview piece by piece; return `false` once it has enough (no more is written). */
  readonly write: (chunk: string) => boolean;
  /** Longest slice of a string mapped and serialised at once for the preview. */
  readonly stringChunk: number;
  /** Members for which this returns true are previewed as "[REDACTED]". */
  readonly redactKey: (key: string, value: unknown) => boolean;
  /** Applied to each string slice of the preview before it is escaped (token redaction). */
  readonly mapString: (slice: string) => string;
}

/**
 * Writes any JS value as RFC 8785 canonical JSON, streaming, for `digest()`. For JSON values the
 * text equals `canonicalize(value)`; beyond JSON it follows `JSON.stringify` (`toJSON`, dropped
 * `undefined`/functions/symbols, non-finite numbers as null) and never throws: BigInt is its decimal
 * string, binary data (typed arrays, Buffer) is "base64:<data>", a cycle is "[Circular]", nesting
 * past 512 levels is "[Too deep]", a throwing getter or `toJSON` is "[Unserializable]".
 *
 * The preview is the same text with redacted members and mapped strings, written in the same walk:
 * every getter and `toJSON` runs once, and the hash and the preview show the same reading.
 */
export function walkCanonical(value: unknown, options: WalkOptions): void {
  new Walker(options).value(value, 0);
}

class Walker {
  private readonly stack: object[] = [];
  /** The preview takes no more text: it is full, or a member it shows as "[REDACTED]" is walked. */
  private previewOff: boolean;

  constructor(private readonly options: WalkOptions) {
    this.previewOff = options.preview === undefined;
  }

  /** Text that is the same in both renderings. */
  private out(chunk: string): void {
    this.options.write(chunk);
    if (!this.previewOff) this.toPreview(chunk);
  }

  private toPreview(chunk: string): void {
    if (!(this.options.preview as PreviewOptions).write(chunk)) this.previewOff = true;
  }

  value(value: unknown, depth: number): void {
    switch (typeof value) {
      case "string":
        this.string(value);
        return;
      case "number":
        this.out(Number.isFinite(value) ? String(value) : "null");
        return;
      case "boolean":
        this.out(value ? "true" : "false");
        return;
      case "bigint":
        this.string(value.toString());
        return;
      case "object":
        break;
      default:
        this.out("null"); // undefined, function, symbol (members holding them are skipped)
        return;
    }
    if (value === null) {
      this.out("null");
      return;
    }
    try {
      this.object(value, depth);
    } catch {
      this.string("[Unserializable]");
    }
  }

  private object(value: object, depth: number): void {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      this.bytes(value);
      return;
    }
    const withToJson = value as { toJSON?: unknown };
    if (typeof withToJson.toJSON === "function") {
      this.value((withToJson.toJSON as () => unknown).call(value), depth);
      return;
    }
    if (this.stack.includes(value)) {
      this.string("[Circular]");
      return;
    }
    if (depth >= MAX_DEPTH) {
      this.string("[Too deep]");
      return;
    }
    this.stack.push(value);
    try {
      if (Array.isArray(value)) this.array(value, depth);
      else this.members(value as Record<string, unknown>, depth);
    } finally {
      this.stack.pop();
    }
  }

  /** A member name: hashed as it is, shown with tokens redacted (a key can hold one too). */
  private key(key: string, first: boolean): void {
    const quoted = `${first ? "" : ","}${quote(key)}:`;
    this.options.write(quoted);
    if (this.previewOff) return;
    const shown = (this.options.preview as PreviewOptions).mapString(key);
    this.toPreview(shown === key ? quoted : `${first ? "" : ","}${quote(shown)}:`);
  }

  private array(value: readonly unknown[], depth: number): void {
    this.out("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) this.out(",");
      this.value(value[i], depth + 1);
    }
    this.out("]");
  }

  private members(value: Record<string, unknown>, depth: number): void {
    this.out("{");
    let first = true;
    for (const key of sortKeys(Object.keys(value))) {
      let member: unknown;
      try {
        member = value[key];
      } catch {
        member = "[Unserializable]"; // a throwing getter: the output is already open, keep it well-formed
      }
      if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
      this.key(key, first);
      first = false;
      if (!this.previewOff && (this.options.preview as PreviewOptions).redactKey(key, member)) {
        this.toPreview(QUOTED_REDACTED);
        const previewWasOff = this.previewOff;
        this.previewOff = true;
        this.value(member, depth + 1); // for the hash only
        this.previewOff = previewWasOff;
      } else {
        this.value(member, depth + 1);
      }
    }
    this.out("}");
  }

  private string(value: string): void {
    const { write, stringChunk, preview } = this.options;
    const previewing = !this.previewOff && preview !== undefined;
    if (value.length <= stringChunk && (!previewing || value.length <= preview.stringChunk)) {
      const text = quote(value);
      write(text);
      if (!previewing) return;
      const mapped = preview.mapString(value);
      this.toPreview(mapped === value ? text : quote(mapped));
      return;
    }
    write('"');
    eachSlice(value, stringChunk, (slice) => {
      write(quote(slice).slice(1, -1));
      return true;
    });
    write('"');
    if (!previewing) return;
    this.toPreview('"');
    // A token can span slices: what continues one cut at a slice's end is dropped from the next
    // (the redaction marker already stands for the whole token), so no part of it is shown.
    // And a token's "eyJ" can itself be cut ("e|yJ", "ey|J"): a trailing "e" or "ey" is held back
    // and read with the next slice.
    let inToken = false;
    let held = "";
    eachSlice(value, preview.stringChunk, (slice) => {
      let rest = held + slice;
      held = "";
      if (inToken) {
        rest = rest.slice(tokenRun(rest));
        if (rest === "") return true;
      }
      inToken = TOKEN_AT_END.test(rest);
      if (!inToken) {
        held = rest.endsWith("ey") ? "ey" : rest.endsWith("e") ? "e" : "";
        rest = rest.slice(0, rest.length - held.length);
      }
      this.toPreview(quote(preview.mapString(rest)).slice(1, -1));
      return !this.previewOff;
    });
    if (held !== "" && !this.previewOff) this.toPreview(held);
    if (!this.previewOff) this.toPreview('"');
  }

  private bytes(view: ArrayBufferView): void {
    const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    // base64 of 3-byte-aligned slices concatenates to the base64 of the whole, whatever the step
    const chunk = this.previewOff
      ? this.options.stringChunk
      : (this.options.preview as PreviewOptions).stringChunk;
    const step = Math.max(3, Math.floor(chunk / 4) * 3);
    this.out('"base64:');
    for (let start = 0; start < bytes.length; start += step) {
      this.out(bytes.subarray(start, start + step).toString("base64"));
    }
    this.out('"');
  }
}

/** A JWT-shaped token (see redact.ts) still running at the end of a slice. */
const TOKEN_AT_END = /eyJ[A-Za-z0-9_.-]*$/;

/** How many leading characters of `text` can belong to a compact JWS/JWE (base64url and "."). */
function tokenRun(text: string): number {
  let i = 0;
  while (i < text.length && /[A-Za-z0-9_.-]/.test(text.charAt(i))) i++;
  return i;
}

/** Calls `fn` with slices of at most `size` code units, never splitting a surrogate pair; stops when it returns false. */
function eachSlice(value: string, size: number, fn: (slice: string) => boolean): void {
  for (let start = 0; start < value.length; ) {
    let end = Math.min(start + size, value.length);
    // a lone half would be escaped differently than the pair
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > start ? -1 : 1;
    if (!fn(value.slice(start, end))) return;
    start = end;
  }
}
