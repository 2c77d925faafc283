// The attribute, operation and span names this package emits, in one place.
//
// The OpenTelemetry names are copied (not imported) from @opentelemetry/semantic-conventions
// 1.45.0 `incubating`, GenAI conventions v1.41.1: every `gen_ai.*` name is still "Development"
// there and its constants move between releases, so a runtime dependency would buy churn, not
// safety (the opentelemetry-js advice for instrumentations). `error.type` is Stable.

// --- OpenTelemetry: GenAI (Development) and general attributes ---
export const ATTR_GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
export const ATTR_GEN_AI_AGENT_NAME = "gen_ai.agent.name";
export const ATTR_GEN_AI_AGENT_ID = "gen_ai.agent.id";
export const ATTR_GEN_AI_TOOL_NAME = "gen_ai.tool.name";
export const ATTR_GEN_AI_TOOL_CALL_ID = "gen_ai.tool.call.id";
/** Opt-In in the conventions (sensitive): only the trace's redacted preview, and only when asked. */
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = "gen_ai.tool.call.arguments";
/** Opt-In in the conventions (sensitive): only the trace's redacted preview, and only when asked. */
export const ATTR_GEN_AI_TOOL_CALL_RESULT = "gen_ai.tool.call.result";
export const ATTR_GEN_AI_CONVERSATION_ID = "gen_ai.conversation.id";
export const ATTR_GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
export const ATTR_GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
export const ATTR_ERROR_TYPE = "error.type";

export const GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT = "invoke_agent";
export const GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL = "execute_tool";
export const GEN_AI_OPERATION_NAME_VALUE_CHAT = "chat";
/** `error.type` when no better low-cardinality value is known. */
export const ERROR_TYPE_VALUE_OTHER = "_OTHER";

// --- Mandate's own namespace (the conventions have no approval or decision attributes) ---
export const ATTR_MANDATE_DECISION = "mandate.decision";
export const ATTR_MANDATE_RULE_IDS = "mandate.rule_ids";
export const ATTR_MANDATE_REASON = "mandate.reason";
export const ATTR_MANDATE_CONTROLS = "mandate.controls";
export const ATTR_MANDATE_CODE = "mandate.code";
export const ATTR_MANDATE_JTI = "mandate.jti";
export const ATTR_MANDATE_DEPTH = "mandate.depth";
export const ATTR_MANDATE_MONITORED = "mandate.monitored";
export const ATTR_MANDATE_MONITORED_EFFECT = "mandate.monitored_effect";
export const ATTR_MANDATE_WOULD_FLIP = "mandate.would_flip";
export const ATTR_MANDATE_TOOL_ACTION = "mandate.tool.action";
export const ATTR_MANDATE_ARGS_SHA256 = "mandate.args.sha256";
export const ATTR_MANDATE_RESULT_SHA256 = "mandate.result.sha256";
export const ATTR_MANDATE_HANDOFF_TO = "mandate.handoff.to";
export const ATTR_MANDATE_HANDOFF_OUTCOME = "mandate.handoff.outcome";
export const ATTR_MANDATE_HANDOFF_JTI = "mandate.handoff.jti";
export const ATTR_MANDATE_HANDOFF_DEPTH = "mandate.handoff.depth";
export const ATTR_MANDATE_HANDOFF_CODE = "mandate.handoff.code";
export const ATTR_MANDATE_APPROVAL_STATUS = "mandate.approval.status";
export const ATTR_MANDATE_APPROVAL_BY = "mandate.approval.by";
export const ATTR_MANDATE_APPROVAL_APPROVED = "mandate.approval.approved";
export const ATTR_MANDATE_APPROVAL_ARGS_HASH = "mandate.approval.args_hash";
export const ATTR_MANDATE_RUN_RESUMED = "mandate.run.resumed";
export const ATTR_MANDATE_RUN_STATUS = "mandate.run.status";
export const ATTR_MANDATE_RUN_REVOKED = "mandate.run.revoked";
export const ATTR_MANDATE_SUBJECT = "mandate.subject";
export const ATTR_MANDATE_PARENT_JTI = "mandate.parent_jti";
export const ATTR_MANDATE_TOOLS = "mandate.tools";
export const ATTR_MANDATE_INTENT = "mandate.intent";
/** The trace event's span id (for agents and model calls: the LangChain run id). */
export const ATTR_MANDATE_TRACE_SPAN = "mandate.trace.span";
/** True on a span that ended because its run paused for a human (an approval interrupt). */
export const ATTR_MANDATE_INTERRUPTED = "mandate.interrupted";
/** Why the sink, not the trace, ended a span: `parent_ended`, `run_ended`, `closed`, `evicted`. */
export const ATTR_MANDATE_UNFINISHED = "mandate.unfinished";
/** On a span link: `handoff.target`, `handoff.source` or `resume`. */
export const ATTR_MANDATE_LINK_TYPE = "mandate.link.type";

/** `error.type` for a call whose approver said no (the trace's `approved: false`; not an ErrorCode). */
export const ERROR_TYPE_APPROVAL_REJECTED = "APPROVAL_REJECTED";

export const SPAN_NAME_RUN = "mandate.run";
export const EVENT_APPROVAL_REQUEST = "mandate.approval.request";
export const EVENT_APPROVAL_RESOLVE = "mandate.approval.resolve";
export const EVENT_MANDATE_ISSUE = "mandate.issue";
export const EVENT_MANDATE_DELEGATE = "mandate.delegate";
export const EVENT_MANDATE_REVOKE = "mandate.revoke";
