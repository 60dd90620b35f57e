/**
 * Bolt and its Web API client log through @slack/logger's interface; this bridges it to the app's Logger so
 * their warnings (failed verification, retries, socket drops) land in the same structured log.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../domain/logger.js';

const ORDER: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function boltLogger(logger: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initial;
  let name = 'bolt';
  const at =
    (wanted: LogLevel, write: (bindings: Record<string, unknown>, message: string) => void) =>
    (...parts: unknown[]) => {
      if (ORDER.indexOf(wanted) < ORDER.indexOf(level)) return;
      write(
        { component: name },
        parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' '),
      );
    };
  return {
    debug: at(LogLevel.DEBUG, (b, m) => logger.debug(b, m)),
    info: at(LogLevel.INFO, (b, m) => logger.info(b, m)),
    warn: at(LogLevel.WARN, (b, m) => logger.warn(b, m)),
    error: at(LogLevel.ERROR, (b, m) => logger.error(b, m)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
