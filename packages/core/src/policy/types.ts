import type { ErrorCode } from "../errors.ts";
import type { Intent } from "../intent/intent.ts";
import type { MandateClaims } from "../mandate/types.ts";

export type ToolAction = "read" | "write" | "act";
export type Effect = "allow" | "deny" | "approve";

/** A catalogue entry: what a tool is. Tools missing from the catalogue are `action: act`. */
export interface ToolEntry {
  readonly action: ToolAction;
  readonly egress?: boolean;
  readonly labels?: readonly string[];
  /** Numeric arguments whose running sum over the task is kept in `trace.totals[tool][arg]`. */
  readonly sum?: readonly string[];
  /** sha256 (hex) of the tool's definition (name, description, schema); see `toolDefinitionHash`. */
  readonly pin?: string;
}

export interface PolicyRule {
  readonly id: string;
  readonly effect: Effect;
  readonly when: string;
  readonly reason?: string;
  readonly controls?: readonly string[];
  /** `monitor`: evaluated and reported in `wouldFlip`, never changes the effect. */
  readonly mode?: "enforce" | "monitor";
}

export interface PolicyDocument {
  readonly apiVersion: "mandate/v1";
  readonly kind: "Policy";
  readonly metadata: { readonly name: string; readonly description?: string };
  readonly default: "allow" | "deny";
  readonly tools?: Readonly<Record<string, ToolEntry>>;
  readonly rules: readonly PolicyRule[];
}

export interface HistoryEntry {
  readonly tool: string;
  readonly outcome: "allowed" | "denied" | "failed";
  readonly labels?: readonly string[];
  readonly args?: Readonly<Record<string, unknown>>;
}

export interface DecideInput {
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly intent: Intent;
  readonly agent?: { readonly id: string; readonly name?: string };
  readonly mandate?: MandateClaims;
  /** The task's prior calls, oldest first. Or a TaskHistory, which keeps the aggregates itself. */
  readonly history?: readonly HistoryEntry[] | TaskHistoryView;
  readonly env?: Readonly<Record<string, unknown>>;
  readonly now?: Date;
}

/**
 * A task's history in the shape CEL sees as `trace`: a bounded window of recent calls plus
 * aggregates over the whole task that never fall out of the window. The guard keeps one per
 * run/thread and updates it incrementally, so a decision never re-scans the task.
 */
export interface TaskHistoryView {
  readonly kind: "mandate.task-history";
  /** The CEL `trace` value (frozen). */
  snapshot(): TraceAggregate;
}

export interface TraceAggregate {
  readonly calls: readonly {
    readonly tool: string;
    readonly action: ToolAction;
    readonly outcome: HistoryEntry["outcome"];
    readonly labels: readonly string[];
    readonly args: Readonly<Record<string, unknown>>;
  }[];
  /** Numbers are in CEL form: integral values are `bigint` (CEL int), others `number` (double). */
  readonly count: bigint;
  readonly counts: Readonly<Record<string, bigint>>;
  readonly labels: readonly string[];
  readonly totals: Readonly<Record<string, Readonly<Record<string, bigint | number>>>>;
}

export interface Decision {
  readonly effect: Effect;
  readonly ruleIds: readonly string[];
  readonly reason: string;
  readonly controls: readonly string[];
  readonly code?: ErrorCode;
  /** Ids of `mode: monitor` rules that would have changed the effect. */
  readonly wouldFlip?: readonly string[];
  readonly latencyNs: number;
}
