/**
 * What the tutor's subcommands share: configuration from the environment with `--db` on top, a logger
 * on stderr (stdout belongs to the conversation or the JSON), and `--now` for simulated time.
 */
import type { CliIo } from './io.js';
import { ConfigError, loadConfig, secretsOf, type TutorConfig } from '../config/config.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../domain/logger.js';
import { PLATFORMS, type Platform } from '../domain/vocabulary.js';
import { loadKnowledgeBase } from '../challenges/knowledge-base.js';
import type { KnowledgeBase } from '../challenges/types.js';
import { StoreError, type Store } from '../store/types.js';
import { createLogger, type LogLevel } from '../ops/logger.js';
import { clockStartingAt, systemClock, type Clock } from '../tutor/clock.js';
import { databaseChoice, openStore, type DatabaseChoice } from './store-factory.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The configuration, with `--db PATH` overriding `TUTOR_DB` (and choosing that SQLite file over a
 * `TUTOR_DATABASE_URL`). Throws `ConfigError` with every problem.
 */
export function configWithDb(io: CliIo, db: string | undefined): TutorConfig {
  return loadConfig({ ...io.env, ...(db ? { TUTOR_DB: db, TUTOR_DATABASE_URL: undefined } : {}) });
}

/** Logs go to stderr; quieter than the server default unless LOG_LEVEL asks, so a chat stays readable. */
export function cliLogger(io: CliIo, config: TutorConfig, quietLevel: LogLevel = 'warn'): Logger {
  const level = io.env.LOG_LEVEL ? config.logLevel : quietLevel;
  return createLogger({
    level,
    secrets: secretsOf(config),
    destination: io.stderr,
  });
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO date or date-time as an instant, or `null` when it is not one. `new Date()` alone rolls an impossible
 * date over (2026-02-30 becomes 2 March), so each field is checked against the calendar first.
 */
export function parseIsoTime(text: string): Date | null {
  const match = ISO_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((f) => Number(f ?? 0));
  const lastDay = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > lastDay) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = match[7];
  if (offset && !/^(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/i.test(offset)) return null;
  const instant = new Date(text.trim());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** `--now ISO-TIME`: a clock starting there; the real clock without it. */
export function clockFrom(now: string | undefined): Clock {
  if (now === undefined) return systemClock;
  const start = parseIsoTime(now);
  if (start === null) {
    throw new UsageError(`--now: not an ISO time, or no such day: ${now} (e.g. 2026-03-01T09:30:00Z)`);
  }
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

/** One workspace's data in the configured database (which must exist), as a subcommand reads it. */
export interface CliWorkspace {
  readonly platform: Platform;
  readonly workspace: string;
  readonly config: TutorConfig;
  readonly clock: Clock;
  readonly store: Store;
}

/**
 * Runs `work` on the workspace the `WORKSPACE_OPTIONS` name (`--platform`, `--workspace`: the console tutor's by
 * default, `--db`, `--now`), with the store open for the command and closed after it.
 */
export async function withWorkspace<T>(
  io: CliIo,
  values: { readonly db?: string; readonly now?: string; readonly platform: string; readonly workspace: string },
  work: (workspace: CliWorkspace) => Promise<T>,
): Promise<T> {
  const platform = platformOption(values.platform);
  const config = configWithDb(io, values.db);
  const clock = clockFrom(values.now);
  const store = await openCliStore(io, config);
  try {
    return await work({ platform, workspace: values.workspace, config, clock, store });
  } finally {
    await store.close();
  }
}

/** A command that works on existing data found no database: a mistyped path must not make a new, empty one. */
export class MissingDatabaseError extends Error {
  override readonly name = 'MissingDatabaseError';
  constructor(readonly file: string) {
    super(`no database at ${file} (set TUTOR_DB or --db; \`tutor migrate\` creates one)`);
  }
}

/** The configured database: the SQLite file relative to the command's working directory, or the server. */
export function cliDatabase(io: CliIo, config: TutorConfig): DatabaseChoice {
  return databaseChoice(config, io.cwd);
}

/**
 * The configured database, logging to stderr. A SQLite file must exist already: only `start`, `console` and
 * `migrate` create one (they open the store themselves).
 */
export async function openCliStore(io: CliIo, config: TutorConfig): Promise<Store> {
  const choice = cliDatabase(io, config);
  if (choice.kind === 'sqlite' && !existsSync(choice.file)) throw new MissingDatabaseError(choice.file);
  return openStore(choice, { logger: cliLogger(io, config) });
}

/** `--knowledge DIR`, else `TUTOR_KNOWLEDGE` (default ./knowledge), relative to the working directory. */
export function resolveKnowledgeDir(io: CliIo, option: string | undefined): string {
  return path.resolve(io.cwd, option ?? loadConfig(io.env).knowledgeDir);
}

/**
 * The notes a command reads (`--knowledge DIR` over the configuration), loaded as the running tutor loads them,
 * so its topics, lookup and challenges are the chat's. Unlike the services, an empty folder is no error here:
 * the commands say so themselves.
 */
export function loadCliKnowledge(io: CliIo, option: string | undefined): Promise<KnowledgeBase> {
  return loadKnowledgeBase(resolveKnowledgeDir(io, option));
}

/** The stable id of a store failure (`store-read-only`, …), for a command's error line; `null` for any other. */
export function storeErrorId(error: unknown): string | null {
  return error instanceof StoreError ? error.id : null;
}
