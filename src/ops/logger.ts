/**
 * The process logger: pino, one JSON line per event (human-readable through pino-pretty only when stdout is a
 * terminal and pino-pretty is installed: it is a dev dependency, absent from the container image).
 * Once its destination fails (EPIPE: nobody reads the logs any more) the logger drops its lines; see output.ts.
 * Every line passes through the secret scrubber before it is written. Event lines carry the ids the core binds
 * with `logger.child(...)`: platform, workspaceId, channelId, userId.
 */
import { createRequire } from 'node:module';
import { destination, pino, stdTimeFunctions, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { closingSink } from './output.js';
import { REDACTED, REDACT_PATHS, createScrubber } from './redact.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Human-readable output; pass `process.stdout.isTTY`. */
  readonly pretty?: boolean;
  /** Where lines go (default: stdout, synchronously so nothing is lost on a crash). */
  readonly destination?: DestinationStream;
  /** Exact secret values (the configured tokens) to censor wherever they appear. */
  readonly secrets?: readonly (string | undefined)[];
}

export function createLogger(options: LoggerOptions): PinoLogger {
  const scrub = createScrubber(options.secrets);
  const target = (options.pretty && prettyStream()) || options.destination || destination({ dest: 1, sync: true });
  // A destination that fails once (its reader gone) is written no more: a log line never throws into the
  // code that logs, and a failed write is not logged (that write would fail too).
  const sink = closingSink(target);
  const scrubbed: DestinationStream = { write: (line) => sink.write(scrub(line)) };
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    scrubbed,
  );
}

function prettyStream(): DestinationStream | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true });
  } catch {
    return undefined;
  }
}
