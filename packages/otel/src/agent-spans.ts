import type { TraceEvent } from "@mandate/core";
import { type Link, type SpanContext, SpanKind } from "@opentelemetry/api";
import { agentAttributes, chatAttributes, setError } from "./attributes.ts";
import { bool, str } from "./event-fields.ts";
import type { AgentIdentity } from "./identities.ts";
import type { ParentChoice } from "./lineage.ts";
import { type Mapping, openSpan, parentContext } from "./open-span.ts";
import {
  ATTR_MANDATE_INTERRUPTED,
  ATTR_MANDATE_LINK_TYPE,
  ERROR_TYPE_VALUE_OTHER,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
} from "./semconv.ts";

/**
 * `agent.start` opens `invoke_agent {agent}`. When a handoff to this agent is pending in the
 * thread, the two are joined both ways: the agent span links to the handoff tool's span
 * (`handoff.source`) and the tool span, kept open for this, links to the agent's
 * (`handoff.target`) before it ends at its own time. An agent that continues a span paused by an
 * approval interrupt links to it (`resume`).
 */
export function onAgentStart(m: Mapping, event: TraceEvent, time: Date): boolean {
  const key = str(event, "span");
  if (key === undefined || m.store.get(key) !== undefined) return false;
  const agent = str(event, "agent");
  const name = str(event, "name") ?? agent;
  const thread = str(event, "thread");
  const parent = m.lineage.parentFor(event);
  const handoff = name === undefined ? undefined : m.handoffs.take(thread, name);
  const task = parent.runKey === undefined ? undefined : m.store.get(parent.runKey)?.jti;
  const who =
    handoff !== undefined && name !== undefined
      ? m.identities.handedTo(thread, name, task, handoff.event)
      : identityWithoutHandoff(m, parent, thread, name, task);
  const links: Link[] = [];
  if (handoff !== undefined) links.push(link(handoff.context, "handoff.source"));
  const label = agent ?? name;
  const paused = label === undefined ? undefined : m.lineage.takePaused(thread, label);
  if (paused !== undefined) links.push(link(paused, "resume"));
  const entry = openSpan(m, {
    key,
    role: "agent",
    name: name === undefined ? GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT : `invoke_agent ${name}`,
    kind: SpanKind.INTERNAL,
    parent,
    start: time,
    attributes: agentAttributes(event, name, who),
    links,
    thread,
    agent: label,
  });
  const tool = handoff === undefined ? undefined : m.store.get(handoff.toolKey);
  if (tool !== undefined) {
    if (typeof tool.span.addLink === "function") {
      tool.span.addLink(link(entry.context, "handoff.target"));
    }
    if (tool.deferredEnd !== undefined) m.store.end(tool.key, tool.deferredEnd);
  }
  return true;
}

/**
 * An agent started without a handoff acts under the mandate it was handed earlier in the task (an
 * agent resumed after an approval), or, when it is the run's top-level agent, the run's root.
 */
function identityWithoutHandoff(
  m: Mapping,
  parent: ParentChoice,
  thread: string | undefined,
  name: string | undefined,
  task: string | undefined,
): AgentIdentity | undefined {
  const earlier = name === undefined ? undefined : m.identities.agentIn(thread, name, task);
  if (earlier !== undefined) return earlier;
  const parentIsRun = parent.key !== undefined && parent.key === parent.runKey;
  return parentIsRun && task !== undefined ? m.identities.of(task, 0) : undefined;
}

export function onAgentEnd(m: Mapping, event: TraceEvent, time: Date): boolean {
  const key = str(event, "span");
  const entry = key === undefined ? undefined : m.store.get(key);
  if (entry === undefined || entry.role !== "agent") return false;
  if (bool(event, "ok") === false) setError(entry.span, str(event, "error") ?? ERROR_TYPE_VALUE_OTHER);
  // A root agent paused by an interrupt ends normally in LangGraph (it returns `__interrupt__`);
  // a call of it still waiting for approval says it paused all the same.
  if (bool(event, "interrupted") === true || m.store.hasPausedCall(entry.key)) {
    entry.span.setAttribute(ATTR_MANDATE_INTERRUPTED, true);
    m.lineage.agentPaused(entry);
    m.store.end(entry.key, time, "interrupted");
  } else {
    m.store.end(entry.key, time);
  }
  return true;
}

function link(context: SpanContext, type: "handoff.source" | "handoff.target" | "resume"): Link {
  return { context, attributes: { [ATTR_MANDATE_LINK_TYPE]: type } };
}

/** `model.call` is recorded once, when the call returns: a `chat {model}` span of its duration. */
export function onModelCall(m: Mapping, event: TraceEvent, time: Date): boolean {
  if (!m.options.modelSpans) return false;
  const model = str(event, "model");
  const span = m.tracer.startSpan(
    model === undefined ? GEN_AI_OPERATION_NAME_VALUE_CHAT : `chat ${model}`,
    { kind: SpanKind.CLIENT, attributes: chatAttributes(event), startTime: m.clock.startOf(event, time) },
    parentContext(m.lineage.parentFor(event)),
  );
  m.counts.spans++;
  if (bool(event, "ok") === false) setError(span, str(event, "error") ?? ERROR_TYPE_VALUE_OTHER);
  span.end(time);
  return true;
}
