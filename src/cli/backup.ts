/** `tutor backup <file>`: SQLite's online backup of the live database, safe while the bot runs. */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliLogger, configWithDb, reportCliError, UsageError } from '../app/cli-support.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Subcommand } from './io.js';

export const backupCommand: Subcommand = {
  summary: 'Back the database up while the bot runs: tutor backup <file>',
  usage: `Usage: tutor backup <file> [--db PATH] [--force]

Copies the database (TUTOR_DB, or --db) to <file> with SQLite's online backup: consistent, and safe while the
tutor runs (it waits for writers, never blocks them for long). The copy is then opened and its schema checked.
  --force   overwrite <file> if it exists`,
  async run(args, io) {
    try {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: { db: { type: 'string' }, force: { type: 'boolean', default: false } },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length !== 1) throw new UsageError('where to? tutor backup <file>');
      const config = configWithDb(io, values.db);
      const source = path.resolve(io.cwd, config.dbPath);
      const target = path.resolve(io.cwd, positionals[0]!);
      if (!existsSync(source)) throw new UsageError(`no database at ${source} (set TUTOR_DB or --db)`);
      if (target === source) throw new UsageError('the backup must not be the database itself');
      if (existsSync(target) && !values.force) throw new UsageError(`${target} exists (--force overwrites it)`);

      const started = Date.now();
      // Into a fresh side file, checked, then renamed over the target: never a half-written backup under its name.
      const partial = `${target}.partial-${process.pid}`;
      try {
        const store = openSqliteStore(source, { logger: cliLogger(io, config) });
        try {
          await store.backup(partial);
        } finally {
          await store.close();
        }
        const copy = openSqliteStore(partial, { readOnly: true });
        const health = await copy.health().finally(() => copy.close());
        // A stale -wal beside an overwritten backup would be replayed into the new one.
        for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
        renameSync(partial, target);
        io.stdout.write(
          `Backed up ${source} → ${target} (${statSync(target).size} bytes, schema version ${health.schemaVersion}, ` +
            `${Date.now() - started} ms)\n`,
        );
      } finally {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
      }
      return 0;
    } catch (error) {
      return reportCliError(io, 'backup', error);
    }
  },
};
