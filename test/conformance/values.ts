/**
 * Normalises CEL values for comparison: the conformance suite's expected `cel.expr.Value` protos
 * and the values Mandate's CEL module returns both become one tagged, JSON-comparable form, so an
 * int never equals a uint or a double by accident.
 */
import type { Value } from "@bufbuild/cel-spec/cel/expr/value_pb.js";
import { anyUnpack, DurationSchema, TimestampSchema } from "@bufbuild/protobuf/wkt";

export type Tagged = { readonly [tag: string]: unknown };

/** Thrown for values that only a protobuf-message-aware engine could produce or accept. */
export class ProtoDependent extends Error {}

export function fromExpected(value: Value): Tagged {
  const kind = value.kind;
  switch (kind.case) {
    case "int64Value":
      return { int: kind.value.toString() };
    case "uint64Value":
      return { uint: kind.value.toString() };
    case "doubleValue":
      return { double: doubleText(kind.value) };
    case "stringValue":
      return { string: kind.value };
    case "boolValue":
      return { bool: kind.value };
    case "bytesValue":
      return { bytes: Buffer.from(kind.value).toString("base64") };
    case "nullValue":
      return { null: true };
    case "typeValue":
      return { type: kind.value };
    case "listValue":
      return { list: kind.value.values.map(fromExpected) };
    case "mapValue":
      return {
        map: sortEntries(kind.value.entries.map((e) => [fromExpected(e.key!), fromExpected(e.value!)])),
      };
    case "objectValue": {
      const ts = anyUnpack(kind.value, TimestampSchema);
      if (ts !== undefined)
        return { timestamp: (ts.seconds * 1000n + BigInt(Math.floor(ts.nanos / 1e6))).toString() };
      const d = anyUnpack(kind.value, DurationSchema);
      if (d !== undefined) return { duration: (d.seconds * 1_000_000_000n + BigInt(d.nanos)).toString() };
      throw new ProtoDependent("protobuf message value");
    }
    default:
      throw new ProtoDependent(`value kind ${String(kind.case)}`);
  }
}

export function fromActual(value: unknown): Tagged {
  if (typeof value === "bigint") return { int: value.toString() };
  if (typeof value === "number") return { double: doubleText(value) };
  if (typeof value === "string") return { string: value };
  if (typeof value === "boolean") return { bool: value };
  if (value === null || value === undefined) return { null: true };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString("base64") };
  if (value instanceof Date) return { timestamp: BigInt(value.getTime()).toString() };
  if (Array.isArray(value)) return { list: value.map(fromActual) };
  if (value instanceof Map)
    return { map: sortEntries([...value].map(([k, v]) => [fromActual(k), fromActual(v)])) };
  const name = (value as object).constructor?.name;
  if (name === "UnsignedInt") return { uint: String((value as { value: unknown }).value) };
  if (name === "Duration") {
    const d = value as { seconds: number | bigint; nanos: number };
    return { duration: (BigInt(d.seconds) * 1_000_000_000n + BigInt(d.nanos)).toString() };
  }
  if (name === "Type") return { type: String(value).replace(/^Type<(.*)>$/, "$1") };
  if (name === "Object" || name === undefined) {
    return {
      map: sortEntries(Object.entries(value as object).map(([k, v]) => [{ string: k }, fromActual(v)])),
    };
  }
  return { unknown: name };
}

/** Converts an expected binding into the JS value the engine takes. */
export function toActivation(value: Value): unknown {
  const kind = value.kind;
  switch (kind.case) {
    case "int64Value":
      return kind.value;
    case "doubleValue":
    case "stringValue":
    case "boolValue":
      return kind.value;
    case "bytesValue":
      return kind.value;
    case "nullValue":
      return null;
    case "listValue":
      return kind.value.values.map(toActivation);
    case "mapValue": {
      const keys = kind.value.entries.map((e) => e.key?.kind.case);
      if (keys.every((k) => k === "stringValue")) {
        return Object.fromEntries(kind.value.entries.map((e) => [e.key!.kind.value, toActivation(e.value!)]));
      }
      return new Map(kind.value.entries.map((e) => [toActivation(e.key!), toActivation(e.value!)]));
    }
    default:
      throw new ProtoDependent(`binding kind ${String(kind.case)}`);
  }
}

function doubleText(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (Object.is(n, -0)) return "-0";
  return String(n);
}

function sortEntries(entries: [Tagged, Tagged][]): [Tagged, Tagged][] {
  return entries.sort((a, b) => (JSON.stringify(a[0]) < JSON.stringify(b[0]) ? -1 : 1));
}
