/**
 * The targets of issue 8 ("this machine class, ratios from one run"), each read from one figure
 * of one suite. `pass` is undefined when that suite did not run (`pnpm bench <suite>`).
 */
export type Figures = Readonly<Record<string, number | string | boolean>>;

export interface Target {
  readonly target: string;
  readonly suite: string;
  readonly figure: string;
  readonly unit: string;
  readonly check: (value: number | string | boolean) => boolean;
}

export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | undefined;
}

const atMost = (limit: number) => (v: number | string | boolean) => typeof v === "number" && v <= limit;
const atLeast = (limit: number) => (v: number | string | boolean) => typeof v === "number" && v >= limit;

export const TARGETS: readonly Target[] = [
  {
    target: "decision p50 <= 10 µs (slowest of 3 calls, policy.decide)",
    suite: "decision",
    figure: "decideWorstMedianNs",
    unit: "ns",
    check: atMost(10_000),
  },
  {
    target: "decision >= 20x faster than Cedar-wasm (smallest of 3 ratios)",
    suite: "decision",
    figure: "cedarVsDecideWorst",
    unit: "x",
    check: atLeast(20),
  },
  {
    target: "cold verify <= 1.5x raw Ed25519 verify (worse of depth 0 and 3)",
    suite: "verify",
    figure: "coldVerifyWorstVsRaw",
    unit: "x",
    check: atMost(1.5),
  },
  {
    target: "cached verify <= 1 µs",
    suite: "verify",
    figure: "cachedVerifyMedianNs",
    unit: "ns",
    check: atMost(1_000),
  },
  {
    target: "guarded/unguarded LangGraph loop <= 1.10 (createGuardedToolNode vs ToolNode)",
    suite: "loop",
    figure: "guardedToolNodeVsToolNode",
    unit: "x",
    check: atMost(1.1),
  },
  {
    target: "guarded/unguarded createAgent loop <= 1.10 (mandateMiddleware)",
    suite: "loop",
    figure: "middlewareVsCreateAgent",
    unit: "x",
    check: atMost(1.1),
  },
  {
    target: "trace >= 100,000 events/s (JSONL, hash chain, checkpoints)",
    suite: "trace",
    figure: "tracedEventsPerSec",
    unit: "events/s",
    check: atLeast(100_000),
  },
  {
    target: "trace <= 2x plain JSON.stringify + append",
    suite: "trace",
    figure: "costRatioVsPlain",
    unit: "x",
    check: atMost(2),
  },
  {
    target: "heap flat after warm-up (10k -> 100k decisions, < 1 MiB)",
    suite: "memory",
    figure: "growth10kTo100kKiB",
    unit: "KiB",
    check: atMost(1024),
  },
];

export function evaluateTargets(results: Readonly<Record<string, Figures>>): TargetResult[] {
  return TARGETS.map((t) => {
    const value = results[t.suite]?.[t.figure];
    if (value === undefined) return { target: t.target, measured: "not run", pass: undefined };
    const shown = typeof value === "number" ? value.toLocaleString("en-US") : String(value);
    return { target: t.target, measured: `${shown} ${t.unit}`, pass: t.check(value) };
  });
}
