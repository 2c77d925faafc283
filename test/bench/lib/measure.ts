/**
 * tinybench with the settings every micro suite uses: nanosecond timestamps (process.hrtime),
 * a warm-up phase, errors thrown rather than recorded, and results as median and p99 in ns.
 * `batch` runs the body that many times per sample and divides, for operations near the timer's
 * own cost (then p99 is the p99 of batch means, not of single calls).
 */
import { Bench } from "tinybench";

export interface Timing {
  readonly medianNs: number;
  readonly p99Ns: number;
  readonly samples: number;
}

export interface MeasureTask {
  readonly name: string;
  readonly fn: () => unknown;
  readonly batch?: number;
  /** The body returns a promise (awaited inside the timed window). */
  readonly async?: boolean;
}

export interface MeasureOptions {
  /** Time budget per task, ms. */
  readonly time: number;
  readonly warmupTime: number;
}

export async function measure(
  tasks: readonly MeasureTask[],
  options: MeasureOptions,
): Promise<Record<string, Timing>> {
  const bench = new Bench({
    time: options.time,
    warmupTime: options.warmupTime,
    timestampProvider: "hrtimeNow",
    throws: true,
  });
  for (const task of tasks) bench.add(task.name, batched(task));
  await bench.run();
  const out: Record<string, Timing> = {};
  for (const task of tasks) {
    const result = bench.getTask(task.name)?.result;
    if (result === undefined || !("latency" in result)) throw new Error(`no result for ${task.name}`);
    const per = task.batch ?? 1;
    out[task.name] = {
      medianNs: Math.round((result.latency.p50 * 1e6) / per),
      p99Ns: Math.round((result.latency.p99 * 1e6) / per),
      samples: result.latency.samplesCount,
    };
  }
  return out;
}

function batched(task: MeasureTask): () => unknown {
  const { fn, batch } = task;
  if (batch === undefined || batch === 1) return fn;
  if (task.async === true) {
    return async () => {
      for (let i = 0; i < batch; i++) await fn();
    };
  }
  return () => {
    for (let i = 0; i < batch; i++) fn();
  };
}

/** `a / b`, rounded to 2 decimals (ratios are reported that way everywhere). */
export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}
