import type { TraceEvent } from "@mandate/core";

/** One tool call as the trace tells it: request, decision(s), approval, result. */
interface CallView {
  tool: string;
  args: string;
  steps: string[];
}

interface Hop {
  /** The handoff line (or the root line for the supervisor's own calls). */
  title: string;
  /** The handoff tool call's id: its own guard decision is shown on the handoff line. */
  callId?: string;
  calls: Map<string, CallView>;
}

type Paint = (code: number, text: string) => string;

/**
 * Renders the task as a tree of hops from the trace: who handed what to whom under which mandate
 * (id and depth), every tool call with the decision, the rule ids and the reason, approvals and
 * results. Reads only the trace, exactly what an auditor has. Colour only when asked (a TTY).
 */
export function renderHopTree(events: readonly TraceEvent[], options: { color?: boolean } = {}): string[] {
  const paint: Paint =
    options.color === true ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_c, t) => t;
  const dim = (t: string) => paint(2, t);
  const hops: Hop[] = [];
  const latest = new Map<string, Hop>();
  const footer: string[] = [];
  let header = "task";
  // Handoff tool calls are checked like any call; their decision goes on the handoff line.
  const handoffCalls = new Set(events.filter((e) => e.kind === "handoff").map((e) => String(e.callId)));
  const handoffChecks = new Map<string, string>();

  for (const e of events) {
    switch (e.kind) {
      case "mandate.issue":
        header = `task ${paint(1, String(e.intent ?? ""))}  root mandate ${short(e.jti)} (depth 0)  ${dim(String(e.sub ?? ""))}`;
        break;
      case "handoff": {
        if (e.outcome === undefined) break; // the observing tracer's copy; ours carries the mandate
        const to = String(e.to ?? "?");
        const title =
          e.outcome === "delegated"
            ? `${paint(36, `⇢ ${to}`)}  ${dim(`from ${String(e.from)}`)}  mandate ${short(e.jti)}  depth ${String(e.depth)}  tools: ${list(e.tools)}`
            : `${paint(31, `⇢ ${to} REFUSED`)}  [${String(e.code)}]`;
        const hop: Hop = { title, calls: new Map(), callId: String(e.callId) };
        hops.push(hop);
        if (e.outcome === "delegated") latest.set(to, hop);
        break;
      }
      case "tool.request": {
        if (handoffCalls.has(String(e.callId))) break;
        const hop = hopFor(e.agent, latest, hops);
        const id = String(e.callId ?? e.span);
        if (!hop.calls.has(id)) {
          hop.calls.set(id, { tool: String(e.tool), args: preview(e.args), steps: [] });
        }
        break;
      }
      case "tool.decision": {
        if (handoffCalls.has(String(e.callId))) {
          const rules = Array.isArray(e.ruleIds) ? e.ruleIds.join(", ") : "";
          handoffChecks.set(String(e.callId), `${String(e.effect).toUpperCase()} [${rules}]`);
          break;
        }
        const view = find(hops, e.callId);
        if (view === undefined) break;
        const rules = Array.isArray(e.ruleIds) && e.ruleIds.length > 0 ? ` [${e.ruleIds.join(", ")}]` : "";
        const effect = String(e.effect).toUpperCase();
        const code = effect !== "DENY" || e.code === undefined || e.code === null ? "" : ` ${String(e.code)}`;
        const color = effect === "ALLOW" ? 32 : effect === "DENY" ? 31 : 33;
        const why = effect === "ALLOW" ? "" : dim(` ${String(e.reason ?? "")}`);
        view.steps.push(`${paint(color, effect)}${rules}${code}${why}`);
        break;
      }
      case "approval.request":
        find(hops, e.callId)?.steps.push(paint(33, "⏸ paused for a human"));
        break;
      case "approval.resolve": {
        const view = find(hops, e.callId);
        view?.steps.push(
          e.approved === true ? paint(33, `approved by ${String(e.by ?? "?")}`) : paint(31, "rejected"),
        );
        break;
      }
      case "tool.result":
        find(hops, e.callId)?.steps.push(paint(32, "ran"));
        break;
      case "tool.error":
        find(hops, e.callId)?.steps.push(paint(31, "failed"));
        break;
      case "run.end":
        // A run paused for approval has not ended: its mandates stay alive until it finishes.
        if (e.status !== "interrupted" && e.revoked === true) {
          footer.push(
            `${paint(35, "✗ task ended")}: root mandate ${short(e.jti)} revoked, and every mandate delegated from it`,
          );
        }
        break;
      default:
        break;
    }
  }

  const lines = [header];
  hops.forEach((hop, i) => {
    const lastHop = i === hops.length - 1 && footer.length === 0;
    const check = hop.callId === undefined ? undefined : handoffChecks.get(hop.callId);
    lines.push(
      `${lastHop ? "└─" : "├─"} ${hop.title}${check === undefined ? "" : dim(`  (handoff ${check})`)}`,
    );
    const calls = [...hop.calls.values()];
    calls.forEach((call, j) => {
      const branch = j === calls.length - 1 ? "└─" : "├─";
      lines.push(
        `${lastHop ? "   " : "│  "}${branch} ${paint(1, call.tool)} ${dim(call.args)}  ${call.steps.join(" → ")}`,
      );
    });
  });
  footer.forEach((line, i) => {
    lines.push(`${i === footer.length - 1 ? "└─" : "├─"} ${line}`);
  });
  return lines;
}

function hopFor(agent: unknown, latest: Map<string, Hop>, hops: Hop[]): Hop {
  const name = String(agent ?? "?");
  const known = latest.get(name);
  if (known !== undefined) return known;
  const hop: Hop = { title: `${name} (no delegated mandate)`, calls: new Map() };
  hops.push(hop);
  latest.set(name, hop);
  return hop;
}

function find(hops: readonly Hop[], callId: unknown): CallView | undefined {
  for (let i = hops.length - 1; i >= 0; i--) {
    const view = hops[i]?.calls.get(String(callId));
    if (view !== undefined) return view;
  }
  return undefined;
}

function short(jti: unknown): string {
  return typeof jti === "string" ? `${jti.slice(0, 8)}…` : "?";
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : "?";
}

/** `k=v` pairs from the guard's (redacted) argument preview, long values cut, for one line. */
function preview(args: unknown): string {
  const text = typeof args === "object" && args !== null && "preview" in args ? String(args.preview) : "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.length > 60 ? `${text.slice(0, 59)}…` : text;
  }
  if (typeof parsed !== "object" || parsed === null) return text;
  return Object.entries(parsed)
    .map(([k, v]) => {
      const value = typeof v === "string" ? v : JSON.stringify(v);
      return `${k}=${value.length > 30 ? `${value.slice(0, 29)}…` : value}`;
    })
    .join(" ");
}
