/**
 * Backing a database file up, safely for the live database and for whatever the target path names.
 *
 * The target: only a new path or an existing regular file, and never one of the database's own files. The
 * comparison is by real path (a symlinked folder leads to the same file under another name) and by file
 * identity (device and inode: a hard link has the same identity under any name), against the database, its
 * `-wal` and its `-shm`, whether they exist now or not. `--force` replaces a regular file, never a device, a
 * FIFO, a folder or a symlink (run as root, replacing `/dev/null` with a regular file breaks the machine).
 *
 * The source is opened read-only: SQLite's online backup only reads it, so a read-only database (a read-only
 * mount, a file the user may not write) backs up as well. A backup that makes no progress for a while (a
 * writer holding the lock, a read-only WAL SQLite cannot recover) fails with the reason instead of spinning.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, toStoreError } from './connection.js';
import { schemaVersion } from './migrations.js';
import { StoreError } from '../types.js';

/** The files SQLite keeps for a database `file`: the target of a backup may be none of them. */
export const DATABASE_FILE_SUFFIXES = ['', '-wal', '-shm', '-journal'] as const;

/** How long a backup may go without copying a page before it gives up (a writer may hold the lock that long). */
export const DEFAULT_BACKUP_STALL_MS = 10_000;

/** The real path of `file`, whether it exists or not: its nearest existing ancestor resolved, the rest appended. */
export function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  const rest: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...rest.reverse());
    } catch (error) {
      const parent = path.dirname(existing);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === existing) throw error;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

function identity(file: string): string | null {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Why `target` may not receive a backup of `database`, or `null` when it may. The backup replaces the target
 * and removes the target's own `-wal`/`-shm` (a stale one would be replayed into the copy): all three are checked.
 */
export function backupTargetProblem(database: string, target: string, force: boolean): string | null {
  const realDatabase = realPathOf(database);
  const databasePaths = new Set(DATABASE_FILE_SUFFIXES.map((suffix) => `${realDatabase}${suffix}`));
  const databaseIds = new Set(
    DATABASE_FILE_SUFFIXES.map((suffix) => identity(`${database}${suffix}`)).filter((id) => id !== null),
  );
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${target}${suffix}`;
    const stat = lstatOrNull(file);
    if (stat && !stat.isFile()) return `${file} is ${kindOf(stat)}: a backup goes to a new path or a regular file`;
    const id = stat ? identity(file) : null;
    if (databasePaths.has(realPathOf(file)) || (id !== null && databaseIds.has(id))) {
      return `${file} is the database ${database} (or its -wal/-shm) under another name: back up to another file`;
    }
    if (suffix === '' && stat && !force) return `${file} exists (--force replaces it)`;
  }
  return null;
}

export interface BackupOutcome {
  readonly pages: number;
}

/**
 * Copies `database` into `target` (a new file: the caller renames it into place) with SQLite's online backup
 * from a read-only connection. A database SQLite cannot open even read-only because its folder is read-only
 * (the `-shm` cannot be created) is copied from its bytes when it has no WAL content: nobody can be writing it.
 */
export async function backupDatabase(
  database: string,
  target: string,
  options: { readonly stallMs?: number } = {},
): Promise<BackupOutcome> {
  const source = openSource(database);
  try {
    return await runBackup(source, target, options.stallMs ?? DEFAULT_BACKUP_STALL_MS);
  } finally {
    source.close();
  }
}

function openSource(database: string): Database.Database {
  try {
    return openDatabase(database, { readOnly: true });
  } catch (error) {
    const code = error instanceof StoreError && error.cause instanceof Error ? String(errorCode(error.cause)) : '';
    const walBytes = fileSize(`${database}-wal`);
    if (!/^SQLITE_(CANTOPEN|READONLY)/.test(code) || walBytes > 0) throw toStoreError(error);
    // SQLite refuses a WAL-mode database it cannot make a -shm for; the bytes, marked as a rollback-journal
    // database (header bytes 18 and 19), open in memory. The copy is switched back to WAL when a store opens it.
    const bytes = fs.readFileSync(database);
    if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
    try {
      return new Database(bytes);
    } catch (fallback) {
      throw toStoreError(fallback);
    }
  }
}

function errorCode(error: Error): unknown {
  return 'code' in error ? error.code : '';
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * `db.backup`, failing once no page has been copied for `stallMs` (better-sqlite3 retries a busy step forever),
 * and when the source was locked from the first step (better-sqlite3 then reports success with 0 pages).
 */
export async function runBackup(db: Database.Database, target: string, stallMs: number): Promise<BackupOutcome> {
  let lastRemaining = Number.POSITIVE_INFINITY;
  let lastProgressAt = Date.now();
  try {
    const result = await db.backup(target, {
      progress: ({ remainingPages }) => {
        if (remainingPages !== lastRemaining) {
          lastRemaining = remainingPages;
          lastProgressAt = Date.now();
        } else if (Date.now() - lastProgressAt > stallMs) {
          throw new StoreError(
            'store-busy',
            `the backup copied nothing for ${Math.round(stallMs / 1000)} s (the database is locked or cannot be read consistently)`,
          );
        }
        return 100;
      },
    });
    // A first step that finds the source locked reports "0 pages left" too: nothing was copied at all.
    if (result.totalPages === 0) {
      throw new StoreError('store-busy', 'the database was locked by another connection: nothing was copied');
    }
    return { pages: result.totalPages };
  } catch (error) {
    throw toStoreError(error);
  }
}

export interface BackupCheck {
  readonly schemaVersion: number;
  readonly integrity: string;
}

/** Opens a finished copy read-only and checks it: `PRAGMA quick_check` and its schema version. */
export function checkBackup(file: string): BackupCheck {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
      return { schemaVersion: schemaVersion(db), integrity: problems.join('; ') };
    } finally {
      db.close();
    }
  } catch (error) {
    throw toStoreError(error);
  }
}

/** The live store's own backup (`SqliteStore.backup`): through its open connection, into `target`'s folder. */
export async function backupConnection(db: Database.Database, target: string): Promise<BackupOutcome> {
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  } catch (error) {
    throw toStoreError(error);
  }
  return runBackup(db, target, DEFAULT_BACKUP_STALL_MS);
}
