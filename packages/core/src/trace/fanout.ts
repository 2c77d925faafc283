import { type LineWriter, lineWriterOf } from "./serialized.ts";
import type { TraceEvent, TraceSink } from "./types.ts";

/** Tracked write promises above this are not tracked any more (a stalled sink must not leak memory). */
const MAX_TRACKED = 65_536;

interface Pending {
  settled: boolean;
  counted: boolean;
}

/**
 * Hands sealed events to sinks without ever awaiting them on the hot path, and accounts for
 * failures: a synchronous throw or a rejection counts when it happens; a write or flush still
 * pending when `settle()` gives up (the stall timeout) counts then. Nothing here throws.
 */
export class SinkFanout {
  failures = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly state = new WeakMap<Promise<void>, Pending>();

  /** Per sink, its line writer when it stores JSONL text (see serialized.ts). */
  private readonly lineWriters: readonly (LineWriter | undefined)[];

  constructor(private readonly sinks: readonly TraceSink[]) {
    this.lineWriters = sinks.map((sink) => lineWriterOf(sink));
  }

  /** `line` is the event's JSONL text, computed while it was sealed. */
  write(event: TraceEvent, line: string): void {
    for (let i = 0; i < this.sinks.length; i++) {
      const sink = this.sinks[i] as TraceSink;
      const lines = this.lineWriters[i];
      let result: unknown;
      try {
        result =
          lines !== undefined && sink.write === lines.write ? lines.writeLine(line) : sink.write(event);
      } catch {
        this.failures++;
        continue;
      }
      if (result !== undefined && typeof (result as Promise<void>).then === "function") {
        this.track(result as Promise<void>);
      }
    }
  }

  private track(promise: Promise<void>): void {
    if (this.pending.size >= MAX_TRACKED) {
      this.failures++; // the sink is hopelessly behind: count, and let go of the promise
      promise.then(undefined, () => undefined);
      return;
    }
    const entry: Pending = { settled: false, counted: false };
    this.state.set(promise, entry);
    this.pending.add(promise);
    promise.then(
      () => {
        entry.settled = true;
        this.pending.delete(promise);
      },
      () => {
        entry.settled = true;
        this.pending.delete(promise);
        if (!entry.counted) {
          entry.counted = true;
          this.failures++;
        }
      },
    );
  }

  /**
   * Waits for the writes in flight and each sink's `flush` (or `close`) up to `timeoutMs`; what is
   * still pending then is counted as failed and abandoned. Resolves, never rejects.
   */
  async settle(timeoutMs: number, method: "flush" | "close"): Promise<void> {
    const waits: Promise<void>[] = [...this.pending].map((p) =>
      this.withTimeout(p, timeoutMs, this.state.get(p)),
    );
    for (const sink of this.sinks) {
      const op = method === "close" ? (sink.close ?? sink.flush) : sink.flush;
      if (op === undefined) continue;
      let result: Promise<void>;
      try {
        result = Promise.resolve(op.call(sink));
      } catch {
        this.failures++;
        continue;
      }
      waits.push(this.withTimeout(result, timeoutMs, { settled: false, counted: false }, true));
    }
    await Promise.all(waits);
  }

  private withTimeout(
    promise: Promise<void>,
    ms: number,
    entry: Pending | undefined,
    countRejection = false,
  ) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (entry !== undefined && !entry.settled && !entry.counted) {
          entry.counted = true;
          this.failures++;
        }
        this.pending.delete(promise);
        resolve();
      }, ms);
      promise.then(
        () => {
          if (entry !== undefined) entry.settled = true;
          clearTimeout(timer);
          resolve();
        },
        () => {
          if (entry !== undefined) {
            entry.settled = true;
            if (countRejection && !entry.counted) {
              entry.counted = true;
              this.failures++;
            }
          }
          clearTimeout(timer);
          resolve();
        },
      );
    });
  }
}
