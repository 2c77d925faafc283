import { kindOf, num, seqOf, str, strList, type TraceLine, timeOf } from "./events.ts";
import { extent } from "./extent.ts";

export type HopKind =
  | "run"
  | "agent"
  | "tool"
  | "handoff"
  | "model"
  | "mandate"
  | "policy"
  | "checkpoint"
  | "event";

/**
 * One hop: every event sharing a span (a tool call's request, decision, approvals and result; an
 * agent's start and end; a handoff), in seq order, with the parent span that makes the tree.
 */
export interface Hop {
  readonly id: string;
  readonly run: string;
  readonly parent: string | undefined;
  readonly kind: HopKind;
  readonly agent: string | undefined;
  /** The tool name, the handoff's "from → to", the agent name, or the event kind. */
  readonly title: string;
  /** The last decision's effect, for tool hops. */
  readonly effect: string | undefined;
  readonly events: readonly TraceLine[];
  readonly firstSeq: number;
  readonly startMs: number | undefined;
  readonly durationMs: number | undefined;
  readonly children: Hop[];
}

const KIND_PRIORITY: readonly [HopKind, (kind: string) => boolean][] = [
  ["tool", (k) => k.startsWith("tool.") || k.startsWith("approval.")],
  ["handoff", (k) => k === "handoff"],
  ["agent", (k) => k.startsWith("agent.")],
  ["run", (k) => k.startsWith("run.")],
  ["model", (k) => k === "model.call"],
  ["mandate", (k) => k.startsWith("mandate.")],
  ["policy", (k) => k === "policy.load"],
  ["checkpoint", (k) => k === "trace.checkpoint"],
];

function hopKind(events: readonly TraceLine[]): HopKind {
  const kinds = events.map(kindOf);
  for (const [hop, test] of KIND_PRIORITY) if (kinds.some(test)) return hop;
  return "event";
}

/** Groups events into hops (by run and span) and links them into a forest per run, in seq order. */
export function buildHops(events: readonly TraceLine[]): Hop[] {
  const groups = new Map<string, TraceLine[]>();
  events.forEach((event, index) => {
    const run = str(event, "run") ?? "";
    const span = str(event, "span") ?? `#${seqOf(event, index)}`;
    const key = `${run}\u0000${span}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  });
  const hops: Hop[] = [];
  for (const [key, group] of groups) {
    const [run = "", id = ""] = key.split("\u0000");
    hops.push(makeHop(run, id, group));
  }
  hops.sort((a, b) => a.firstSeq - b.firstSeq);
  return hops;
}

function makeHop(run: string, id: string, events: readonly TraceLine[]): Hop {
  const first = events[0] ?? {};
  const kind = hopKind(events);
  const times = events.map(timeOf).filter((t): t is number => t !== undefined);
  const range = extent(times);
  const startMs = range?.min;
  const endMs = range?.max;
  const recorded = events.map((e) => num(e, "durationMs")).find((d) => d !== undefined);
  const decisions = events.filter((e) => kindOf(e) === "tool.decision");
  const lastDecision = decisions[decisions.length - 1];
  return {
    id,
    run,
    parent: events.map((e) => str(e, "parent")).find((p) => p !== undefined),
    kind,
    agent: events.map((e) => str(e, "agent")).find((a) => a !== undefined),
    title: titleOf(kind, events),
    effect: lastDecision === undefined ? undefined : str(lastDecision, "effect"),
    events,
    firstSeq: seqOf(first, 0),
    startMs,
    durationMs:
      recorded ??
      (events.length > 1 && startMs !== undefined && endMs !== undefined ? endMs - startMs : undefined),
    children: [],
  };
}

function titleOf(kind: HopKind, events: readonly TraceLine[]): string {
  const first = events[0] ?? {};
  const field = (name: string): string | undefined =>
    events.map((e) => str(e, name)).find((v) => v !== undefined);
  switch (kind) {
    case "tool":
      return field("tool") ?? "(unnamed tool)";
    case "handoff": {
      const goto = events.flatMap((e) => (typeof e.goto === "string" ? [e.goto] : strList(e, "goto")));
      const to = field("to") ?? (goto.length > 0 ? goto.join(", ") : undefined);
      return `${field("from") ?? field("agent") ?? "?"} → ${to ?? "?"}`;
    }
    case "agent":
      return field("agent") ?? "(unnamed agent)";
    case "policy":
      return `${field("name") ?? "(unnamed)"} (${strList(first, "rules").length} rules)`;
    case "mandate":
      return kindOf(first);
    case "model":
      return field("model") ?? field("provider") ?? "model.call";
    default:
      return kindOf(first);
  }
}

/** Links hops to their parent hop in the same run; returns the roots of each run, runs in order. */
export function buildForest(hops: readonly Hop[]): Map<string, Hop[]> {
  const byId = new Map<string, Hop>();
  for (const hop of hops) byId.set(`${hop.run}\u0000${hop.id}`, hop);
  // A delegation the guard recorded on its own (no parent span) belongs under the handoff that carried it.
  const handoffByJti = new Map<string, Hop>();
  for (const hop of hops) {
    const jti =
      hop.kind === "handoff" ? hop.events.map((e) => str(e, "jti")).find((j) => j !== undefined) : undefined;
    if (jti !== undefined) handoffByJti.set(`${hop.run}\u0000${jti}`, hop);
  }
  const runs = new Map<string, Hop[]>();
  for (const hop of hops) {
    const delegated =
      hop.kind === "mandate" && hop.parent === undefined
        ? handoffByJti.get(`${hop.run}\u0000${str(hop.events[0] ?? {}, "jti") ?? ""}`)
        : undefined;
    const parent =
      delegated ?? (hop.parent === undefined ? undefined : byId.get(`${hop.run}\u0000${hop.parent}`));
    if (parent !== undefined && parent !== hop && !isAncestor(hop, parent, byId)) {
      parent.children.push(hop);
      continue;
    }
    const roots = runs.get(hop.run);
    if (roots === undefined) runs.set(hop.run, [hop]);
    else roots.push(hop);
  }
  for (const hop of hops) hop.children.sort((a, b) => a.firstSeq - b.firstSeq);
  return runs;
}

/** Guards against parent cycles in a hand-edited trace. */
function isAncestor(candidate: Hop, of: Hop, byId: ReadonlyMap<string, Hop>): boolean {
  let current: Hop | undefined = of;
  const seen = new Set<Hop>();
  while (current !== undefined && !seen.has(current)) {
    if (current === candidate) return true;
    seen.add(current);
    current = current.parent === undefined ? undefined : byId.get(`${current.run}\u0000${current.parent}`);
  }
  return false;
}
