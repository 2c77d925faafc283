// The public entry of @mandate/core: explicit named exports only (no `export *`).
// Each module owns its section below.

export type { ErrorCode, ErrorDetails } from "./errors.ts";
export { ERROR_CODES, hasCode, isMandateError, MandateError } from "./errors.ts";
export type { DataClass, Intent } from "./intent/intent.ts";
export { DATA_CLASSES, parseIntent } from "./intent/intent.ts";
export type { JsonObject, JsonPrimitive, JsonValue } from "./json.ts";

// --- policy ---
export type {
  DecideInput,
  Decision,
  Effect,
  HistoryEntry,
  PolicyDocument,
  PolicyRule,
  TaskHistoryView,
  ToolAction,
  ToolEntry,
  TraceAggregate,
} from "./policy/types.ts";
// --- end policy ---

// --- mandate ---
export type {
  Actor,
  ApprovalClaims,
  ApprovalRequest,
  AuthorityEvent,
  DelegateOptions,
  Grant,
  IssueOptions,
  MandateClaims,
  MandateVerifier,
  ReplayStore,
  RevocationStore,
  SigningKeyInput,
  VerifiedMandate,
  VerifyOptions,
} from "./mandate/types.ts";
// --- end mandate ---

// --- trace ---
export type {
  Digest,
  TraceEvent,
  TraceKind,
  TraceRecord,
  TraceSink,
  TraceVerifyResult,
} from "./trace/types.ts";
export { TRACE_KINDS, TRACE_SCHEMA } from "./trace/types.ts";
// --- end trace ---

// --- guard ---
export type {
  CallOutcome,
  Guard,
  GuardDecision,
  GuardStats,
  ToolCall,
  ToolDefinition,
} from "./guard/types.ts";
// --- end guard ---
