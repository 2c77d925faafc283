import type { TraceEvent } from "@mandate/core";
import { type Link, SpanKind } from "@opentelemetry/api";
import { mandateEventAttributes, runAttributes, runEndAttributes, setError } from "./attributes.ts";
import { bool, parseTime, str } from "./event-fields.ts";
import { type Mapping, openSpan } from "./open-span.ts";
import {
  ATTR_MANDATE_LINK_TYPE,
  ERROR_TYPE_VALUE_OTHER,
  EVENT_MANDATE_DELEGATE,
  EVENT_MANDATE_ISSUE,
  EVENT_MANDATE_REVOKE,
  SPAN_NAME_RUN,
} from "./semconv.ts";
import type { OpenSpan } from "./span-store.ts";

/**
 * `run.start` .. `run.end` (runTask) is a `mandate.run` root span: one trace per run. A run
 * resumed after an approval interrupt is a new trace that links to the run it resumes (`resume`).
 * The trace gives the two ends different span ids, so `run.end` finds its run by thread (or by
 * root jti when it has no thread).
 */
export function onRunStart(m: Mapping, event: TraceEvent, time: Date): boolean {
  const key = str(event, "span");
  if (key === undefined || m.store.get(key) !== undefined) return false;
  const thread = str(event, "thread");
  const jti = str(event, "jti");
  const previous = bool(event, "resumed") === true ? m.lineage.latestRun(thread) : undefined;
  const links: Link[] =
    previous === undefined
      ? []
      : [{ context: previous.context, attributes: { [ATTR_MANDATE_LINK_TYPE]: "resume" } }];
  const run = openSpan(m, {
    key,
    role: "run",
    name: SPAN_NAME_RUN,
    kind: SpanKind.INTERNAL,
    parent: { key: undefined, context: undefined, runKey: undefined },
    start: time,
    attributes: runAttributes(event),
    links,
    thread,
    agent: undefined,
    jti,
  });
  m.lineage.runStarted(thread, key);
  // The root mandate is issued before its run starts; its issue shows on the run it started.
  const issue = m.identities.takeIssue(jti);
  if (issue !== undefined) {
    run.span.addEvent(EVENT_MANDATE_ISSUE, mandateEventAttributes(issue), parseTime(issue) ?? time);
  }
  return true;
}

export function onRunEnd(m: Mapping, event: TraceEvent, time: Date): boolean {
  const run = m.lineage.currentRun(str(event, "thread")) ?? openRunOf(m, str(event, "jti"));
  if (run === undefined) return false;
  run.span.setAttributes(runEndAttributes(event));
  const status = str(event, "status");
  if (status === "failed") setError(run.span, ERROR_TYPE_VALUE_OTHER);
  const reason = status === "interrupted" ? "interrupted" : "run_ended";
  m.store.end(run.key, time, reason);
  m.store.endRunMembers(run.key, time, reason);
  return true;
}

/** `mandate.issue|delegate|revoke`: events of the open run whose root mandate they concern. */
export function onMandateEvent(m: Mapping, event: TraceEvent, time: Date): boolean {
  m.identities.learn(event);
  const jti = str(event, "jti");
  const run = openRunOf(m, event.kind === "mandate.delegate" ? str(event, "task") : jti);
  if (run === undefined) return event.kind === "mandate.issue"; // kept for its run (run.start)
  const name =
    event.kind === "mandate.issue"
      ? EVENT_MANDATE_ISSUE
      : event.kind === "mandate.delegate"
        ? EVENT_MANDATE_DELEGATE
        : EVENT_MANDATE_REVOKE;
  if (event.kind === "mandate.issue") m.identities.takeIssue(jti);
  run.span.addEvent(name, mandateEventAttributes(event), time);
  return true;
}

function openRunOf(m: Mapping, jti: string | undefined): OpenSpan | undefined {
  if (jti === undefined) return undefined;
  return m.store.newestFirst().find((s) => s.role === "run" && s.jti === jti);
}
