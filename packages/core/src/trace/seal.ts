import type { JsonValue } from "../json.ts";
import { canonicalJson, quote, sortedKeys } from "./canonical.ts";
import { chainHash } from "./chain.ts";
import { KeyOrders } from "./key-order.ts";
import type { TraceEvent } from "./types.ts";

/**
 * The hash member while the event is serialised is `"hash":""`, found by its part after the opening
 * quote: `indexOf` is several times faster for a pattern that starts with a letter than for one that
 * starts with a quote, which JSON is full of.
 */
const MARK = 'hash":""';

/** The members of one event, in any order (collected by the tracer, sealed by `EventSealer`). */
export class EventMembers {
  readonly keys: string[] = [];
  readonly values: JsonValue[] = [];
  /** A key starts with a digit: an object would put it first, whatever the insertion order. */
  digitKeys = false;
  /** A nested copy holds a key that starts with a digit or is "hash" (see `JsonCopier`). */
  unusualCopies = false;

  add(key: string, value: JsonValue): void {
    const first = key.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) this.digitKeys = true;
    this.keys.push(key);
    this.values.push(value);
  }
}

/**
 * Seals events: builds each with its members in RFC 8785 order, so that a single `JSON.stringify`
 * is its canonical text (JCS escapes strings and formats numbers as ECMAScript does, RFC 8785
 * §3.2.2; `JsonCopier` copies nested objects in sorted order too). That text serves twice: without
 * "hash" it is the hash input, with the hash in place it is the JSONL line (a file sink escapes
 * unsafe characters as it writes: safe-text.ts). One per tracer: it remembers the member order of
 * the shapes it has seen.
 */
export class EventSealer {
  private readonly orders = new KeyOrders();

  /** Seals `members` (all but "hash") under `prev`: the frozen event and its canonical text. */
  seal(members: EventMembers, prev: string): { event: TraceEvent; line: string } {
    members.add("hash", "");
    const { keys, values } = members;
    const event: Record<string, JsonValue> = {};
    for (const i of this.orders.of(keys)) event[keys[i] as string] = values[i] as JsonValue;
    // when one serialisation could be out of order or hold the marker twice, sort member by member
    const [head, tail] =
      members.digitKeys || members.unusualCopies ? membersAround(event) : aroundMarker(event);
    const hash = chainHash(prev, head === "" || tail === "" ? `{${head}${tail}}` : `{${head},${tail}}`);
    event.hash = hash;
    const line = `{${head === "" ? "" : `${head},`}"hash":"${hash}"${tail === "" ? "" : `,${tail}`}}`;
    return { event: Object.freeze(event) as unknown as TraceEvent, line };
  }
}

/** The canonical members before and after "hash": JSON text without the braces. */
type Halves = [head: string, tail: string];

/** The members from one `JSON.stringify` of the event (see `hashMemberAt`). */
function aroundMarker(event: Readonly<Record<string, JsonValue>>): Halves {
  const text = JSON.stringify(event);
  const at = hashMemberAt(text);
  if (at === -1) return membersAround(event);
  return [text.slice(1, at > 1 ? at - 1 : 1), text.slice(at + MARK.length + 2, -1)];
}

/**
 * Where the top-level member `"hash":""` starts in the JSON text of an event whose nested objects
 * have no member "hash" (-1 if absent, which the construction rules out). In a JSON text a quote
 * followed by a letter opens a string, and a string followed by ":" is a key: so a match is a key
 * ending in "hash" holding "", and it is the member "hash" when an unescaped quote precedes it, not
 * a letter (`ahash`) or an escaped quote, inside a key like `a"hash` (a backslash precedes those).
 */
function hashMemberAt(text: string): number {
  for (let at = text.indexOf(MARK); at !== -1; at = text.indexOf(MARK, at + 1)) {
    if (text.charCodeAt(at - 1) === 0x22 && text.charCodeAt(at - 2) !== 0x5c) return at - 1;
  }
  return -1;
}

/** The members, each serialised and sorted on its own (the slow and sure way). */
function membersAround(event: Readonly<Record<string, JsonValue>>): Halves {
  let head = "";
  let tail = "";
  for (const key of sortedKeys(event)) {
    if (key === "hash") continue;
    const member = `${quote(key)}:${canonicalJson(event[key])}`;
    if (key < "hash") head = head === "" ? member : `${head},${member}`;
    else tail = tail === "" ? member : `${tail},${member}`;
  }
  return [head, tail];
}
