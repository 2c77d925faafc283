/**
 * Policy decision cost, side by side with Cedar in the same run. The policy is the DESIGN.md
 * example plus 20 deployment rules (fixtures/policy.yaml; fixtures/policy.cedar in Cedar), the task
 * has a 50-call history, and three calls are timed: an allowed e-mail, a payment that needs
 * approval, a denied fetch of a metadata endpoint. Before anything is timed, both engines must
 * reach the expected decision on each call with the same rule ids, or the suite throws.
 *
 * Timed: `policy.decide` alone (what Cedar's `statefulIsAuthorized` does, with the policies parsed
 * once), Cedar with its request prebuilt (its most favourable case) and with the request built
 * from the call, and `guard.authorize` end to end with a cached mandate (verify from cache, scope,
 * decide, history, two trace events into a JSONL file with hash chain and checkpoints).
 * Run alone: `npx tsx test/bench/suites/decision.ts`.
 */
import { pathToFileURL } from "node:url";
import type { DecideInput, Policy, TaskHistory } from "../../../packages/core/src/index.ts";
import { type CedarCall, cedarCall, cedarDecide, preparseCedar, sameDecision } from "../lib/cedar.ts";
import { createBenchGuard, replayHistory } from "../lib/guard.ts";
import { measure, ratio } from "../lib/measure.ts";
import {
  type BenchRequest,
  benchHistory,
  benchPolicy,
  CEDAR_POLICIES,
  INTENT,
  REQUESTS,
} from "../lib/scenario.ts";

const AGENT = "spiffe://acme.example/agent/researcher";
const LABELS = ["Allow", "Approve", "Deny"] as const;

function decideInput(request: BenchRequest, history: TaskHistory): DecideInput {
  return { tool: request.tool, args: request.args, intent: INTENT, agent: { id: AGENT }, history };
}

function buildCedar(policy: Policy, request: BenchRequest, history: TaskHistory): CedarCall {
  return cedarCall({
    tool: request.tool,
    entry: policy.toolEntry(request.tool),
    args: request.args,
    intent: INTENT,
    agent: AGENT,
    trace: history.snapshot(),
  });
}

/** Both engines on every request: the expected effect and rule ids, and the same as each other. */
function checkEquivalence(policy: Policy, history: TaskHistory, approveIds: ReadonlySet<string>): void {
  for (const request of REQUESTS) {
    const mandate = policy.decide(decideInput(request, history));
    const cedar = cedarDecide(buildCedar(policy, request, history));
    const expected = `${request.effect} [${request.ruleIds.join(", ")}]`;
    const got = `${mandate.effect} [${mandate.ruleIds.join(", ")}]`;
    if (got !== expected) throw new Error(`Mandate decided ${request.name} as ${got}, expected ${expected}`);
    if (!sameDecision(mandate, cedar, approveIds))
      throw new Error(
        `Cedar disagrees on ${request.name}: ${cedar.decision} [${cedar.reasons.join(", ")}]` +
          (cedar.errors.length > 0 ? ` errors: ${cedar.errors.join("; ")}` : ""),
      );
  }
}

export default async function run(): Promise<Record<string, number>> {
  const policy = benchPolicy();
  const history = benchHistory(policy);
  const { approveIds } = preparseCedar(CEDAR_POLICIES);
  checkEquivalence(policy, history, approveIds);

  const bench = await createBenchGuard("decision");
  await replayHistory(bench);
  const email = REQUESTS[0]!;
  let n = 0;
  const authorize = async () => {
    const decision = await bench.guard.authorize({
      mandate: bench.mandate,
      tool: email.tool,
      args: email.args,
      callId: `call_${n++}`,
      agent: { id: "researcher" },
    });
    if (decision.effect !== "allow") throw new Error(`guard decided ${decision.effect}: ${decision.reason}`);
  };
  await authorize();

  const tasks = REQUESTS.flatMap((request, i) => {
    const input = decideInput(request, history);
    const prebuilt = buildCedar(policy, request, history);
    return [
      { name: `decide ${LABELS[i]}`, fn: () => policy.decide(input) },
      { name: `cedar ${LABELS[i]}`, fn: () => cedarDecide(prebuilt) },
    ];
  });
  tasks.push({
    name: "cedar Allow + request build",
    fn: () => cedarDecide(buildCedar(policy, email, history)),
  });
  const timings = await measure([...tasks, { name: "guard.authorize", fn: authorize, async: true }], {
    time: 1_000,
    warmupTime: 250,
  });
  await bench.dispose();

  const out: Record<string, number> = {};
  for (const label of LABELS) {
    const decide = timings[`decide ${label}`]!;
    const cedar = timings[`cedar ${label}`]!;
    out[`decide${label}MedianNs`] = decide.medianNs;
    out[`decide${label}P99Ns`] = decide.p99Ns;
    out[`cedar${label}MedianNs`] = cedar.medianNs;
    out[`cedar${label}P99Ns`] = cedar.p99Ns;
    out[`cedarVsDecide${label}`] = ratio(cedar.medianNs, decide.medianNs);
  }
  const build = timings["cedar Allow + request build"]!;
  out.cedarAllowWithBuildMedianNs = build.medianNs;
  out.cedarAllowWithBuildP99Ns = build.p99Ns;
  out.guardAuthorizeMedianNs = timings["guard.authorize"]!.medianNs;
  out.guardAuthorizeP99Ns = timings["guard.authorize"]!.p99Ns;
  // Target figures: the slowest of the three calls, and the smallest of the three ratios.
  out.decideWorstMedianNs = Math.max(...LABELS.map((l) => out[`decide${l}MedianNs`]!));
  out.cedarVsDecideWorst = Math.min(...LABELS.map((l) => out[`cedarVsDecide${l}`]!));
  out.rules = policy.ruleIds.length;
  out.historyCalls = 50;
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.table(await run());
}
