import { MandateError } from "../errors.ts";

export const DATA_CLASSES = ["public", "internal", "confidential", "secret"] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/**
 * What a task is for, declared once by whoever starts it. Signed into the root mandate and copied
 * unchanged into every child: no hop can change it.
 */
export interface Intent {
  readonly id: string;
  readonly purpose: string;
  readonly summary?: string;
  readonly tools?: readonly string[];
  readonly resources?: readonly string[];
  readonly data?: DataClass;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

const INTENT_KEYS = new Set(["id", "purpose", "summary", "tools", "resources", "data", "attributes"]);

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/**
 * Validates an intent strictly (unknown keys are refused) and returns a frozen copy.
 * `code` lets the caller choose how a bad intent is reported (a bad intent inside a verified token
 * is `MANDATE_MALFORMED`; a bad intent given to `issue()` is a `TypeError`).
 */
export function parseIntent(value: unknown, onError: (reason: string) => Error = defaultError): Intent {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw onError("intent must be an object");
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v))
    if (!INTENT_KEYS.has(key)) throw onError(`intent has unknown key "${key}"`);
  if (typeof v.id !== "string" || v.id.length === 0) throw onError("intent.id must be a non-empty string");
  if (typeof v.purpose !== "string" || v.purpose.length === 0)
    throw onError("intent.purpose must be a non-empty string");
  if (v.summary !== undefined && typeof v.summary !== "string")
    throw onError("intent.summary must be a string");
  if (v.tools !== undefined && !isStringArray(v.tools))
    throw onError("intent.tools must be an array of strings");
  if (v.resources !== undefined && !isStringArray(v.resources))
    throw onError("intent.resources must be an array of strings");
  if (v.data !== undefined && !(DATA_CLASSES as readonly unknown[]).includes(v.data))
    throw onError("intent.data must be one of public, internal, confidential, secret");
  if (
    v.attributes !== undefined &&
    (typeof v.attributes !== "object" || v.attributes === null || Array.isArray(v.attributes))
  )
    throw onError("intent.attributes must be an object");
  const intent: Intent = {
    id: v.id,
    purpose: v.purpose,
    ...(v.summary !== undefined ? { summary: v.summary as string } : {}),
    ...(v.tools !== undefined ? { tools: Object.freeze([...(v.tools as string[])]) } : {}),
    ...(v.resources !== undefined ? { resources: Object.freeze([...(v.resources as string[])]) } : {}),
    ...(v.data !== undefined ? { data: v.data as DataClass } : {}),
    ...(v.attributes !== undefined ? { attributes: v.attributes as Record<string, unknown> } : {}),
  };
  return Object.freeze(intent);
}

function defaultError(reason: string): Error {
  return new TypeError(reason);
}

/** Used where an intent arrives inside a token: a bad one is a malformed mandate. */
export function malformedIntent(reason: string): MandateError {
  return new MandateError("MANDATE_MALFORMED", `mandate claim invalid: ${reason}`);
}
