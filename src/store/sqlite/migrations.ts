/**
 * Forward-only SQL migrations from `migrations/NNNN_name.sql`: each file applied once, in order, in
 * its own IMMEDIATE transaction together with its row in `schema_migrations`, so a crash leaves the
 * schema at a recorded version and two processes starting at once cannot both apply a file.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { latestVersion, listMigrations, type Migration, type MigrationReport } from '../logic/migration-files.js';
import { openDatabase, toStoreError } from './connection.js';

/** `migrations/` at the repository root, from `src/store/` as from `dist/store/`. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export { latestVersion, listMigrations, type Migration, type MigrationReport };

function ensureSchemaTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
}

export function schemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/** Applies every migration above the current version, up to `target` (default: all). */
export function applyMigrations(
  db: Database.Database,
  options: { migrationsDir?: string; target?: number; now?: () => number } = {},
): MigrationReport {
  const dir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const now = options.now ?? Date.now;
  const wanted = listMigrations(dir).filter((m) => options.target === undefined || m.version <= options.target);
  ensureSchemaTable(db);
  const from = schemaVersion(db);
  const applied: Migration[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of wanted) {
    const sql = fs.readFileSync(migration.file, 'utf8');
    const ran = db
      .transaction(() => {
        // Re-read inside the write lock: another process may have applied it meanwhile.
        if (schemaVersion(db) >= migration.version) return false;
        db.exec(sql);
        record.run(migration.version, migration.name, now());
        return true;
      })
      .immediate();
    if (ran) applied.push(migration);
  }
  return { from, to: schemaVersion(db), applied };
}

/** Opens a database file (creating it and its directory), migrates it and closes it: for `tutor migrate`. */
export function migrateDatabaseFile(
  file: string,
  options: { migrationsDir?: string; target?: number } = {},
): MigrationReport {
  const db = openDatabase(file);
  try {
    return applyMigrations(db, options);
  } catch (error) {
    throw toStoreError(error);
  } finally {
    db.close();
  }
}
