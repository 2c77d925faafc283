import type { TraceEvent, TraceSink } from "../types.ts";

/** Adapts a callback (sync or async) into a sink; the tracer counts its throws and rejections. */
export function functionSink(fn: (event: TraceEvent) => void | Promise<void>, name = "function"): TraceSink {
  if (typeof fn !== "function") throw new TypeError("functionSink() needs a function");
  return { name, write: (event) => fn(event) };
}
