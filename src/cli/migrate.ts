/** `tutor migrate [--db PATH]`: applies pending migrations to the configured database (SQLite or PostgreSQL). */
import { configWithDb, storeErrorId } from '../app/cli-support.js';
import { databaseChoice, describeDatabase, migrateDatabase } from '../app/store-factory.js';
import type { Subcommand } from './io.js';
import { parseOptions } from './options.js';

export const migrateCommand: Subcommand = {
  summary: 'Apply pending database migrations',
  usage: `Usage: tutor migrate [--db PATH]

Applies every pending migration to the database, each in its own transaction: migrations/ to the SQLite file,
or migrations/postgres/ to the PostgreSQL server of TUTOR_DATABASE_URL (under a lock, so processes starting at
once apply each migration once).
  --db PATH   the SQLite file (default: TUTOR_DB, else ./data/tutor.db, unless TUTOR_DATABASE_URL is set);
              created with its folder if missing
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
      const choice = databaseChoice(configWithDb(io, db), io.cwd);
      const where = describeDatabase(choice);
      const report = await migrateDatabase(choice);
      io.stdout.write(
        report.applied.length === 0
          ? `${where}: up to date at schema version ${report.to}\n`
          : `${where}: schema version ${report.from} → ${report.to} (applied ${report.applied
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
