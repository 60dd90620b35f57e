/**
 * Export and import of every data table on PostgreSQL (`../logic/tables.ts` lists them): rows are read a page
 * at a time in key order, and written in multi-row INSERTs inside one transaction; each identity sequence then
 * moves past the largest id imported, so the next row the tutor adds gets a fresh id.
 */
import { COLUMN_NAME, DATA_TABLES, type Row } from '../logic/tables.js';
import { StoreError } from '../ports/errors.js';
import type { TableRow, TransferStore } from '../ports/transfer.js';
import type { PgContext, Sql } from './context.js';
import { pgSchemaVersion } from './migrations.js';

const PAGE_ROWS = 5_000;
/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const BATCH_ROWS = 500;
const TABLE_NAMES = new Set(DATA_TABLES.map((t) => t.name));

async function insertBatch(sql: Sql, table: string, columns: readonly string[], rows: readonly Row[]) {
  const values = rows.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
  await sql.run(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
    rows.flatMap((row) => columns.map((c) => row[c] ?? null)),
  );
}

export function pgTransfer(ctx: PgContext): TransferStore {
  return {
    async schemaVersion() {
      return ctx.read(() => pgSchemaVersion(ctx.pool));
    },

    async *exportRows() {
      for (const table of DATA_TABLES) {
        const key = table.key.join(', ');
        const after = `(${key}) > (${table.key.map((_, i) => `$${i + 2}`).join(', ')})`;
        // Keyset pages: each starts after the last key read, so a page costs the same deep in a large table.
        let last: Row | undefined;
        do {
          const from = last;
          const page = await ctx.read((sql) =>
            from === undefined
              ? sql.rows<Row>(`SELECT * FROM ${table.name} ORDER BY ${key} LIMIT $1`, [PAGE_ROWS])
              : sql.rows<Row>(`SELECT * FROM ${table.name} WHERE ${after} ORDER BY ${key} LIMIT $1`, [
                  PAGE_ROWS,
                  ...table.key.map((column) => from[column]),
                ]),
          );
          for (const row of page) yield { table: table.name, row };
          last = page.length === PAGE_ROWS ? page.at(-1) : undefined;
        } while (last !== undefined);
      }
    },

    async importRows(rows: AsyncIterable<TableRow>) {
      try {
        return await ctx.transaction(async (sql) => {
          for (const table of DATA_TABLES) {
            if ((await sql.row(`SELECT 1 FROM ${table.name} LIMIT 1`)) !== undefined) {
              throw new StoreError(
                'store-failed',
                `the database already holds data (table ${table.name}): import into an empty one`,
              );
            }
          }
          const counts: Record<string, number> = {};
          // Consecutive rows of one table with the same columns go into one INSERT.
          let pending: Row[] = [];
          let pendingTable = '';
          let pendingColumns: string[] = [];
          const flush = async () => {
            if (pending.length > 0) await insertBatch(sql, pendingTable, pendingColumns, pending);
            pending = [];
          };
          for await (const { table, row } of rows) {
            if (!TABLE_NAMES.has(table)) throw new StoreError('store-failed', `unknown table ${table} in the dump`);
            const columns = Object.keys(row);
            const bad = columns.find((c) => !COLUMN_NAME.test(c));
            if (bad !== undefined) {
              throw new StoreError('store-failed', `invalid column name ${JSON.stringify(bad)} in ${table}`);
            }
            if (table !== pendingTable || columns.join() !== pendingColumns.join() || pending.length >= BATCH_ROWS) {
              await flush();
              pendingTable = table;
              pendingColumns = columns;
            }
            pending.push(row);
            counts[table] = (counts[table] ?? 0) + 1;
          }
          await flush();
          for (const table of DATA_TABLES.filter((t) => t.identity)) {
            await sql.row(
              `SELECT setval(pg_get_serial_sequence('${table.name}', 'id'), COALESCE((SELECT MAX(id) FROM ${table.name}), 0) + 1, false)`,
            );
          }
          return counts;
        });
      } catch (error) {
        throw ctx.failed(error);
      }
    },
  };
}
