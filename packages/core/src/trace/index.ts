// The trace module's public surface (re-exported by the package index's "trace" section).
export { canonicalJson } from "./canonical.ts";
export { checkpointSigningInput, eventHash, FIRST_SEQ, GENESIS_PREV, recomputeHash } from "./chain.ts";
export type { DigestOptions } from "./digest.ts";
export { digest } from "./digest.ts";
export type { CheckpointKeys } from "./keys.ts";
export { readTraceFile } from "./read.ts";
export type { RedactionOptions } from "./redact.ts";
export { DEFAULT_REDACT_KEY, REDACTED, redactTokens } from "./redact.ts";
export type { ConsoleSinkOptions } from "./sinks/console.ts";
export { consoleSink, formatLine } from "./sinks/console.ts";
export { functionSink } from "./sinks/function.ts";
export type { JsonlSink, JsonlSinkOptions } from "./sinks/jsonl.ts";
export { jsonlSink } from "./sinks/jsonl.ts";
export type { MemorySink } from "./sinks/memory.ts";
export { memorySink } from "./sinks/memory.ts";
export type { CheckpointSigner, Tracer, TracerOptions, TracerStats } from "./tracer.ts";
export { createTracer } from "./tracer.ts";
export type {
  Digest,
  TraceEvent,
  TraceKind,
  TraceRecord,
  TraceSink,
  TraceVerifyCode,
  TraceVerifyResult,
} from "./types.ts";
export { TRACE_KINDS, TRACE_SCHEMA } from "./types.ts";
export type { VerifyTraceOptions } from "./verify.ts";
export { verifyTrace } from "./verify.ts";
