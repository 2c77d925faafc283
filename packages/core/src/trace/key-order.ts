import { sortKeys } from "./canonical.ts";

/** Key lists remembered (a multi-agent demo run emits some 15 shapes); the oldest goes first. */
const MAX_SHAPES = 32;

interface Shape {
  readonly keys: readonly string[];
  readonly order: readonly number[];
}

/**
 * The RFC 8785 member order of an event, as indices into its key list. Sorting some 18 keys costs
 * as much as hashing the event, and the same few key lists (one per kind of record a producer
 * emits) come back on every call, so their orders are remembered. A lookup compares key lists
 * key by key (cheap for the interned strings object keys are; lists of other shapes mostly differ
 * in length or in their first keys), in a fixed order: a guard's request, decision and result take
 * turns, which a most-recently-used order would always find last.
 */
export class KeyOrders {
  private readonly shapes: Shape[] = [];

  of(keys: readonly string[]): readonly number[] {
    for (const shape of this.shapes) if (sameKeys(shape.keys, keys)) return shape.order;
    const order = sortKeys([...keys]).map((key) => keys.indexOf(key));
    if (this.shapes.length >= MAX_SHAPES) this.shapes.shift();
    this.shapes.push({ keys: [...keys], order });
    return order;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
