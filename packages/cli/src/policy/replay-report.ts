import { safeText } from "../cli/safe-text.ts";

export interface ReplayCall {
  readonly seq: number;
  readonly callId: string;
  readonly agent: string;
  readonly tool: string;
}

export interface ReplayFlip extends ReplayCall {
  readonly from: string;
  readonly to: string;
  readonly fromRuleIds: readonly string[];
  readonly toRuleIds: readonly string[];
}

export interface ReplaySkip extends ReplayCall {
  readonly reason: string;
}

export interface ReplayReport {
  readonly policy: string;
  readonly decisions: number;
  readonly replayed: number;
  readonly unchanged: number;
  readonly flipped: number;
  readonly unreplayable: number;
  /** Guard-level decisions (mandate, scope, pin) the policy never saw; kept as recorded. */
  readonly notPolicy: number;
  /** "allow -> deny": count. */
  readonly transitions: Readonly<Record<string, number>>;
  readonly flips: readonly ReplayFlip[];
  readonly unreplayableReasons: Readonly<Record<string, number>>;
  readonly skipped: readonly ReplaySkip[];
}

/** Accumulates replay outcomes; `report()` gives the exact counts. */
export class ReplayTally {
  readonly #policy: string;
  #decisions = 0;
  #unchanged = 0;
  #notPolicy = 0;
  readonly #flips: ReplayFlip[] = [];
  readonly #skipped: ReplaySkip[] = [];

  constructor(policy: string) {
    this.#policy = policy;
  }

  notPolicy(_call: ReplayCall, _code: string): void {
    this.#decisions++;
    this.#notPolicy++;
  }

  unreplayable(call: ReplayCall, reason: string): void {
    this.#decisions++;
    this.#skipped.push({ ...call, reason });
  }

  replayed(
    call: ReplayCall,
    old: { readonly effect: string; readonly ruleIds: readonly string[] },
    now: { readonly effect: string; readonly ruleIds: readonly string[] },
  ): void {
    this.#decisions++;
    if (old.effect === now.effect) {
      this.#unchanged++;
      return;
    }
    this.#flips.push({
      ...call,
      from: old.effect,
      to: now.effect,
      fromRuleIds: old.ruleIds,
      toRuleIds: [...now.ruleIds],
    });
  }

  report(): ReplayReport {
    const transitions: Record<string, number> = {};
    for (const flip of this.#flips) {
      const key = `${flip.from} -> ${flip.to}`;
      transitions[key] = (transitions[key] ?? 0) + 1;
    }
    const unreplayableReasons: Record<string, number> = {};
    for (const skip of this.#skipped)
      unreplayableReasons[skip.reason] = (unreplayableReasons[skip.reason] ?? 0) + 1;
    return {
      policy: this.#policy,
      decisions: this.#decisions,
      replayed: this.#unchanged + this.#flips.length,
      unchanged: this.#unchanged,
      flipped: this.#flips.length,
      unreplayable: this.#skipped.length,
      notPolicy: this.#notPolicy,
      transitions,
      flips: this.#flips,
      unreplayableReasons,
      skipped: this.#skipped,
    };
  }
}

export function renderReplay(report: ReplayReport): string[] {
  const lines = [
    `policy ${safeText(report.policy)}`,
    `decisions ${report.decisions}  replayed ${report.replayed}  unchanged ${report.unchanged}  flipped ${report.flipped}  unreplayable ${report.unreplayable}  not-policy ${report.notPolicy}`,
  ];
  const transitions = Object.entries(report.transitions).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (transitions.length > 0) {
    lines.push("", "flips:");
    for (const [key, count] of transitions) lines.push(`  ${key}: ${count}`);
    for (const flip of report.flips) {
      lines.push(
        `  seq ${flip.seq}  ${safeText(flip.agent || "-")}  ${safeText(flip.tool)}  ${flip.from} -> ${flip.to}  ` +
          `[${safeText(flip.fromRuleIds.join(", "))}] -> [${safeText(flip.toRuleIds.join(", "))}]`,
      );
    }
  }
  if (report.skipped.length > 0) {
    lines.push("", "unreplayable:");
    for (const [reason, count] of Object.entries(report.unreplayableReasons))
      lines.push(`  ${safeText(reason)}: ${count}`);
    for (const skip of report.skipped) {
      lines.push(
        `  seq ${skip.seq}  ${safeText(skip.agent || "-")}  ${safeText(skip.tool)}  ${safeText(skip.reason)}`,
      );
    }
  }
  return lines;
}
