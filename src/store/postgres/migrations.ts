/**
 * Forward-only PostgreSQL migrations from `migrations/postgres/NNNN_name.sql` (twins of the SQLite files, same
 * numbers and names): each applied in its own transaction together with its row in `schema_migrations`, under
 * a transaction-scoped advisory lock, so two processes starting at once apply each file exactly once.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { listMigrations, type Migration, type MigrationReport } from '../logic/migration-files.js';

/** `migrations/postgres/` at the repository root, from `src/store/` as from `dist/store/`. */
export const DEFAULT_PG_MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/postgres/', import.meta.url));

/** The advisory lock key every tutor process takes to migrate (an arbitrary constant: "tutor" in ASCII). */
const MIGRATION_LOCK = 0x7475746f72;

const SCHEMA_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export async function pgSchemaVersion(db: Queryable): Promise<number> {
  const table = await db.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!table.rows[0]?.present) return 0;
  const { rows } = await db.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}

/** Applies every migration above the current version, up to `target` (default: all). */
export async function applyPgMigrations(
  pool: pg.Pool,
  options: { migrationsDir?: string; target?: number; now?: () => number } = {},
): Promise<MigrationReport> {
  const dir = options.migrationsDir ?? DEFAULT_PG_MIGRATIONS_DIR;
  const now = options.now ?? Date.now;
  const wanted = listMigrations(dir).filter((m) => options.target === undefined || m.version <= options.target);
  const from = await pgSchemaVersion(pool);
  const applied: Migration[] = [];
  const client = await pool.connect();
  let broken = false;
  try {
    for (const migration of wanted) {
      if (migration.version <= from) continue;
      const sql = fs.readFileSync(migration.file, 'utf8');
      await client.query('BEGIN');
      try {
        // A migration rewriting a large table may take longer than answering's statement timeout.
        await client.query('SET LOCAL statement_timeout = 0');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(SCHEMA_TABLE);
        // Read again under the lock: another process may have applied it meanwhile.
        if ((await pgSchemaVersion(client)) >= migration.version) {
          await client.query('ROLLBACK');
          continue;
        }
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          now(),
        ]);
        await client.query('COMMIT');
        applied.push(migration);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
        const message = error instanceof Error ? error.message : String(error);
        throw Object.assign(new Error(`migration ${migration.file} failed: ${message}`, { cause: error }), { code });
      }
    }
    return { from, to: await pgSchemaVersion(client), applied };
  } finally {
    client.release(broken);
  }
}
