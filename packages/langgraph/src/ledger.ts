import type { Guard, GuardDecision, ToolCall } from "@mandate/core";

/** How a call that needed approval ended, once the approver answered. */
export type Resolution =
  | { readonly kind: "allow"; readonly call: ToolCall }
  | { readonly kind: "refuse"; readonly text: string };

export interface Screened {
  /** Tool name and arguments, set when the entry is remembered (see `Ledger.remember`). */
  fingerprint?: string;
  readonly call: ToolCall;
  readonly decision: GuardDecision;
  resolution?: Resolution;
}

interface Cleared {
  readonly tool: string;
  readonly call: ToolCall;
}

const MAX_ENTRIES = 10_000;

/**
 * What one guard has decided in this process, by thread and tool call id.
 *
 * `screened`: decisions of a guard pass that paused for approval. LangGraph re-runs an
 * interrupted node from the top, so without this the guard would trace `tool.request` and
 * `tool.decision` again and count the calls twice in the task history (double sums). Dropped when
 * the pass finishes. A resume in another process re-authorizes (and re-traces) once.
 *
 * `cleared`: calls a guard node allowed, waiting for the guarded tool node to run them, so that
 * node runs them without deciding twice. Single use: taking an entry removes it.
 *
 * Both are bounded (oldest forgotten first); a forgotten entry means "decide again", never "allow".
 */
export class Ledger {
  readonly #screened = new Map<string, Screened>();
  readonly #cleared = new Map<string, Cleared>();

  screened(key: string, tool: string, args: unknown): Screened | undefined {
    const entry = this.#screened.get(key);
    if (entry === undefined) return undefined;
    // Same id but another tool or other arguments is not the call that was paused: decide afresh.
    return entry.fingerprint === fingerprint(tool, args) ? entry : undefined;
  }

  /** Keeps the entry (the same object: its `resolution` is filled in later) under its fingerprint. */
  remember(key: string, entry: Screened): void {
    entry.fingerprint = fingerprint(entry.call.tool, entry.call.args);
    bounded(this.#screened, key, entry);
  }

  forget(keys: readonly string[]): void {
    for (const key of keys) this.#screened.delete(key);
  }

  clear(key: string, call: ToolCall): void {
    bounded(this.#cleared, key, { tool: call.tool, call });
  }

  peek(key: string, tool: string): ToolCall | undefined {
    const entry = this.#cleared.get(key);
    return entry?.tool === tool ? entry.call : undefined;
  }

  take(key: string, tool: string): ToolCall | undefined {
    const entry = this.#cleared.get(key);
    if (entry === undefined || entry.tool !== tool) return undefined;
    this.#cleared.delete(key);
    return entry.call;
  }
}

// One ledger per guard, shared by every node and tool built with that guard, so a guard node and
// the guarded tool node after it agree on what was decided. Weak: it goes when the guard goes.
const ledgers = new WeakMap<Guard, Ledger>();

export function ledgerFor(guard: Guard): Ledger {
  let ledger = ledgers.get(guard);
  if (ledger === undefined) {
    ledger = new Ledger();
    ledgers.set(guard, ledger);
  }
  return ledger;
}

/** Tool call ids repeat across threads (and across fake models): the thread is part of the key. */
export function callKey(thread: string | undefined, callId: string): string {
  return `${thread ?? ""}\u0000${callId}`;
}

/** Tool name plus arguments as key-sorted JSON; only compared in memory, never traced. */
export function fingerprint(tool: string, args: unknown): string {
  return `${tool}\u0000${stableJson(args)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}
