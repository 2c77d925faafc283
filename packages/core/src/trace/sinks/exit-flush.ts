/**
 * One shared `beforeExit` listener for every open JSONL sink (not one per sink: no
 * MaxListenersExceeded warnings, and nothing stays registered once the last sink closes). When
 * the event loop empties with lines still buffered, the flush it starts keeps the process alive
 * until they are written. `process.exit()` skips `beforeExit`: call `close()` before it.
 */
const open = new Set<{ flush(): Promise<void> }>();

function onBeforeExit(): void {
  for (const sink of open) sink.flush().catch(() => undefined);
}

export function registerExitFlush(sink: { flush(): Promise<void> }): void {
  if (open.size === 0) process.on("beforeExit", onBeforeExit);
  open.add(sink);
}

export function unregisterExitFlush(sink: { flush(): Promise<void> }): void {
  if (!open.delete(sink)) return;
  if (open.size === 0) process.off("beforeExit", onBeforeExit);
}
