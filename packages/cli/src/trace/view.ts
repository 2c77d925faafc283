import type { Palette } from "../cli/color.ts";
import { clip, safeText } from "../cli/safe-text.ts";
import { kindOf, num, obj, str, type TraceLine } from "./events.ts";
import { extent } from "./extent.ts";
import {
  describeApproval,
  describeDecision,
  describeOutcome,
  formatDigest,
  formatMs,
  otherFields,
} from "./format.ts";
import { buildForest, buildHops, type Hop } from "./hops.ts";

/** `trace view`: the hop tree of every run, one hop per line plus its decision details. */
export function renderTree(events: readonly TraceLine[], colors: Palette): string[] {
  const lines: string[] = [];
  const forest = buildForest(buildHops(events));
  for (const [run, roots] of forest) {
    const all = flatten(roots);
    const times = all.map((h) => h.startMs).filter((t): t is number => t !== undefined);
    const range = extent(times);
    const span = range !== undefined && times.length > 1 ? `  ${formatMs(range.max - range.min)}` : "";
    const count = all.reduce((n, h) => n + h.events.length, 0);
    lines.push(
      colors.bold(`run ${safeText(run === "" ? "(none)" : run)}`) + colors.dim(`  ${count} events${span}`),
    );
    renderChildren(
      roots.filter((h) => h.kind !== "checkpoint"),
      "",
      lines,
      colors,
    );
    const checkpoints = roots.filter((h) => h.kind === "checkpoint");
    if (checkpoints.length > 0) lines.push(colors.dim(checkpointSummary(checkpoints)));
  }
  return lines;
}

/** All of a run's checkpoints on one line: how many, the key, and whether the run was closed. */
function checkpointSummary(checkpoints: readonly Hop[]): string {
  const events = checkpoints.flatMap((h) => h.events);
  const last = events[events.length - 1] ?? {};
  const kids = [...new Set(events.map((e) => str(e, "kid")).filter((k): k is string => k !== undefined))];
  const kid = kids.length === 0 ? "" : ` (kid ${kids.map((k) => clip(safeText(k), 16)).join(", ")})`;
  const final = last.final === true ? `, final at seq ${num(last, "seq") ?? "?"}` : ", no final checkpoint";
  return `${checkpoints.length} signed checkpoint${checkpoints.length === 1 ? "" : "s"}${kid}${final}`;
}

function flatten(hops: readonly Hop[]): Hop[] {
  return hops.flatMap((h) => [h, ...flatten(h.children)]);
}

function renderChildren(hops: readonly Hop[], indent: string, lines: string[], colors: Palette): void {
  hops.forEach((hop, i) => {
    const last = i === hops.length - 1;
    lines.push(`${indent}${last ? "└─ " : "├─ "}${header(hop, colors)}`);
    const inner = `${indent}${last ? "   " : "│  "}`;
    for (const detail of details(hop, colors)) {
      lines.push(`${inner}${hop.children.length > 0 ? "│ " : "  "} ${detail}`);
    }
    renderChildren(hop.children, inner, lines, colors);
  });
}

function header(hop: Hop, colors: Palette): string {
  const meta: string[] = [];
  if (hop.agent !== undefined && hop.kind !== "agent") meta.push(safeText(hop.agent));
  if (hop.durationMs !== undefined && hop.kind !== "checkpoint") meta.push(formatMs(hop.durationMs));
  const metaText = meta.length > 0 ? colors.dim(`  ${meta.join(" · ")}`) : "";
  const first = hop.events[0] ?? {};
  const title = safeText(hop.title);
  switch (hop.kind) {
    case "tool": {
      const effect = hop.effect === undefined ? "" : `  ${effectBadge(hop.effect, colors)}`;
      return `${colors.cyan("tool")} ${colors.bold(title)}${effect}${metaText}`;
    }
    case "agent":
      return `${colors.cyan("agent")} ${colors.bold(title)}${metaText}`;
    case "handoff": {
      const depth = hop.events.map((e) => num(e, "depth")).find((d) => d !== undefined);
      const refused = hop.events.find((e) => str(e, "outcome") === "refused");
      const code = refused === undefined ? undefined : str(refused, "code");
      const outcome =
        refused === undefined
          ? ""
          : `  ${colors.red(`REFUSED${code === undefined ? "" : ` ${safeText(code)}`}`)}`;
      return `${colors.cyan("handoff")} ${colors.bold(title)}${depth === undefined ? "" : `  depth ${depth}`}${outcome}${metaText}`;
    }
    case "model": {
      const calls = hop.events.flatMap((e) => (Array.isArray(e.toolCalls) ? e.toolCalls : []));
      const names = calls
        .map((c) => (typeof c === "object" && c !== null ? (c as Record<string, unknown>).name : undefined))
        .filter((n): n is string => typeof n === "string");
      const wants = names.length > 0 ? `  → ${clip(names.map(safeText).join(", "), 80)}` : "";
      return `${colors.cyan("model")} ${title}${wants}${metaText}`;
    }
    case "mandate":
      return `${colors.cyan(safeText(kindOf(first)))} ${otherFields(first, ["parentJti", "task", "exp"], 40)}${metaText}`;
    case "checkpoint":
      return colors.dim(`checkpoint  ${otherFields(first, ["sig", "headHash"], 40)}`);
    default:
      return `${colors.cyan(safeText(kindOf(first)))} ${otherFields(first, ["name", "model", "rules"], 40)}`
        .replace(/ $/, "")
        .concat(hop.kind === "policy" ? `  ${title}` : "")
        .concat(metaText);
  }
}

function details(hop: Hop, colors: Palette): string[] {
  if (hop.kind === "tool") return toolDetails(hop, colors);
  if (hop.kind === "model") return [];
  if (hop.kind === "handoff" || hop.kind === "agent") {
    return hop.events
      .map((e) => {
        const rest = otherFields(e, ["from", "to", "depth", "tool", "callId", "ns", "goto", "name"], 40);
        return rest === "" ? "" : colors.dim(`${safeText(kindOf(e))} ${rest}`);
      })
      .filter((line) => line !== "");
  }
  return hop.events
    .slice(1)
    .map((e) => colors.dim(`${safeText(kindOf(e))} ${otherFields(e, [], 40)}`.trimEnd()));
}

function toolDetails(hop: Hop, colors: Palette): string[] {
  const out: string[] = [];
  for (const event of hop.events) {
    const kind = kindOf(event);
    if (kind === "tool.request") {
      const args = formatDigest(obj(event, "args"), 80);
      const callId = str(event, "callId");
      out.push(colors.dim(`call ${safeText(callId ?? hop.id)}`) + (args === "" ? "" : `  args ${args}`));
    } else if (kind === "tool.decision") {
      const decision = describeDecision(event);
      out.push(`${effectBadge(decision.effect, colors)}  ${decision.rest}`);
    } else if (kind === "approval.request" || kind === "approval.resolve") {
      out.push(colors.amber(describeApproval(event)));
    } else if (kind === "tool.result" || kind === "tool.error") {
      const duration = num(event, "durationMs");
      const text = `${describeOutcome(event)}${duration === undefined ? "" : `  ${formatMs(duration)}`}`;
      out.push(kind === "tool.error" ? colors.red(text) : text);
    } else {
      out.push(colors.dim(clip(`${safeText(kind)} ${otherFields(event, ["tool", "callId"], 40)}`, 160)));
    }
  }
  return out;
}

export function effectBadge(effect: string, colors: Palette): string {
  const text = safeText(effect).toUpperCase();
  if (effect === "allow") return colors.green(text);
  if (effect === "deny") return colors.red(text);
  if (effect === "approve") return colors.amber(text);
  return text;
}
