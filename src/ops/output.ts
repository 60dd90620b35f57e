/**
 * Output whose reader may go away: a pipe into `head`, a log collector that restarts. `process.stdout` and
 * `process.stderr` are never destroyed (their `destroy()` does nothing), so after the reader has gone every
 * write fails again with EPIPE and emits an `error` event; unhandled, that event is an uncaught exception,
 * whose log line is one more failing write, and so on: a loop that keeps a core busy and the bot deaf.
 * The rule here: the first failure closes the sink for good, and nothing more is written to it.
 */

export interface OutputSink {
  /** Writes the text, or drops it once the stream has failed. Never throws. */
  write(text: string): void;
}

export interface WritableLike {
  write(text: string): unknown;
  /** Streams report most write failures as an `error` event; a plain `{ write }` object only throws. */
  on?(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * A sink that stops at the stream's first error (emitted or thrown). `onClosed` runs once, with that error.
 * The error listener stays attached, so a later failure of the same stream is never an uncaught exception.
 */
export function closingSink(stream: WritableLike, onClosed?: (error: unknown) => void): OutputSink {
  let closed = false;
  const close = (error: unknown) => {
    if (closed) return;
    closed = true;
    onClosed?.(error);
  };
  stream.on?.('error', close);
  return {
    write(text) {
      if (closed) return;
      try {
        stream.write(text);
      } catch (error) {
        close(error);
      }
    },
  };
}

/**
 * For the `tutor` process: a failing stderr is dropped silently (there is nowhere left to report it), and a
 * failing stdout calls `onStdoutClosed` (a command whose output nobody reads ends; a server carries on).
 */
export function guardStandardStreams(
  streams: { readonly stdout: WritableLike; readonly stderr: WritableLike },
  onStdoutClosed: (error: unknown) => void,
): void {
  closingSink(streams.stderr);
  closingSink(streams.stdout, onStdoutClosed);
}
