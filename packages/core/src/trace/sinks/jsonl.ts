import { close as closeFd, fdatasync, mkdirSync, openSync, write as writeFd } from "node:fs";
import { dirname } from "node:path";
import { safeJsonLines } from "../safe-text.ts";
import { lineOf, registerLineWriter } from "../serialized.ts";
import type { TraceEvent, TraceSink } from "../types.ts";
import { registerExitFlush, unregisterExitFlush } from "./exit-flush.ts";

export interface JsonlSinkOptions {
  /** `fdatasync` on every flush, so a flushed event survives a power loss. Default false. */
  readonly fsync?: boolean;
  /** Flush buffered lines once this many bytes are waiting, even inside one tick. Default 1 MiB. */
  readonly batchBytes?: number;
}

export interface JsonlSink extends TraceSink {
  readonly path: string;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An append-only JSONL file, one event per line: the event's RFC 8785 canonical text (members in
 * sorted order), so `sha256(prev + "\n" + line without its "hash" member)` is the event's hash.
 * The tracer hands the sink that text, computed once while sealing (see serialized.ts); `write`
 * of an event from anywhere else serialises it the same way. Lines are buffered; batches go to
 * disk through asynchronous `fs.write` calls, one at a time and in order, so the hot path never
 * waits on the disk. The file is opened (parent directory created) at construction,
 * synchronously, so a bad path fails there and not mid-run.
 *
 * `JSON.stringify` escapes CR and LF, so a value can never start a line of its own (L-05); DEL,
 * C1 and bidi characters are also written as \u escapes (L-06), which parse to the same value.
 */
export function jsonlSink(path: string, options: JsonlSinkOptions = {}): JsonlSink {
  if (typeof path !== "string" || path === "") throw new TypeError("jsonlSink() needs a file path");
  const batchBytes = options.batchBytes ?? 1 << 20;
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "a");
  let buffer: string[] = [];
  let buffered = 0;
  let writing = false;
  let scheduled = false;
  let closed = false;
  let error: Error | undefined;
  let waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  function schedule(): void {
    if (scheduled || writing) return;
    scheduled = true;
    setImmediate(drain);
  }

  function drain(): void {
    scheduled = false;
    if (writing) return;
    if (buffer.length === 0) {
      settleWaiters();
      return;
    }
    const chunk = safeJsonLines(buffer);
    buffer = [];
    buffered = 0;
    writing = true;
    writeAll(chunk, 0);
  }

  function writeAll(chunk: Buffer, offset: number): void {
    writeFd(fd, chunk, offset, chunk.length - offset, null, (err, written) => {
      if (err) return finish(err);
      if (offset + written < chunk.length) return writeAll(chunk, offset + written);
      if (options.fsync === true && buffer.length === 0) return fdatasync(fd, (e) => finish(e ?? null));
      finish(null);
    });
  }

  function finish(err: Error | null): void {
    writing = false;
    if (err !== null) error ??= err;
    if (buffer.length > 0) drain();
    else settleWaiters();
  }

  function settleWaiters(): void {
    const done = waiters;
    waiters = [];
    for (const w of done) error === undefined ? w.resolve() : w.reject(error);
  }

  function flush(): Promise<void> {
    if (!writing && buffer.length === 0)
      return error === undefined ? Promise.resolve() : Promise.reject(error);
    return new Promise<void>((resolve, reject) => {
      waiters.push({ resolve, reject });
      if (!writing) drain();
    });
  }

  /** Buffers one line; a batch is written once it is big or the tick ends. */
  function writeLine(line: string): void {
    if (closed) throw new Error("jsonl sink is closed");
    buffer.push(line);
    buffered += line.length + 1;
    if (buffered >= batchBytes && !writing) drain();
    else schedule();
  }

  let closing: Promise<void> | undefined;
  const sink: JsonlSink = {
    name: "jsonl",
    path,
    write(event: TraceEvent): void {
      if (closed) throw new Error("jsonl sink is closed");
      writeLine(lineOf(event));
    },
    flush,
    close(): Promise<void> {
      if (closing === undefined) {
        closed = true;
        closing = flush()
          .catch((e: unknown) => e)
          .then(
            (flushError) =>
              new Promise<void>((resolve, reject) => {
                unregisterExitFlush(sink);
                closeFd(fd, (closeError) => {
                  const failure = flushError ?? closeError;
                  if (failure) reject(failure);
                  else resolve();
                });
              }),
          );
      }
      return closing;
    },
  };
  registerExitFlush(sink);
  registerLineWriter(sink, writeLine);
  return sink;
}
