/** `tutor export <file>`: every row of the database as a portable JSON Lines dump, for either backend. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  cliDatabase,
  cliLogger,
  clockFrom,
  configWithDb,
  MissingDatabaseError,
  UsageError,
} from '../app/cli-support.js';
import { describeDatabase, openTransferStore } from '../app/store-factory.js';
import { exportDump } from '../app/transfer.js';
import { defineSubcommand } from './options.js';

export const exportCommand = defineSubcommand({
  name: 'export',
  summary: 'Write every row to a portable JSON Lines dump: tutor export <file>',
  usage: `Usage: tutor export <file> [--db PATH] [--now ISO-TIME]

Writes the database (TUTOR_DATABASE_URL, else TUTOR_DB or --db) to <file> as JSON Lines: a header line
{format, version, schemaVersion, exportedAt}, then one {table, row} line per row, tables parents first.
\`tutor import\` loads it into an empty database of either backend (SQLite → PostgreSQL and back).
<file> must not exist yet; it appears only once complete.`,
  options: { db: { type: 'string' }, now: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('where to? tutor export <file>');
    const target = path.resolve(io.cwd, positionals[0]!);
    if (existsSync(target)) throw new UsageError(`${target} exists: export to a new file`);
    const config = configWithDb(io, values.db);
    const choice = cliDatabase(io, config);
    if (choice.kind === 'sqlite' && !existsSync(choice.file)) throw new MissingDatabaseError(choice.file);
    const store = await openTransferStore(choice, { logger: cliLogger(io, config), readOnly: true });
    try {
      const { header, rows } = await exportDump(store, target, clockFrom(values.now).now());
      io.stdout.write(
        `Exported ${describeDatabase(choice)} → ${target} (${rows} rows, schema version ${header.schemaVersion})\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
});
