/**
 * The one door to the store's backend: everything that opens a store (the services, the CLI's subcommands,
 * the doctor) opens it here, and the operations only a SQLite file has (migrating a file, backing it up and
 * checking the copy) are reached through here too. A second backend is chosen here and nowhere else.
 */
import type { Logger } from '../domain/logger.js';
import { openSqliteStore } from '../store/sqlite/store.js';
import type { Store } from '../store/types.js';

export { backupDatabase, backupTargetProblem, checkBackup, DATABASE_FILE_SUFFIXES } from '../store/sqlite/backup.js';
export { migrateDatabaseFile } from '../store/sqlite/migrations.js';

export interface StoreOpenOptions {
  readonly logger?: Logger;
  /** No migrations are applied and every write fails with `store-read-only`: for looking without changing. */
  readonly readOnly?: boolean;
}

/** Opens (creating and migrating unless read-only) the store in the database file `file`. */
export function openStore(file: string, options: StoreOpenOptions = {}): Store {
  return openSqliteStore(file, options);
}
