/**
 * The one door to the store's backend: everything that opens a store (the services, the CLI's subcommands,
 * the doctor) opens it here, and so do the operations only one backend has (backing a SQLite file up and
 * checking the copy; migrating either). The backend is chosen here and nowhere else: PostgreSQL when the
 * configuration has a `TUTOR_DATABASE_URL`, else the SQLite file `TUTOR_DB`.
 */
import path from 'node:path';
import type { PostgresConfig, TutorConfig } from '../config/config.js';
import type { Logger } from '../domain/logger.js';
import type { MigrationReport } from '../store/logic/migration-files.js';
import { redactUrl } from '../store/postgres/connection.js';
import { migratePostgres, openPostgresStore } from '../store/postgres/store.js';
import { migrateDatabaseFile } from '../store/sqlite/migrations.js';
import { openSqliteStore } from '../store/sqlite/store.js';
import type { TransferStore } from '../store/ports/transfer.js';
import type { Store } from '../store/types.js';

export { backupDatabase, backupTargetProblem, checkBackup, DATABASE_FILE_SUFFIXES } from '../store/sqlite/backup.js';
export { migrateDatabaseFile } from '../store/sqlite/migrations.js';
export { dumpPostgres, dumpTargetProblem, findPgDump, pgDumpCommand } from '../store/postgres/backup.js';
export type { MigrationReport } from '../store/logic/migration-files.js';

/** Where the store lives. */
export type DatabaseChoice =
  { readonly kind: 'sqlite'; readonly file: string } | ({ readonly kind: 'postgres' } & PostgresConfig);

/** The configured database: PostgreSQL when a URL is set, else the SQLite file resolved against `cwd`. */
export function databaseChoice(config: TutorConfig, cwd: string): DatabaseChoice {
  return config.postgres
    ? { kind: 'postgres', ...config.postgres }
    : { kind: 'sqlite', file: path.resolve(cwd, config.dbPath) };
}

/** The database as it can be shown to an operator: a file path, or the server's URL without its password. */
export function describeDatabase(choice: DatabaseChoice): string {
  return choice.kind === 'sqlite' ? choice.file : redactUrl(choice.url);
}

export interface StoreOpenOptions {
  readonly logger?: Logger;
  /** No migrations are applied and every write fails with `store-read-only`: for looking without changing. */
  readonly readOnly?: boolean;
}

/** Opens (creating a SQLite file, and migrating, unless read-only) the store where `choice` says. */
export async function openStore(choice: DatabaseChoice, options: StoreOpenOptions = {}): Promise<Store> {
  return choice.kind === 'sqlite'
    ? openSqliteStore(choice.file, options)
    : openPostgresStore({ ...choice, ...options });
}

/** The store with what moving data needs (`tutor export`, `tutor import`). */
export async function openTransferStore(
  choice: DatabaseChoice,
  options: StoreOpenOptions = {},
): Promise<Store & TransferStore> {
  return choice.kind === 'sqlite'
    ? openSqliteStore(choice.file, options)
    : openPostgresStore({ ...choice, ...options });
}

/** Applies pending migrations (creating a SQLite file and its folder if missing): for `tutor migrate`. */
export async function migrateDatabase(choice: DatabaseChoice): Promise<MigrationReport> {
  return choice.kind === 'sqlite' ? migrateDatabaseFile(choice.file) : migratePostgres(choice);
}
