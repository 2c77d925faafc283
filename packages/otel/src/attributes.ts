import type { TraceEvent } from "@mandate/core";
import { type Attributes, type AttributeValue, type Span, SpanStatusCode } from "@opentelemetry/api";
import { bool, member, num, str, strings } from "./event-fields.ts";
import type { AgentIdentity } from "./identities.ts";
import type { NormalizedOptions } from "./options.ts";
import * as sc from "./semconv.ts";

// Attribute sets per hop. Only values the trace event already holds go out: names, ids, rule ids,
// reasons, digests. Argument and result previews (already redacted and size-capped by the trace)
// only when the sink was asked to capture them.

/** Drops absent values, so a span's attribute set is exactly what the event had. */
export function compact(attributes: Record<string, AttributeValue | undefined>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[key] = value;
  return out;
}

export function setError(span: Span, errorType: string): void {
  span.setAttribute(sc.ATTR_ERROR_TYPE, errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
}

export function toolAttributes(event: TraceEvent): Attributes {
  return compact({
    [sc.ATTR_GEN_AI_OPERATION_NAME]: sc.GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
    [sc.ATTR_GEN_AI_TOOL_NAME]: str(event, "tool"),
    [sc.ATTR_GEN_AI_TOOL_CALL_ID]: str(event, "callId") ?? str(event, "span"),
    [sc.ATTR_GEN_AI_AGENT_NAME]: str(event, "agent"),
    [sc.ATTR_GEN_AI_CONVERSATION_ID]: str(event, "thread"),
  });
}

export function requestAttributes(event: TraceEvent, options: NormalizedOptions): Attributes {
  return compact({
    [sc.ATTR_MANDATE_TOOL_ACTION]: str(event, "action"),
    [sc.ATTR_MANDATE_ARGS_SHA256]: member(event, "args", "sha256"),
    [sc.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]: options.captureArguments
      ? member(event, "args", "preview")
      : undefined,
  });
}

export function decisionAttributes(event: TraceEvent): Attributes {
  const monitored = bool(event, "monitor");
  return compact({
    [sc.ATTR_MANDATE_DECISION]: str(event, "effect"),
    [sc.ATTR_MANDATE_RULE_IDS]: strings(event, "ruleIds"),
    [sc.ATTR_MANDATE_REASON]: str(event, "reason"),
    [sc.ATTR_MANDATE_CONTROLS]: strings(event, "controls"),
    [sc.ATTR_MANDATE_CODE]: str(event, "code"),
    [sc.ATTR_MANDATE_JTI]: str(event, "jti"),
    [sc.ATTR_MANDATE_DEPTH]: num(event, "depth"),
    [sc.ATTR_MANDATE_MONITORED]: monitored === true ? true : undefined,
    [sc.ATTR_MANDATE_MONITORED_EFFECT]: str(event, "enforcedEffect"),
    [sc.ATTR_MANDATE_WOULD_FLIP]: strings(event, "wouldFlip"),
  });
}

export function resultAttributes(event: TraceEvent, options: NormalizedOptions): Attributes {
  return compact({
    [sc.ATTR_MANDATE_RESULT_SHA256]: member(event, "result", "sha256"),
    [sc.ATTR_GEN_AI_TOOL_CALL_RESULT]: options.captureResults
      ? member(event, "result", "preview")
      : undefined,
  });
}

/** A tool error's type: its code (a MandateError's), else its class name. Never its message. */
export function toolErrorType(event: TraceEvent): string {
  return member(event, "error", "code") ?? member(event, "error", "name") ?? sc.ERROR_TYPE_VALUE_OTHER;
}

export function handoffAttributes(event: TraceEvent, target: string | undefined): Attributes {
  return compact({
    [sc.ATTR_MANDATE_HANDOFF_TO]: target,
    [sc.ATTR_MANDATE_HANDOFF_OUTCOME]: str(event, "outcome"),
    [sc.ATTR_MANDATE_HANDOFF_JTI]: str(event, "jti"),
    [sc.ATTR_MANDATE_HANDOFF_DEPTH]: num(event, "depth"),
    [sc.ATTR_MANDATE_HANDOFF_CODE]: str(event, "code"),
  });
}

export function approvalRequestAttributes(event: TraceEvent): Attributes {
  return compact({
    [sc.ATTR_MANDATE_RULE_IDS]: strings(event, "ruleIds"),
    [sc.ATTR_MANDATE_REASON]: str(event, "reason"),
    [sc.ATTR_MANDATE_JTI]: str(event, "jti"),
    [sc.ATTR_MANDATE_APPROVAL_ARGS_HASH]: str(event, "argsHash"),
  });
}

export function approvalResolveAttributes(event: TraceEvent): Attributes {
  return compact({
    [sc.ATTR_MANDATE_APPROVAL_APPROVED]: bool(event, "approved") === true,
    [sc.ATTR_MANDATE_APPROVAL_BY]: str(event, "by"),
    [sc.ATTR_MANDATE_JTI]: str(event, "jti"),
    [sc.ATTR_MANDATE_APPROVAL_ARGS_HASH]: str(event, "argsHash"),
  });
}

export function agentAttributes(
  event: TraceEvent,
  name: string | undefined,
  who?: AgentIdentity,
): Attributes {
  return compact({
    [sc.ATTR_GEN_AI_OPERATION_NAME]: sc.GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
    [sc.ATTR_GEN_AI_AGENT_NAME]: name,
    [sc.ATTR_GEN_AI_AGENT_ID]: who?.subject,
    [sc.ATTR_GEN_AI_CONVERSATION_ID]: str(event, "thread"),
    [sc.ATTR_MANDATE_JTI]: who?.jti,
    [sc.ATTR_MANDATE_DEPTH]: who?.depth,
    [sc.ATTR_MANDATE_TRACE_SPAN]: str(event, "span"),
  });
}

export function chatAttributes(event: TraceEvent): Attributes {
  return compact({
    [sc.ATTR_GEN_AI_OPERATION_NAME]: sc.GEN_AI_OPERATION_NAME_VALUE_CHAT,
    [sc.ATTR_GEN_AI_REQUEST_MODEL]: str(event, "model"),
    [sc.ATTR_GEN_AI_PROVIDER_NAME]: str(event, "provider"),
    [sc.ATTR_GEN_AI_CONVERSATION_ID]: str(event, "thread"),
    [sc.ATTR_MANDATE_TRACE_SPAN]: str(event, "span"),
  });
}

export function runAttributes(event: TraceEvent): Attributes {
  return compact({
    [sc.ATTR_GEN_AI_CONVERSATION_ID]: str(event, "thread"),
    [sc.ATTR_MANDATE_JTI]: str(event, "jti"),
    [sc.ATTR_MANDATE_RUN_RESUMED]: bool(event, "resumed"),
    [sc.ATTR_MANDATE_TRACE_SPAN]: str(event, "span"),
  });
}

export function runEndAttributes(event: TraceEvent): Attributes {
  return compact({
    [sc.ATTR_MANDATE_RUN_STATUS]: str(event, "status"),
    [sc.ATTR_MANDATE_RUN_REVOKED]: bool(event, "revoked"),
  });
}

/** `mandate.issue`, `mandate.delegate`, `mandate.revoke` as events of their run's span. */
export function mandateEventAttributes(event: TraceEvent): Attributes {
  return compact({
    [sc.ATTR_MANDATE_JTI]: str(event, "jti"),
    [sc.ATTR_MANDATE_PARENT_JTI]: str(event, "parentJti"),
    [sc.ATTR_MANDATE_SUBJECT]: str(event, "sub"),
    [sc.ATTR_MANDATE_DEPTH]: num(event, "depth"),
    [sc.ATTR_MANDATE_INTENT]: str(event, "intent"),
    [sc.ATTR_MANDATE_TOOLS]: strings(event, "tools"),
  });
}
