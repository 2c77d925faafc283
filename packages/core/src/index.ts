// The public entry of @mandate/core: explicit named exports only (no `export *`).
// Each module owns its section below.

export type { ErrorCode, ErrorDetails } from "./errors.ts";
export { ERROR_CODES, hasCode, isMandateError, MandateError } from "./errors.ts";
export type { DataClass, Intent } from "./intent/intent.ts";
export { DATA_CLASSES, parseIntent } from "./intent/intent.ts";
export type { JsonObject, JsonPrimitive, JsonValue } from "./json.ts";
export {
  type CelLimits,
  type CompiledCondition,
  compileGrantCondition,
  DEFAULT_HISTORY_WINDOW,
  DEFAULT_LIMITS,
  emails,
  glob,
  inCidr,
  type LoadPolicyOptions,
  loadPolicy,
  Policy,
  pathWithin,
  TaskHistory,
  toolDefinitionHash,
  UNREADABLE_URL,
  urlHost,
  urls,
} from "./policy/index.ts";
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
export {
  APPROVAL_TYP,
  andConditions,
  argsHash,
  createMemoryReplayStore,
  createMemoryRevocationStore,
  createVerifiedCache,
  createVerifier,
  grantCovers,
  grantsAllowTool,
  MANDATE_TYP,
  MandateAuthority,
  type MemoryReplayStore,
  type MemoryRevocationStore,
  narrowGrants,
  TOOL_ACTIONS,
  toolMatches,
  toolPatternCovers,
  type VerifiedCache,
} from "./mandate/index.ts";
export type {
  Actor,
  ApprovalClaims,
  ApprovalRequest,
  AuthorityEvent,
  DelegateOptions,
  ExpectedApproval,
  Grant,
  IssueApprovalOptions,
  IssueOptions,
  MandateAuthorityOptions,
  MandateClaims,
  MandateVerifier,
  MandateVerifierOptions,
  ReplayStore,
  RevocationStore,
  SigningKeyInput,
  VerificationKey,
  VerifiedMandate,
  VerifyOptions,
} from "./mandate/types.ts";
// --- end mandate ---

// --- trace ---
export type {
  CheckpointKeys,
  CheckpointSigner,
  ConsoleSinkOptions,
  Digest,
  DigestOptions,
  JsonlSink,
  JsonlSinkOptions,
  MemorySink,
  RedactionOptions,
  TraceEvent,
  TraceKind,
  TraceRecord,
  Tracer,
  TracerOptions,
  TracerStats,
  TraceSink,
  TraceVerifyCode,
  TraceVerifyResult,
  VerifyTraceOptions,
} from "./trace/index.ts";
export {
  canonicalJson,
  consoleSink,
  createTracer,
  DEFAULT_REDACT_KEY,
  digest,
  formatLine,
  functionSink,
  jsonlSink,
  memorySink,
  REDACTED,
  readTraceFile,
  TRACE_KINDS,
  TRACE_SCHEMA,
  verifyTrace,
} from "./trace/index.ts";

// --- end trace ---

export type { ApprovalAnswer, ApprovalPayload } from "./guard/approval-protocol.ts";
export {
  APPROVAL_KIND,
  answerApproval,
  isApprovalPayload,
  parseApprovalAnswer,
} from "./guard/approval-protocol.ts";
export { denialText } from "./guard/denial-text.ts";
export { createGuard } from "./guard/guard.ts";
export type { GuardOptions } from "./guard/options.ts";
export type {
  CheckpointSigner as GuardCheckpointSigner,
  GuardAuthority,
  GuardPolicy,
  GuardVerifier,
  TaskHistory as GuardTaskHistory,
} from "./guard/ports.ts";
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
