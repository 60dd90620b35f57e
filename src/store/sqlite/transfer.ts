/** Export and import of every data table on SQLite (`../logic/tables.ts` lists them). */
import { COLUMN_NAME, DATA_TABLES } from '../logic/tables.js';
import { StoreError } from '../ports/errors.js';
import type { TransferStore } from '../ports/transfer.js';
import { toStoreError } from './connection.js';
import type { SqliteContext } from './context.js';
import { schemaVersion } from './migrations.js';

const TABLE_NAMES = new Set(DATA_TABLES.map((t) => t.name));

export function sqliteTransfer(ctx: SqliteContext): TransferStore {
  const { db } = ctx;
  return {
    async schemaVersion() {
      return ctx.guard(() => schemaVersion(db));
    },

    async *exportRows() {
      for (const table of DATA_TABLES) {
        const rows = ctx.guard(() => db.prepare(`SELECT * FROM ${table.name} ORDER BY ${table.key.join(', ')}`));
        for (const row of rows.iterate()) yield { table: table.name, row: row as Record<string, string | number> };
      }
    },

    async importRows(rows) {
      const counts: Record<string, number> = {};
      // Rows arrive asynchronously (read from a file), so the transaction is opened and ended by hand.
      ctx.guard(() => db.exec('BEGIN IMMEDIATE'));
      try {
        for (const table of DATA_TABLES) {
          if (db.prepare(`SELECT 1 FROM ${table.name} LIMIT 1`).get() !== undefined) {
            throw new StoreError(
              'store-failed',
              `the database already holds data (table ${table.name}): import into an empty one`,
            );
          }
        }
        for await (const { table, row } of rows) {
          const columns = Object.keys(row);
          if (!TABLE_NAMES.has(table)) throw new StoreError('store-failed', `unknown table ${table} in the dump`);
          const bad = columns.find((c) => !COLUMN_NAME.test(c));
          if (bad !== undefined)
            throw new StoreError('store-failed', `invalid column name ${JSON.stringify(bad)} in ${table}`);
          ctx
            .sql(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
            .run(...columns.map((c) => row[c]));
          counts[table] = (counts[table] ?? 0) + 1;
        }
        db.exec('COMMIT');
        ctx.checkpointer?.written();
        return counts;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw toStoreError(error, db.name);
      }
    },
  };
}
