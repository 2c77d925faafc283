// The public entry of @mandate/core: explicit named exports only.
export type { ErrorCode, ErrorDetails } from "./errors.ts";
export { ERROR_CODES, hasCode, isMandateError, MandateError } from "./errors.ts";
export type { DataClass, Intent } from "./intent/intent.ts";
export { DATA_CLASSES, parseIntent } from "./intent/intent.ts";
