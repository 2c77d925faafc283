import type { TraceEvent, TraceSink } from "@mandate/core";
import { EventMapper } from "./mapper.ts";
import { type NormalizedOptions, normalizeOptions, type OtelSinkOptions } from "./options.ts";

export interface OtelSinkStats {
  /** Events written before `close()`. */
  readonly events: number;
  /** Spans started. */
  readonly spans: number;
  /** Spans open now. */
  readonly open: number;
  /** Spans the sink had to end itself (parent or run ended first, close, eviction). */
  readonly unfinished: number;
  /** Events that fit no span (policy loads, checkpoints, strays) or came after close. */
  readonly ignored: number;
  /** Throws swallowed: a failing tracer or exporter, a malformed event. */
  readonly failures: number;
}

export interface OtelSink extends TraceSink {
  flush(): Promise<void>;
  /** Ends the spans still open (marked `mandate.unfinished: closed`) and flushes. Never rejects. */
  close(): Promise<void>;
  stats(): OtelSinkStats;
}

/**
 * A trace sink that emits OpenTelemetry spans following the GenAI semantic conventions:
 * `mandate.run` > `invoke_agent {agent}` > `execute_tool {tool}` / `chat {model}`, with Mandate's
 * decisions, approvals and handoffs as `mandate.*` attributes, span events and links. Spans take
 * their times from the events. Telemetry never breaks the agent: every failure is swallowed and
 * counted in `stats().failures`.
 */
export function otelSink(options: OtelSinkOptions = {}): OtelSink {
  const opts: NormalizedOptions = normalizeOptions(options);
  const mapper = new EventMapper(opts);
  let events = 0;
  let failures = 0;
  let ignoredAfterClose = 0;
  let closing: Promise<void> | undefined;

  async function flushProvider(): Promise<void> {
    try {
      await opts.provider?.forceFlush();
    } catch {
      failures++;
    }
  }

  return {
    name: opts.name,
    write(event: TraceEvent): void {
      if (closing !== undefined) {
        ignoredAfterClose++;
        return;
      }
      events++;
      try {
        if (typeof event !== "object" || event === null) mapper.ignored++;
        else mapper.handle(event);
      } catch {
        failures++;
      }
    },
    flush: flushProvider,
    close(): Promise<void> {
      if (closing === undefined) {
        failures += mapper.endAll("closed");
        closing = flushProvider();
      }
      return closing;
    },
    stats(): OtelSinkStats {
      return {
        events,
        spans: mapper.spans,
        open: mapper.open,
        unfinished: mapper.unfinished,
        ignored: mapper.ignored + ignoredAfterClose,
        failures,
      };
    },
  };
}
