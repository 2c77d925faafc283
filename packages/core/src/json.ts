/** JSON values as they appear in tokens, policies and trace events. */
export type JsonPrimitive = string | number | boolean | null;
/** Object members may be `undefined`: they are dropped when serialised (as JSON.stringify does). */
export type JsonValue =
  | JsonPrimitive
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };
export type JsonObject = { readonly [key: string]: JsonValue | undefined };
