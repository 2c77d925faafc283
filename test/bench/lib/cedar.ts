/**
 * The Cedar side of the decision benchmark: fixtures/policy.cedar parsed once into Cedar's
 * thread-local cache (`preparsePolicySet`), then `statefulIsAuthorized` per call, as a Cedar user
 * would deploy it. Cedar is stateless and has no functions for e-mail lists, URL hosts, path
 * normalisation, string length or filters over a list, so the caller computes those into
 * `context.derived` (with Mandate's own functions, so both engines see the same values) and passes
 * the task's aggregates (labels, counts, totals) in `context.trace`.
 */
import { posix } from "node:path";
import { setFlagsFromString } from "node:v8";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import {
  type Effect,
  emails,
  type Intent,
  pathWithin,
  type ToolEntry,
  type TraceAggregate,
  urlHost,
} from "../../../packages/core/src/index.ts";

type CedarValue = cedar.CedarValueJson;
export type CedarCall = cedar.StatefulAuthorizationCall;

export interface CedarOutcome {
  readonly decision: "allow" | "deny";
  readonly reasons: readonly string[];
  readonly errors: readonly string[];
}

const POLICY_SET_ID = "mandate-bench";

// Node 20's V8 aborts the process ("unreachable code" in DoComputeBuiltinContinuation) when a
// function into which TurboFan inlined a JS-to-Wasm call is deoptimized lazily during that call,
// which happens here once the decide and Cedar loops share the process. Not inlining JS-to-Wasm
// calls avoids it; it costs a few ns per call against Cedar's ~250 µs.
setFlagsFromString("--no-turbo-inline-js-wasm-calls");

/** Parses the policy set once; returns the ids of the policies Mandate's `approve` maps to. */
export function preparseCedar(text: string): { approveIds: ReadonlySet<string> } {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== "success") throw new Error(`Cedar policies do not parse: ${parts.errors[0]?.message}`);
  const policies: Record<string, string> = {};
  const approveIds = new Set<string>();
  for (const policy of parts.policies) {
    const id = /@id\("([^"]+)"\)/.exec(policy)?.[1];
    if (id === undefined) throw new Error("every Cedar policy needs an @id");
    policies[id] = policy;
    if (policy.includes('@effect("approve")')) approveIds.add(id);
  }
  const answer = cedar.preparsePolicySet(POLICY_SET_ID, { staticPolicies: policies });
  if (answer.type !== "success") throw new Error(`Cedar preparse failed: ${answer.errors[0]?.message}`);
  return { approveIds };
}

export interface CedarInput {
  readonly tool: string;
  readonly entry: ToolEntry;
  readonly args: Readonly<Record<string, unknown>>;
  readonly intent: Intent;
  readonly agent: string;
  readonly trace: TraceAggregate;
}

/** The request a Cedar deployment builds for one tool call. */
export function cedarCall(input: CedarInput): CedarCall {
  const { tool, entry, args, intent, trace } = input;
  const resource = { type: "Tool", id: tool };
  return {
    principal: { type: "Agent", id: input.agent },
    action: { type: "Action", id: "call" },
    resource,
    preparsedPolicySetId: POLICY_SET_ID,
    entities: [
      {
        uid: resource,
        attrs: {
          name: tool,
          action: entry.action,
          egress: entry.egress === true,
          labels: [...(entry.labels ?? [])],
        },
        parents: [],
      },
    ],
    context: {
      intent: { tools: [...(intent.tools ?? [])], data: intent.data ?? "" },
      args: json(args),
      trace: {
        labels: [...trace.labels],
        count: Number(trace.count),
        counts: json(trace.counts),
        totals: json(trace.totals),
      },
      derived: derived(args, trace),
    },
  };
}

/** What Cedar cannot compute itself, computed the way Mandate's CEL functions do. */
function derived(args: Readonly<Record<string, unknown>>, trace: TraceAggregate): Record<string, CedarValue> {
  const recipients = args.to === undefined ? [] : emails(args.to);
  const path = typeof args.path === "string" ? normalisedPath(args.path) : "";
  return {
    recipientDomains: recipients.map((e) => e.slice(e.lastIndexOf("@") + 1)),
    recipientCount: recipients.length,
    urlHost: typeof args.url === "string" ? urlHost(args.url) : "",
    path,
    titleLength: typeof args.title === "string" ? [...args.title].length : 0,
    recentDenials: trace.calls.filter((c) => c.outcome === "denied").length,
  };
}

/** pathWithin's normal form, or "" for a path it refuses (NUL, `..` above the root, encodings). */
function normalisedPath(path: string): string {
  if (!pathWithin(path, "/")) return "";
  const normal = posix.normalize(path);
  return normal.length > 1 ? normal.replace(/\/+$/, "") : normal;
}

function json(value: unknown): CedarValue {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(json);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, CedarValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = json(v);
    return out;
  }
  return value as CedarValue;
}

export function cedarDecide(call: CedarCall): CedarOutcome {
  const answer = cedar.statefulIsAuthorized(call);
  if (answer.type !== "success") throw new Error(`Cedar failed: ${answer.errors[0]?.message}`);
  const { decision, diagnostics } = answer.response;
  const errors: string[] = [];
  for (const e of diagnostics.errors) errors.push(`${e.policyId}: ${e.error.message}`);
  return { decision, reasons: diagnostics.reason.slice().sort(), errors };
}

/**
 * Mandate's effect in Cedar's terms: approve is a deny whose determining policies are all
 * approve-annotated forbids; a Mandate deny lists its deny rules only, Cedar every forbid that
 * matched, approve-annotated ones included.
 */
export function sameDecision(
  mandate: { readonly effect: Effect; readonly ruleIds: readonly string[] },
  cedarOutcome: CedarOutcome,
  approveIds: ReadonlySet<string>,
): boolean {
  if (cedarOutcome.errors.length > 0) return false;
  const reasons = cedarOutcome.reasons;
  const ids = [...mandate.ruleIds].sort();
  if (mandate.effect === "allow") return cedarOutcome.decision === "allow" && equal(reasons, ids);
  if (cedarOutcome.decision !== "deny") return false;
  if (mandate.effect === "approve") return reasons.every((id) => approveIds.has(id)) && equal(reasons, ids);
  return equal(
    reasons.filter((id) => !approveIds.has(id)),
    ids,
  );
}

function equal(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
