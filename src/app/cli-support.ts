/**
 * What the tutor's subcommands share: configuration from the environment with `--db` on top, a logger
 * on stderr (stdout belongs to the conversation or the JSON), and `--now` for simulated time.
 */
import type { CliIo } from '../cli/io.js';
import { ConfigError, loadConfig, secretsOf, type TutorConfig } from '../config/config.js';
import path from 'node:path';
import type { Logger } from '../domain/logger.js';
import { PLATFORMS, type Platform } from '../domain/vocabulary.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';
import { createLogger, type LogLevel } from '../ops/logger.js';
import { clockStartingAt, systemClock, type Clock } from '../tutor/clock.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The configuration, with `--db PATH` overriding `TUTOR_DB`. Throws `ConfigError` with every problem. */
export function configWithDb(io: CliIo, db: string | undefined): TutorConfig {
  return loadConfig({ ...io.env, ...(db ? { TUTOR_DB: db } : {}) });
}

/** Logs go to stderr; quieter than the server default unless LOG_LEVEL asks, so a chat stays readable. */
export function cliLogger(io: CliIo, config: TutorConfig, quietLevel: LogLevel = 'warn'): Logger {
  const level = io.env.LOG_LEVEL ? config.logLevel : quietLevel;
  return createLogger({
    level,
    secrets: secretsOf(config),
    destination: { write: (line: string) => io.stderr.write(line) },
  });
}

/** `--now ISO-TIME`: a clock starting there; the real clock without it. */
export function clockFrom(now: string | undefined): Clock {
  if (now === undefined) return systemClock;
  const start = new Date(now);
  if (Number.isNaN(start.getTime())) throw new UsageError(`--now: not an ISO time: ${now} (e.g. 2026-03-01T09:30:00Z)`);
  return clockStartingAt(start);
}

/** Exit code and message for errors every subcommand reports the same way. */
export function reportCliError(io: CliIo, command: string, error: unknown): number {
  if (error instanceof ConfigError || error instanceof UsageError) {
    io.stderr.write(`tutor ${command}: ${error.message}\n`);
    return 2;
  }
  if (
    error instanceof Error &&
    error.name === 'TypeError' &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    io.stderr.write(`tutor ${command}: ${error.message}\n`);
    return 2;
  }
  io.stderr.write(`tutor ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

/** The options of subcommands that read one workspace's data: the console tutor's workspace by default. */
export const WORKSPACE_OPTIONS = {
  db: { type: 'string' },
  now: { type: 'string' },
  platform: { type: 'string', default: 'console' },
  workspace: { type: 'string', default: 'local' },
} as const;

export function platformOption(value: string): Platform {
  if (!(PLATFORMS as readonly string[]).includes(value)) {
    throw new UsageError(`--platform: one of ${PLATFORMS.join(', ')}, not ${value}`);
  }
  return value as Platform;
}

/** The configured database, relative to the command's working directory, logging to stderr. */
export function openCliStore(io: CliIo, config: TutorConfig): SqliteStore {
  return openSqliteStore(path.resolve(io.cwd, config.dbPath), { logger: cliLogger(io, config) });
}
