/** `tutor import <file>`: loads a `tutor export` dump into an empty database, on either backend. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cliDatabase, cliLogger, configWithDb, UsageError } from '../app/cli-support.js';
import { describeDatabase, openTransferStore } from '../app/store-factory.js';
import { importDump } from '../app/transfer.js';
import { defineSubcommand } from './options.js';

export const importCommand = defineSubcommand({
  name: 'import',
  summary: 'Load a `tutor export` dump into an empty database: tutor import <file>',
  usage: `Usage: tutor import <file> [--db PATH]

Loads the dump <file> (from \`tutor export\`, of either backend) into the database (TUTOR_DATABASE_URL, else
TUTOR_DB or --db; a SQLite file is created and migrated if missing), in one transaction, ids kept. The database
must hold no data yet. A dump from a newer tutor (export format or schema) is refused.`,
  options: { db: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('which dump? tutor import <file>');
    const source = path.resolve(io.cwd, positionals[0]!);
    if (!existsSync(source)) throw new UsageError(`no dump at ${source}`);
    const config = configWithDb(io, values.db);
    const choice = cliDatabase(io, config);
    const store = await openTransferStore(choice, { logger: cliLogger(io, config) });
    try {
      const { header, counts } = await importDump(store, source);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      io.stdout.write(
        `Imported ${source} (exported ${header.exportedAt}, schema version ${header.schemaVersion}) → ` +
          `${describeDatabase(choice)}: ${total} rows\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
});
