import type { TraceEvent } from "@mandate/core";
import { SpanKind } from "@opentelemetry/api";
import {
  approvalRequestAttributes,
  approvalResolveAttributes,
  decisionAttributes,
  handoffAttributes,
  requestAttributes,
  resultAttributes,
  setError,
  toolAttributes,
  toolErrorType,
} from "./attributes.ts";
import { bool, str } from "./event-fields.ts";
import { handoffTarget } from "./handoffs.ts";
import { type Mapping, openSpan } from "./open-span.ts";
import {
  ATTR_MANDATE_APPROVAL_BY,
  ATTR_MANDATE_APPROVAL_STATUS,
  ATTR_MANDATE_LINK_TYPE,
  ERROR_TYPE_APPROVAL_REJECTED,
  ERROR_TYPE_VALUE_OTHER,
  EVENT_APPROVAL_REQUEST,
  EVENT_APPROVAL_RESOLVE,
} from "./semconv.ts";
import type { OpenSpan } from "./span-store.ts";

/**
 * One `execute_tool {tool}` span per tool call, keyed by the call id: it opens at the first event
 * of the call (normally `tool.request`) and ends at `tool.result` / `tool.error`, or at a `deny`
 * decision (the tool never ran: status ERROR, `error.type` = the decision's code), or at a
 * rejected approval. Returns false when the event fits no span (it is then counted as ignored).
 */
export function onToolEvent(m: Mapping, event: TraceEvent, time: Date): boolean {
  switch (event.kind) {
    case "tool.request":
      return withSpan(m, event, time, (s) => s.span.setAttributes(requestAttributes(event, m.options)));
    case "tool.decision":
      return withSpan(m, event, time, (s) => decided(m, s, event, time));
    case "approval.request":
      return withSpan(m, event, time, (s) => {
        s.span.addEvent(EVENT_APPROVAL_REQUEST, approvalRequestAttributes(event), time);
        s.span.setAttribute(ATTR_MANDATE_APPROVAL_STATUS, "pending");
        s.awaitingApproval = true;
      });
    case "approval.resolve":
      return withSpan(m, event, time, (s) => resolved(m, s, event, time));
    case "tool.result":
      return withSpan(m, event, m.clock.startOf(event, time), (s) => {
        s.span.setAttributes(resultAttributes(event, m.options));
        finish(m, s, time);
      });
    case "tool.error":
      return withSpan(m, event, m.clock.startOf(event, time), (s) => {
        setError(s.span, toolErrorType(event));
        m.store.end(s.key, time);
      });
    case "handoff":
      return onHandoff(m, event, time);
    default:
      return false;
  }
}

function decided(m: Mapping, s: OpenSpan, event: TraceEvent, time: Date): void {
  s.span.setAttributes(decisionAttributes(event));
  const effect = str(event, "effect");
  if (effect === "deny") {
    setError(s.span, str(event, "code") ?? ERROR_TYPE_VALUE_OTHER);
    m.store.end(s.key, time);
  } else if (effect === "approve") {
    s.awaitingApproval = true;
  }
}

function resolved(m: Mapping, s: OpenSpan, event: TraceEvent, time: Date): void {
  const approved = bool(event, "approved") === true;
  s.span.addEvent(EVENT_APPROVAL_RESOLVE, approvalResolveAttributes(event), time);
  s.span.setAttribute(ATTR_MANDATE_APPROVAL_STATUS, approved ? "approved" : "rejected");
  const by = str(event, "by");
  if (by !== undefined) s.span.setAttribute(ATTR_MANDATE_APPROVAL_BY, by);
  s.awaitingApproval = false;
  if (approved) return;
  setError(s.span, ERROR_TYPE_APPROVAL_REJECTED); // the approver said no: the tool never runs
  m.store.end(s.key, time);
}

/** The handoff *is* the transfer tool's call: its span gets the handoff and waits for the target. */
function onHandoff(m: Mapping, event: TraceEvent, time: Date): boolean {
  const key = toolKey(event);
  const ended = key === undefined || m.store.get(key) !== undefined ? undefined : m.store.ended(key);
  if (key !== undefined && ended?.role === "tool") {
    // Recorded after the call's result (MandateTracer sees a handoff when the tool returns): the
    // span has ended, so only the receiving agent can carry the link.
    const target = handoffTarget(event);
    if (target === undefined || str(event, "outcome") === "refused") return false;
    m.handoffs.add({ toolKey: key, context: ended.context, target, thread: ended.thread, event });
    return true;
  }
  // A handoff tool the guard does not see (createSupervisor's own transfer_to_*) has no other
  // event: its span starts and finishes here.
  const onlyEvent = key !== undefined && m.store.get(key) === undefined;
  return withSpan(m, event, time, (s) => {
    const target = handoffTarget(event);
    s.span.setAttributes(handoffAttributes(event, target));
    if (target !== undefined && str(event, "outcome") !== "refused") {
      m.handoffs.add({ toolKey: s.key, context: s.context, target, thread: s.thread, event });
    }
    if (onlyEvent) finish(m, s, time);
  });
}

/** Ends a finished call, unless it handed off and the receiving agent has not started yet. */
function finish(m: Mapping, s: OpenSpan, time: Date): void {
  if (m.handoffs.has(s.key)) s.deferredEnd = time;
  else m.store.end(s.key, time);
}

function withSpan(m: Mapping, event: TraceEvent, start: Date, apply: (s: OpenSpan) => void): boolean {
  const span = toolSpan(m, event, start);
  if (span === undefined) return false;
  apply(span);
  return true;
}

/** Tool events use the call id as span id; MandateTracer's handoff carries it as `callId`. */
function toolKey(event: TraceEvent): string | undefined {
  return str(event, "callId") ?? str(event, "span");
}

function toolSpan(m: Mapping, event: TraceEvent, start: Date): OpenSpan | undefined {
  const key = toolKey(event);
  if (key === undefined) return undefined;
  const open = m.store.get(key);
  if (open !== undefined) return open.role === "tool" ? open : undefined;
  const thread = str(event, "thread");
  const previous = m.store.ended(key);
  // The same call, continued after its run paused for an approval.
  const resumes = previous?.role === "tool" && previous.awaitingApproval && previous.thread === thread;
  const tool = str(event, "tool");
  return openSpan(m, {
    key,
    role: "tool",
    name: tool === undefined ? "execute_tool" : `execute_tool ${tool}`,
    kind: SpanKind.INTERNAL,
    parent: m.lineage.parentFor(event),
    start,
    attributes: toolAttributes(event),
    links: resumes ? [{ context: previous.context, attributes: { [ATTR_MANDATE_LINK_TYPE]: "resume" } }] : [],
    thread,
    agent: str(event, "agent"),
  });
}
