// The public entry of @mandate/langchain: explicit named exports only (no `export *`).

export type { ApprovalAnswer, ApprovalPayload } from "./approval.ts";
export { APPROVAL_KIND, isApprovalPayload, parseApprovalAnswer } from "./approval.ts";
export type { CallSite } from "./call.ts";
export { toolDefinition } from "./definition.ts";
export type { GuardToolOptions, GuardToolRuntime } from "./guard-tool.ts";
export { guardTool, guardTools } from "./guard-tool.ts";
export { denialText } from "./messages.ts";
export { mandateMiddleware } from "./middleware.ts";
export type { ApprovalOptions, EnvProvider, MandateMiddlewareOptions } from "./options.ts";
export type { MandateState } from "./state.ts";
export { MANDATE_KEY, MANDATES_KEY, mandateStateSchema, resolveAgentMandate } from "./state.ts";
export type { MandateTracerOptions } from "./tracer.ts";
export { MandateTracer } from "./tracer.ts";
