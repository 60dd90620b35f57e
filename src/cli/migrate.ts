/** `tutor migrate [--db PATH]`: applies pending migrations to the database file (created if missing). */
import path from 'node:path';
import { storeErrorId } from '../app/cli-support.js';
import { migrateDatabaseFile } from '../app/store-factory.js';
import { loadConfig } from '../config/config.js';
import type { Subcommand } from './io.js';
import { parseOptions } from './options.js';

export const migrateCommand: Subcommand = {
  summary: 'Apply pending database migrations',
  usage: `Usage: tutor migrate [--db PATH]

Applies every pending migration in migrations/ to the SQLite database, each in its own transaction.
  --db PATH   the database file (default: TUTOR_DB, else ./data/tutor.db); created with its folder if missing
`,
  async run(args, io) {
    let db: string | undefined;
    try {
      db = parseOptions(args, { db: { type: 'string' } }).values.db;
    } catch (error) {
      io.stderr.write(`tutor migrate: ${error instanceof Error ? error.message : String(error)}\n${this.usage}`);
      return 2;
    }
    try {
      const file = path.resolve(io.cwd, db ?? loadConfig(io.env).dbPath);
      const report = migrateDatabaseFile(file);
      io.stdout.write(
        report.applied.length === 0
          ? `${file}: up to date at schema version ${report.to}\n`
          : `${file}: schema version ${report.from} → ${report.to} (applied ${report.applied
              .map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`)
              .join(', ')})\n`,
      );
      return 0;
    } catch (error) {
      const id = storeErrorId(error);
      io.stderr.write(
        `tutor migrate${id ? ` [${id}]` : ''}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    }
  },
};
