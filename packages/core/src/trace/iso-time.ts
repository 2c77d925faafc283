/**
 * The `ts` of events: the clock's time as ISO 8601. `toISOString` costs about as much as the rest
 * of the envelope, and consecutive events mostly fall in the same millisecond, so the text of the
 * last millisecond is kept. Without an injected clock, `Date.now()` spares the `Date` object too.
 */
export function isoTime(clock: (() => Date) | undefined): () => string {
  let lastMs = Number.NaN;
  let lastText = "";
  const text = (ms: number): string => {
    if (ms !== lastMs) {
      lastText = new Date(ms).toISOString();
      lastMs = ms;
    }
    return lastText;
  };
  if (clock === undefined) return () => text(Date.now());
  return () => {
    try {
      const date = clock();
      const ms = date instanceof Date ? date.getTime() : Number.NaN;
      if (!Number.isNaN(ms)) return text(ms);
    } catch {
      // fall through: a broken clock (throws, invalid Date) falls back to the system's
    }
    return text(Date.now());
  };
}
