// The public entry of @mandate/langchain: explicit named exports only (no `export *`).

// The approval protocol and the denial wording are shared by every adapter; they live in core.
export type { ApprovalAnswer, ApprovalPayload } from "@mandate/core";
export {
  APPROVAL_KIND,
  answerApproval,
  denialText,
  isApprovalPayload,
  parseApprovalAnswer,
} from "@mandate/core";
export type { CallSite } from "./call.ts";
export { toolDefinition } from "./definition.ts";
export type { GuardToolOptions, GuardToolRuntime } from "./guard-tool.ts";
export { guardTool, guardTools } from "./guard-tool.ts";
export { mandateMiddleware } from "./middleware.ts";
export type { ApprovalOptions, EnvProvider, MandateMiddlewareOptions } from "./options.ts";
export type { MandateState } from "./state.ts";
export { MANDATE_KEY, MANDATES_KEY, mandateStateSchema, resolveAgentMandate } from "./state.ts";
export type { MandateTracerOptions } from "./tracer.ts";
export { MandateTracer } from "./tracer.ts";
