/**
 * Opening a SQLite file the way the whole store expects it, and turning SQLite failures into
 * StoreErrors with stable ids the core can explain to a user.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, type StoreErrorId } from '../types.js';

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
      // The store checkpoints on a worker thread (checkpointer.ts) and sets SQLite's autocheckpoint as a
      // backstop for when the worker falls behind (openSqliteStore).
      db.pragma('foreign_keys = ON');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    throw toStoreError(error, file);
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

/** Below this much free space, an I/O error is the disk being full (the -shm alone needs 32 KiB to grow). */
const FULL_DISK_BYTES = 256 * 1024;

/**
 * The StoreError for a SQLite failure. SQLite reports a full disk as SQLITE_FULL only when a write to the
 * database finds no room; growing the -shm or the WAL on a full disk is a generic I/O error
 * (SQLITE_IOERR_SHMSIZE, …). So given the database `file`, an I/O error on a disk with next to no free space
 * is reported as what it is: `store-full`, "the disk … is full".
 */
export function toStoreError(error: unknown, file?: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const free = file && /^SQLITE_(IOERR|FULL|CANTOPEN)/.test(code) ? freeBytesBeside(file) : null;
  if (free !== null && free < FULL_DISK_BYTES) {
    return new StoreError(
      'store-full',
      `the disk holding ${path.resolve(file!)} is full (${free} bytes free): free some space (${code}: ${message})`,
      { cause: error },
    );
  }
  const unwritable = file && /^SQLITE_(CANTOPEN|READONLY)/.test(code) ? folderUnwritable(file) : null;
  if (unwritable) {
    return new StoreError(
      'store-read-only',
      `the database ${path.resolve(file!)} is read-only: its folder cannot be written (${unwritable}) (${code}: ${message})`,
      { cause: error },
    );
  }
  const id = CODE_TO_ID.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'store-failed';
  return new StoreError(id, code ? `${code}: ${message}` : message, { cause: error });
}

/** Why the database's folder cannot be written (EROFS: a read-only file system; EACCES), or `null`. */
function folderUnwritable(file: string): string | null {
  try {
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

function freeBytesBeside(file: string): number | null {
  try {
    const stats = fs.statfsSync(path.dirname(path.resolve(file)));
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
