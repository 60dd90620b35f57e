/**
 * The one recording logger of the tests: the production logger (pino, with its redaction, error serializer and
 * child bindings) writing each line, parsed, to an array. A test sees exactly the fields production writes.
 */
import type { Logger } from '../../src/domain/logger.js';
import { createLogger, type LogLevel } from '../../src/ops/logger.js';

/** One log line as written: its level's name, its message, its time, and every bound or logged field. */
export interface LogLine {
  readonly level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface LogRecorder {
  readonly logger: Logger;
  readonly lines: LogLine[];
  /** The messages logged so far, in order. */
  messages(): string[];
}

/** Records every line at `level` and above (default: everything down to debug). */
export function recordingLogger(level: LogLevel = 'debug'): LogRecorder {
  const lines: LogLine[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines, messages: () => lines.map((line) => line.msg) };
}
