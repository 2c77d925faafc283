import { toCelSafe } from "./activation.ts";
import type { HistoryEntry, TaskHistoryView, ToolAction, ToolEntry, TraceAggregate } from "./types.ts";

/** Recent calls kept in `trace.calls`. The aggregates never fall out of this window. */
export const DEFAULT_HISTORY_WINDOW = 20;
/**
 * Tools outside the catalogue whose calls get their own `trace.counts` entry. Names come from the
 * model, so this bounds the map; a rule that reads the count of a name past the bound fails to
 * evaluate, which denies (the task's `trace.count` still counts every call).
 */
export const MAX_UNLISTED_TOOL_COUNTS = 256;

type Catalogue = (tool: string) => ToolEntry;

interface CallRecord {
  readonly tool: string;
  readonly action: ToolAction;
  readonly outcome: HistoryEntry["outcome"];
  readonly labels: readonly string[];
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * A task's history as CEL sees it (`trace`): a bounded window of recent calls plus whole-task
 * aggregates — `count`, `counts[tool]`, `labels`, `totals[tool][arg]` — kept incrementally, so a
 * payment split into many small ones, or a history padded with harmless calls, cannot push what
 * matters out of view. Memory is bounded by the window, the catalogue and MAX_UNLISTED_TOOL_COUNTS,
 * whatever the task length.
 */
export class TaskHistory implements TaskHistoryView {
  readonly kind = "mandate.task-history" as const;
  readonly #catalogue: Catalogue;
  readonly #window: number;
  readonly #calls: CallRecord[] = [];
  #count = 0;
  readonly #counts = new Map<string, number>();
  readonly #labels = new Set<string>();
  readonly #totals = new Map<string, Map<string, number>>();
  // The aggregates in CEL form, kept up to date by `record` so that a snapshot (taken after every
  // call the guard records) copies them instead of converting every tool's count and sums again.
  // Rows of `#celTotals` are replaced, never mutated: earlier snapshots keep their values.
  readonly #celCounts: Record<string, bigint> = Object.create(null);
  #unlisted = 0;
  readonly #celTotals: Record<string, Readonly<Record<string, bigint | number>>> = Object.create(null);
  #celLabels: readonly string[] | undefined;
  #snapshot: TraceAggregate | undefined;

  constructor(catalogue: Catalogue, catalogueTools: readonly string[], window = DEFAULT_HISTORY_WINDOW) {
    if (!Number.isInteger(window) || window < 0)
      throw new TypeError("history window must be a non-negative integer");
    this.#catalogue = catalogue;
    this.#window = window;
    for (const tool of catalogueTools) {
      this.#counts.set(tool, 0);
      this.#celCounts[tool] = 0n;
      const sums = catalogue(tool).sum ?? [];
      if (sums.length > 0) {
        const totals = new Map(sums.map((arg) => [arg, 0]));
        this.#totals.set(tool, totals);
        this.#celTotals[tool] = celRow(totals);
      }
    }
  }

  /**
   * Adds a call. `taint: false` records it without adding its catalogue labels to `trace.labels`:
   * the guard reserves counts and sums when it allows a call and adds the labels only once the
   * call completes, when the data has actually been read (`addLabels`).
   */
  record(entry: HistoryEntry, options: { readonly taint?: boolean } = {}): void {
    const tool = this.#catalogue(entry.tool);
    const labels = [...(entry.outcome === "allowed" ? (tool.labels ?? []) : []), ...(entry.labels ?? [])];
    // Frozen: snapshots share these records, and no holder of a snapshot may rewrite the history.
    this.#calls.push(
      Object.freeze({
        tool: entry.tool,
        action: tool.action,
        outcome: entry.outcome,
        labels: Object.freeze(labels),
        args: deepFreeze(toCelSafe(entry.args ?? {}) as Record<string, unknown>),
      }),
    );
    if (this.#calls.length > this.#window) this.#calls.shift();
    this.#count++;
    const previous = this.#counts.get(entry.tool);
    if (previous !== undefined || this.#unlisted < MAX_UNLISTED_TOOL_COUNTS) {
      if (previous === undefined) this.#unlisted++;
      this.#counts.set(entry.tool, (previous ?? 0) + 1);
      this.#celCounts[entry.tool] = BigInt((previous ?? 0) + 1);
    }
    if (entry.outcome === "allowed") {
      if (options.taint !== false) this.addLabels(labels);
      const totals = this.#totals.get(entry.tool);
      if (totals !== undefined) {
        for (const [arg, sum] of totals) {
          const value = entry.args?.[arg];
          if (typeof value === "number" && Number.isFinite(value)) totals.set(arg, sum + value);
        }
        this.#celTotals[entry.tool] = celRow(totals);
      }
    } else if (entry.labels !== undefined && options.taint !== false) {
      this.addLabels(entry.labels);
    }
    this.#snapshot = undefined;
  }

  addLabels(labels: readonly string[]): void {
    let changed = false;
    for (const label of labels) {
      if (!this.#labels.has(label)) {
        this.#labels.add(label);
        changed = true;
      }
    }
    if (changed) {
      this.#celLabels = undefined;
      this.#snapshot = undefined;
    }
  }

  /** The CEL `trace` value; cached until the next change. Numbers already in CEL form. */
  snapshot(): TraceAggregate {
    if (this.#snapshot !== undefined) return this.#snapshot;
    this.#celLabels ??= Object.freeze([...this.#labels]);
    this.#snapshot = Object.freeze({
      calls: Object.freeze([...this.#calls]),
      count: BigInt(this.#count),
      counts: Object.freeze({ ...this.#celCounts }),
      labels: this.#celLabels,
      totals: Object.freeze({ ...this.#celTotals }),
    });
    return this.#snapshot;
  }
}

/** A tool's running sums in CEL form: integral sums are ints (bigint), others doubles. */
function celRow(sums: ReadonlyMap<string, number>): Record<string, bigint | number> {
  const row: Record<string, bigint | number> = {};
  for (const [arg, sum] of sums) row[arg] = Number.isInteger(sum) ? BigInt(sum) : sum;
  return Object.freeze(row);
}

/** Freezes a JSON-like value and everything in it (argument values are small and bounded in depth). */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
