/**
 * How each suite measures, printed under its heading in RESULTS.md so the figures can be read
 * without the source. Method only: what the figures of a given run mean is for the reader.
 */
export const SUITE_NOTES: Readonly<Record<string, readonly string[]>> = {
  decision: [
    "Policy: the DESIGN.md example plus 20 deployment rules (23 rules, 13 catalogue tools; test/bench/fixtures/policy.yaml), a 50-call task history. Three calls: an allowed e-mail, a payment that needs approval, a denied fetch of a metadata endpoint. `decide*` is `policy.decide` alone; `guardAuthorize*` is `guard.authorize` end to end with a cached mandate (verify, scope, decide, history, two trace events into a JSONL file with hash chain and checkpoints).",
    "Cedar: `@cedar-policy/cedar-wasm` 4.13 (`nodejs` build), `statefulIsAuthorized` against a policy set parsed once with `preparsePolicySet` (test/bench/fixtures/policy.cedar, one policy per Mandate rule, same ids). Before timing, both engines must reach the same decision with the same rule ids on every call, or the suite throws. `cedar*` times the call with its request prebuilt (Cedar's best case); `cedarAllowWithBuild*` includes building the request from the call.",
    "Not expressible in Cedar, so computed by the caller into `context` with Mandate's own functions: `emails()` (recipient domains and count), `urlHost()`, `pathWithin()` (normalised path), string length, the filter over recent calls, and the task aggregates (labels, counts, totals; Cedar is stateless). Mandate's `approve` is a `forbid` annotated `@effect(\"approve\")`. Semantics that differ outside the benchmarked calls: Cedar skips a policy whose evaluation errors (Mandate denies), `ip()` treats IPv4-mapped IPv6 as IPv6 (Mandate's `inCidr` as IPv4), and `like` has no `?` wildcard (these rules use only `*`).",
  ],
  verify: [
    "Cold verify: an authority with its cache off (`cacheSize: 0`), tokens at depth 0 and 3; raw baselines verify the same signing input with `node:crypto` (`crypto.verify`, synchronous) and with WebCrypto `subtle.verify` (what jose 6 calls). Cached verify: 100 calls per sample. Delegate: verify the parent from cache, attenuate, sign a child (jose); against a raw Ed25519 sign.",
  ],
  loop: [
    "200 no-op tool calls driven by a scripted `fakeModel` (explicit message and call ids), no checkpointer. Each pair (unguarded, guarded) runs in its own process; the two sides alternate for 2 warm-up and 16 timed rounds; times are medians and p99 over rounds, ratios the median of per-round ratios. `guardNode` adds a third graph node per turn (LangGraph's own cost of a node); reported, not a target.",
  ],
  memory: [
    "100,000 guard decisions in one task (one root mandate) through the deployment guard, cycling through allowed, denied and approval-needing calls, in a child `node --expose-gc`; heap used after a full GC at each checkpoint.",
  ],
  trace: [
    "One sample: 1,000 `tool.decision`-sized events through `createTracer` (RFC 8785 canonical form, sha256 chain, an Ed25519 checkpoint every 100 events) into `jsonlSink`, flushed; the baseline writes the same records with `JSON.stringify` and the same batched asynchronous append.",
  ],
};
