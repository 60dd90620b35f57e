/**
 * Opening a SQLite file the way the whole store expects it, and turning SQLite failures into
 * StoreErrors with stable ids the core can explain to a user.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, type StoreErrorId } from './types.js';

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface ConnectionOptions {
  readonly busyTimeoutMs?: number;
  /** Open without write access (SQLite then refuses every write with SQLITE_READONLY). */
  readonly readOnly?: boolean;
}

/**
 * WAL lets readers (leaderboards) run while one writer commits; synchronous NORMAL is durable across
 * process crashes in WAL mode (only an OS crash can lose the last commits) and keeps commits fast;
 * the busy timeout makes a second process wait for the write lock instead of failing at once.
 */
export function openDatabase(file: string, options: ConnectionOptions = {}): Database.Database {
  try {
    if (!options.readOnly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file, { readonly: options.readOnly ?? false, fileMustExist: options.readOnly ?? false });
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
      if (!options.readOnly) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Checkpoints are the only commits that fsync: with ~10 pages per recorded attempt, SQLite's
      // default (every 1000 WAL pages) stalls about one attempt in a hundred. The store checkpoints on a
      // worker thread instead (checkpointer.ts, every 1,000 writes); 20,000 pages (~80 MB of WAL) is the
      // backstop, for when it falls behind or fails.
      if (!options.readOnly) db.pragma('wal_autocheckpoint = 20000');
      db.pragma('foreign_keys = ON');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    throw toStoreError(error);
  }
}

const CODE_TO_ID: readonly [prefix: string, id: StoreErrorId][] = [
  ['SQLITE_BUSY', 'store-busy'],
  ['SQLITE_LOCKED', 'store-busy'],
  ['SQLITE_READONLY', 'store-read-only'],
  ['SQLITE_FULL', 'store-full'],
  ['SQLITE_CORRUPT', 'store-corrupt'],
  ['SQLITE_NOTADB', 'store-corrupt'],
];

export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const id = CODE_TO_ID.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'store-failed';
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(id, code ? `${code}: ${message}` : message, { cause: error });
}
