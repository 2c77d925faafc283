import { num, str, strList, type TraceLine } from "./events.ts";
import { extent } from "./extent.ts";
import { buildForest, buildHops, type Hop } from "./hops.ts";

/** One row of the HTML timeline: a hop, flattened in tree order, with its offset in the run. */
export interface HtmlRow {
  readonly id: string;
  readonly run: string;
  readonly kind: string;
  readonly agent: string;
  readonly title: string;
  readonly effect: string;
  /** Every decision's effect in this hop (an approved call has approve, then allow). */
  readonly effects: readonly string[];
  /** "approved by …" / "rejected by …" when an approval was resolved for this call. */
  readonly approval: string;
  readonly level: number;
  /** The hop's first seq: the time order, for the "by time" view. */
  readonly seq: number;
  readonly offsetMs: number | null;
  readonly durationMs: number | null;
  readonly rules: readonly string[];
  readonly reason: string;
  readonly code: string;
  readonly depth: number | null;
  readonly events: readonly TraceLine[];
}

export interface HtmlModel {
  readonly title: string;
  readonly events: number;
  readonly checkpoints: number;
  readonly runs: readonly { readonly run: string; readonly spanMs: number }[];
  readonly agents: readonly string[];
  readonly rows: readonly HtmlRow[];
}

/** The data the page embeds: every hop except checkpoints (counted in the header instead). */
export function htmlModel(events: readonly TraceLine[], title: string): HtmlModel {
  const forest = buildForest(buildHops(events));
  const rows: HtmlRow[] = [];
  const runs: { run: string; spanMs: number }[] = [];
  let checkpoints = 0;
  for (const [run, roots] of forest) {
    const flat: [Hop, number][] = [];
    const walk = (hops: readonly Hop[], level: number): void => {
      for (const hop of hops) {
        flat.push([hop, level]);
        walk(hop.children, level + 1);
      }
    };
    walk(roots, 0);
    const starts = flat.map(([h]) => h.startMs).filter((t): t is number => t !== undefined);
    const ends = flat
      .map(([h]) => (h.startMs === undefined ? undefined : h.startMs + (h.durationMs ?? 0)))
      .filter((t): t is number => t !== undefined);
    const origin = extent(starts)?.min;
    runs.push({ run, spanMs: origin === undefined ? 0 : (extent(ends)?.max ?? origin) - origin });
    for (const [hop, level] of flat) {
      if (hop.kind === "checkpoint") {
        checkpoints++;
        continue;
      }
      rows.push(toRow(hop, level, origin));
    }
  }
  const agents = [...new Set(rows.map((r) => r.agent).filter((a) => a !== ""))].sort();
  return { title, events: events.length, checkpoints, runs, agents, rows };
}

function toRow(hop: Hop, level: number, origin: number | undefined): HtmlRow {
  const decisions = hop.events.filter((e) => e.kind === "tool.decision");
  const last: TraceLine = decisions[decisions.length - 1] ?? {};
  const depth = hop.events.map((e) => num(e, "depth")).find((d) => d !== undefined);
  const resolve = hop.events.filter((e) => e.kind === "approval.resolve").at(-1);
  const by = resolve === undefined ? undefined : str(resolve, "by");
  const approval =
    resolve === undefined
      ? ""
      : `${resolve.approved === true ? "approved" : "rejected"}${by === undefined ? "" : ` by ${by}`}`;
  return {
    id: hop.id,
    run: hop.run,
    kind: hop.kind,
    agent: hop.agent ?? "",
    title: hop.title,
    effect: hop.effect ?? "",
    effects: [...new Set(decisions.map((e) => str(e, "effect") ?? ""))],
    approval,
    level,
    seq: hop.firstSeq,
    offsetMs: origin === undefined || hop.startMs === undefined ? null : hop.startMs - origin,
    durationMs: hop.durationMs ?? null,
    rules: strList(last, "ruleIds"),
    reason: str(last, "reason") ?? "",
    code: str(last, "code") ?? "",
    depth: depth ?? null,
    events: hop.events,
  };
}
