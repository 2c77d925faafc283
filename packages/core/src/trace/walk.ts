import { REDACTED } from "./redact.ts";

const MAX_DEPTH = 512;

export interface WalkOptions {
  /** Receives the canonical text piece by piece; return `false` to stop the walk. */
  readonly write: (chunk: string) => boolean;
  /** Longest slice of a string serialised at once (bounds memory for a 20 MB argument). */
  readonly stringChunk: number;
  /** Members for which this returns true are written as "[REDACTED]" (their value is never read). */
  readonly redactKey?: (key: string, value: unknown) => boolean;
  /** Applied to each string slice before it is escaped (preview redaction of tokens). */
  readonly mapString?: (slice: string) => string;
}

/**
 * Writes any JS value as RFC 8785 canonical JSON, streaming, for `digest()`. For JSON values the
 * text equals `canonicalize(value)`; beyond JSON it follows `JSON.stringify` (`toJSON`, dropped
 * `undefined`/functions/symbols, non-finite numbers as null) and never throws: BigInt is its decimal
 * string, binary data (typed arrays, Buffer) is "base64:<data>", a cycle is "[Circular]", nesting
 * past 512 levels is "[Too deep]", a throwing getter or `toJSON` is "[Unserializable]".
 */
export function walkCanonical(value: unknown, options: WalkOptions): void {
  const walker = new Walker(options);
  walker.value(value, 0);
}

class Walker {
  private stopped = false;
  private readonly stack: object[] = [];

  constructor(private readonly options: WalkOptions) {}

  private out(chunk: string): void {
    if (!this.stopped && !this.options.write(chunk)) this.stopped = true;
  }

  value(value: unknown, depth: number): void {
    if (this.stopped) return;
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

  private array(value: readonly unknown[], depth: number): void {
    this.out("[");
    for (let i = 0; i < value.length && !this.stopped; i++) {
      if (i > 0) this.out(",");
      this.value(value[i], depth + 1);
    }
    this.out("]");
  }

  private members(value: Record<string, unknown>, depth: number): void {
    this.out("{");
    let first = true;
    for (const key of Object.keys(value).sort()) {
      if (this.stopped) return;
      let member: unknown;
      try {
        member = value[key];
      } catch {
        member = "[Unserializable]"; // a throwing getter: the output is already open, keep it well-formed
      }
      if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
      this.out(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      if (this.options.redactKey?.(key, member) === true) this.out(JSON.stringify(REDACTED));
      else this.value(member, depth + 1);
    }
    this.out("}");
  }

  private string(value: string): void {
    const { stringChunk, mapString } = this.options;
    if (value.length <= stringChunk) {
      this.out(JSON.stringify(mapString === undefined ? value : mapString(value)));
      return;
    }
    this.out('"');
    for (let start = 0; start < value.length && !this.stopped; ) {
      let end = Math.min(start + stringChunk, value.length);
      // never split a surrogate pair: a lone half would be escaped differently than the pair
      const last = value.charCodeAt(end - 1);
      if (end < value.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > start ? -1 : 1;
      const slice = value.slice(start, end);
      this.out(JSON.stringify(mapString === undefined ? slice : mapString(slice)).slice(1, -1));
      start = end;
    }
    this.out('"');
  }

  private bytes(view: ArrayBufferView): void {
    const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    const step = Math.max(3, Math.floor(this.options.stringChunk / 4) * 3);
    this.out('"base64:');
    for (let start = 0; start < bytes.length && !this.stopped; start += step) {
      this.out(bytes.subarray(start, start + step).toString("base64"));
    }
    this.out('"');
  }
}
