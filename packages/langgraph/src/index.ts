// The public entry of @mandate/langgraph: explicit named exports only (no `export *`).

// The approval protocol and the denial wording are shared by every adapter; they live in core.
export type { ApprovalAnswer, ApprovalPayload } from "@mandate/core";
export {
  APPROVAL_KIND,
  answerApproval,
  denialText,
  isApprovalPayload,
  parseApprovalAnswer,
} from "@mandate/core";
export type { CallSite } from "./call-site.ts";
export { callSite } from "./call-site.ts";
export type { WorkerGraph } from "./delegated-only.ts";
export { requireDelegatedMandate } from "./delegated-only.ts";
export type { GuardNode, GuardNodeOptions } from "./guard-node.ts";
export { createGuardNode } from "./guard-node.ts";
export type { GuardedToolNodeOptions } from "./guarded-tool-node.ts";
export { createGuardedToolNode } from "./guarded-tool-node.ts";
export type { HandoffToolOptions } from "./handoff.ts";
export { createHandoffTool, HANDOFF_DESTINATION_KEY } from "./handoff.ts";
export type { TaskGraph, TaskLifecycleOptions } from "./lifecycle.ts";
export { runTask, withMandateLifecycle } from "./lifecycle.ts";
export type { GuardNodeBaseOptions, MandateGetter } from "./options.ts";
export type { MandateGraphState, ResolveMandateOptions } from "./state.ts";
export {
  keepMandate,
  MANDATE_KEY,
  MANDATES_KEY,
  MandateAnnotation,
  MandateMessagesAnnotation,
  mergeMandates,
  resolveMandate,
} from "./state.ts";
