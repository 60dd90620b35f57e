/** Read-only looks at a tutor database file from a test, beside the store under test. */
import Database from 'better-sqlite3';

/** Rows in every table of the file, by table name: equal before and after means nothing was written. */
export function rowCounts(file: string): Record<string, number> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((table) => [table, sqlite.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number]),
    );
  } finally {
    sqlite.close();
  }
}
