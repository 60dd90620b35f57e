/**
 * The numbered migration files both backends read: `migrations/NNNN_name.sql` for SQLite and their twins of
 * the same number and name in `migrations/postgres/` for PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly file: string;
}

const FILE_PATTERN = /^(\d{4})_([\w-]+)\.sql$/;

export function listMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .map((name) => ({ name, match: FILE_PATTERN.exec(name) }))
    .filter((entry) => entry.match !== null)
    .map(({ name, match }) => ({ version: Number(match![1]), name: match![2]!, file: path.join(dir, name) }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 0001, 0002, … without gaps: ${m.file}`);
  });
  return migrations;
}

export function latestVersion(dir: string): number {
  return listMigrations(dir).at(-1)?.version ?? 0;
}

export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly Migration[];
}
