/**
 * The Store on one SQLite file (better-sqlite3): one module per concern over a shared context, composed here.
 * Opening applies pending migrations and starts the WAL checkpointer; `SqliteStore` adds what only a SQLite
 * file has (its path, the online backup) to the shared `Store`.
 */
import type Database from 'better-sqlite3';
import { silentLogger, type Logger } from '../../domain/logger.js';
import type { TransferStore } from '../ports/transfer.js';
import type { Store } from '../types.js';
import { sqliteAttempts } from './attempts.js';
import { backupConnection } from './backup.js';
import { sqliteBoards } from './boards.js';
import { sqliteChallenges } from './challenges.js';
import { sqliteChannels } from './channels.js';
import { backgroundCheckpointer, DEFAULT_MAX_WAL_BYTES, type Checkpointer } from './checkpointer.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase, toStoreError } from './connection.js';
import { SqliteContext } from './context.js';
import { sqliteEvents } from './events.js';
import { sqliteMaintenance } from './maintenance.js';
import { DEFAULT_MIGRATIONS_DIR, applyMigrations } from './migrations.js';
import { sqlitePractice } from './practice.js';
import { sqliteReviews } from './reviews.js';
import { sqliteTargeting } from './targeting.js';
import { sqliteTeams } from './teams.js';
import { sqliteTransfer } from './transfer.js';

export interface SqliteStoreOptions {
  readonly migrationsDir?: string;
  readonly busyTimeoutMs?: number;
  readonly logger?: Logger;
  /** Open without write access: no migrations are applied and every write fails with `store-read-only`. */
  readonly readOnly?: boolean;
  /** The WAL is checkpointed when it reaches this size (default 4 MiB), as well as every 1,000 writes. */
  readonly maxWalBytes?: number;
}

export interface SqliteStore extends Store, TransferStore {
  /** The database file's path, as SQLite opened it. */
  readonly file: string;
  /** SQLite online backup through the open connection: safe while the bot runs. */
  backup(toFile: string): Promise<void>;
}

/** The store over an open connection (already migrated); it closes the connection and the checkpointer. */
export function sqliteStoreOn(
  db: Database.Database,
  options: { migrationsDir?: string; logger?: Logger; checkpointer?: Checkpointer | null } = {},
): SqliteStore {
  const ctx = new SqliteContext(db, options.logger ?? silentLogger, options.checkpointer ?? null);
  return {
    file: db.name,
    ...sqliteChannels(ctx),
    ...sqliteChallenges(ctx),
    ...sqliteAttempts(ctx),
    ...sqlitePractice(ctx),
    ...sqliteBoards(ctx),
    ...sqliteTeams(ctx),
    ...sqliteEvents(ctx),
    ...sqliteReviews(ctx),
    ...sqliteTargeting(ctx),
    ...sqliteMaintenance(ctx, options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR),
    ...sqliteTransfer(ctx),
    async backup(toFile) {
      await backupConnection(db, toFile);
    },
  };
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  const logger = (options.logger ?? silentLogger).child({ component: 'store' });
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const db = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs, readOnly: options.readOnly });
  try {
    if (!options.readOnly) {
      const report = applyMigrations(db, { migrationsDir });
      if (report.applied.length > 0) {
        logger.info({ from: report.from, to: report.to, file }, 'database migrated');
      }
    }
    const walFile = !options.readOnly && db.pragma('journal_mode', { simple: true }) === 'wal';
    const maxWalBytes = options.maxWalBytes ?? DEFAULT_MAX_WAL_BYTES;
    if (walFile) {
      // When SQLite starts the WAL over after a checkpoint, it truncates a larger file to this size; and if the
      // worker falls behind, a commit that finds twice the bound in the WAL checkpoints it itself.
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`journal_size_limit = ${Math.floor(maxWalBytes / 2)}`);
      db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.ceil((2 * maxWalBytes) / pageSize))}`);
    }
    const checkpointer = walFile
      ? backgroundCheckpointer({
          file: db.name,
          busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
          logger,
          maxWalBytes,
        })
      : null;
    return sqliteStoreOn(db, { migrationsDir, logger, checkpointer });
  } catch (error) {
    db.close();
    throw toStoreError(error, file);
  }
}
