import type { TraceEvent } from "@mandate/core";

// Typed reads of a trace event's fields. The sink is fed whatever a producer recorded (or a file
// someone edited), so nothing is assumed about a field's type: a wrong type reads as absent.

export function str(event: TraceEvent, field: string): string | undefined {
  const value = event[field];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function num(event: TraceEvent, field: string): number | undefined {
  const value = event[field];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function bool(event: TraceEvent, field: string): boolean | undefined {
  const value = event[field];
  return typeof value === "boolean" ? value : undefined;
}

/** A string array field; non-string members are dropped. */
export function strings(event: TraceEvent, field: string): string[] | undefined {
  const value = event[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

/** A member of an object-valued field, e.g. `args.sha256` or `error.code`. */
export function member(event: TraceEvent, field: string, key: string): string | undefined {
  const value = event[field];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === "string" && inner !== "" ? inner : undefined;
}

/** A map key for a name within a thread (agents are known by name per thread). */
export function threadScoped(thread: string | undefined, name: string): string {
  return `${thread ?? ""}\u0000${name}`;
}

/**
 * Event times. Spans take their start and end from the events' `ts`, never from the clock, so an
 * exported trace shows when things happened, however late the sink saw them. An event with no
 * valid `ts` takes the last valid one (the clock only before any).
 */
export class EventClock {
  #last: number | undefined;

  timeOf(event: TraceEvent): Date {
    const time = parseTime(event);
    if (time === undefined) return this.last();
    this.#last = time.getTime();
    return time;
  }

  /** When a hop that took `durationMs` and was recorded at `end` began. */
  startOf(event: TraceEvent, end: Date): Date {
    const duration = num(event, "durationMs");
    return duration !== undefined && duration > 0 ? new Date(end.getTime() - duration) : end;
  }

  last(): Date {
    return new Date(this.#last ?? Date.now());
  }
}

/** The event's `ts`, when it is a valid date. */
export function parseTime(event: TraceEvent): Date | undefined {
  const ms = typeof event.ts === "string" ? Date.parse(event.ts) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}
