/**
 * `tutor backup <file>`: SQLite's online backup of the live database, safe while the bot runs; on PostgreSQL,
 * the server's `pg_dump`.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { configWithDb, MissingDatabaseError, UsageError } from '../app/cli-support.js';
import {
  backupDatabase,
  backupTargetProblem,
  checkBackup,
  DATABASE_FILE_SUFFIXES,
  describeDatabase,
  dumpPostgres,
  dumpTargetProblem,
  findPgDump,
  pgDumpCommand,
  type DatabaseChoice,
} from '../app/store-factory.js';
import type { CliIo } from './io.js';
import { defineSubcommand } from './options.js';

export const backupCommand = defineSubcommand({
  name: 'backup',
  summary: 'Back the database up while the bot runs: tutor backup <file>',
  usage: `Usage: tutor backup <file> [--db PATH] [--force]

Copies the database (TUTOR_DB, or --db) to <file> with SQLite's online backup: consistent, and safe while the
tutor runs (it waits for writers, never blocks them for long). A read-only database backs up too. The copy is
written beside <file>, checked (PRAGMA quick_check) and only then renamed into place; nothing half-written is
left behind, even on failure.
<file> must be a new path or an existing regular file, and never the database or its -wal/-shm under any name
(symlinked folders and hard links included).
With TUTOR_DATABASE_URL (PostgreSQL), <file> is a pg_dump archive in its custom format (pg_restore reads it);
without pg_dump installed, the command says how to take one.
  --force   replace <file> if it is an existing regular file`,
  options: { db: { type: 'string' }, force: { type: 'boolean', default: false } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('where to? tutor backup <file>');
    const config = configWithDb(io, values.db);
    const target = path.resolve(io.cwd, positionals[0]!);
    if (config.postgres) return dumpServer(io, { kind: 'postgres', ...config.postgres }, target, values.force);
    const source = path.resolve(io.cwd, config.dbPath);
    if (!existsSync(source)) throw new MissingDatabaseError(source);
    const problem = backupTargetProblem(source, target, values.force);
    if (problem) throw new UsageError(problem);

    const started = Date.now();
    mkdirSync(path.dirname(target), { recursive: true });
    // Into a fresh side file, checked, then renamed over the target: never a half-written backup under its name.
    const partial = `${target}.partial-${process.pid}`;
    const removePartial = () => {
      for (const suffix of DATABASE_FILE_SUFFIXES) rmSync(`${partial}${suffix}`, { force: true });
    };
    const interrupted = (signal: NodeJS.Signals) => {
      removePartial();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
    try {
      const { pages } = await backupDatabase(source, partial);
      const check = checkBackup(partial);
      if (check.integrity !== 'ok') throw new Error(`the copy fails its integrity check: ${check.integrity}`);
      // A stale -wal beside a replaced backup would be replayed into the new one.
      for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
      renameSync(partial, target);
      io.stdout.write(
        `Backed up ${source} → ${target} (${statSync(target).size} bytes, ${pages} pages, ` +
          `schema version ${check.schemaVersion}, ${Date.now() - started} ms)\n`,
      );
    } finally {
      process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
      removePartial();
    }
    return 0;
  },
});

async function dumpServer(
  io: CliIo,
  server: Extract<DatabaseChoice, { kind: 'postgres' }>,
  target: string,
  force: boolean,
): Promise<number> {
  const problem = dumpTargetProblem(target, force);
  if (problem) throw new UsageError(problem);
  const pgDump = findPgDump(io.env.PATH ?? '');
  if (pgDump === null) {
    io.stderr.write(
      `tutor backup: pg_dump is not installed (apt-get install postgresql-client). Take the backup with:\n` +
        `  PGPASSWORD=<password> ${pgDumpCommand(server.url, target)}\n`,
    );
    return 1;
  }
  const started = Date.now();
  mkdirSync(path.dirname(target), { recursive: true });
  const bytes = await dumpPostgres(pgDump, server.url, target, io.env);
  io.stdout.write(
    `Backed up ${describeDatabase(server)} → ${target} (pg_dump custom format, ${bytes} bytes, ${Date.now() - started} ms)\n`,
  );
  return 0;
}
