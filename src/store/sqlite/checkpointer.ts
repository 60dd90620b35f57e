/**
 * WAL checkpoints off the event loop. A checkpoint copies the WAL back into the database file and fsyncs it;
 * run by SQLite inside a commit (autocheckpoint) it stalls the bot for tens of milliseconds every few hundred
 * answers, whatever event it is handling at the time. Here a worker thread with its own connection runs a
 * PASSIVE checkpoint (it neither waits for nor blocks the writer) every `everyWrites` committed writes, so
 * commits on the main thread only append to the WAL. Durability is unchanged: commits are written to the WAL as
 * before, and the checkpoint fsyncs as before, only on another thread.
 * What stays on the main thread is the first commit after a complete checkpoint: it starts the WAL over and
 * SQLite fsyncs the new WAL header (a few milliseconds). Hence a checkpoint every 1,000 writes, not every few:
 * one such commit per 1,000, for a WAL of some 40 MB at most (about 10 pages a graded answer).
 * The worker starts with the first checkpoint, so a store that writes little never starts a thread; if it
 * fails, the main connection's own autocheckpoint (kept as a backstop) takes over again.
 * A count alone does not bound the WAL: a graded answer with its totals is some 30 KB of WAL, so 1,000 of
 * them are 30 MB, more than a small volume holds. So the WAL's size triggers a checkpoint too (`maxWalBytes`),
 * and the main connection's `journal_size_limit` (half of it) shrinks the file when SQLite starts it over.
 * SQLite starts it over only once a checkpoint has caught up with the last commit, which a burst of writes
 * can keep from happening for long; past four times the bound the worker runs a RESTART checkpoint, which
 * waits for the writer between two commits (a few milliseconds) and so always lets the WAL start over.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../domain/logger.js';

/** Plain CommonJS so it runs under any loader (tsx in development, the built files in production). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = NORMAL');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma(message === 'restart' ? 'wal_checkpoint(RESTART)' : 'wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message ? error.message : error) });
  }
});
`;

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

export interface CheckpointerOptions {
  readonly file: string;
  readonly busyTimeoutMs: number;
  readonly logger: Logger;
  /** Committed write transactions between checkpoints (about 10 WAL pages each for a graded answer). */
  readonly everyWrites?: number;
  /** A WAL file at least this large is checkpointed too, however few writes it holds. */
  readonly maxWalBytes?: number;
}

export const DEFAULT_MAX_WAL_BYTES = 4 * 1024 * 1024;

/**
 * Writes between two checkpoints the WAL's size asks for: a checkpoint only shrinks the file once the next
 * writer starts the WAL over, and a few writes later is soon enough to ask again if it did not.
 */
const MIN_WRITES_BETWEEN_SIZE_CHECKPOINTS = 16;

/** Past this many times `maxWalBytes`, the checkpoint waits for a gap between commits (RESTART). */
const RESTART_FACTOR = 4;

export interface Checkpointer {
  /** Call after each committed write transaction. */
  written(): void;
  /** Stops the worker and closes its connection; resolves when it has exited. */
  close(): Promise<void>;
}

export function backgroundCheckpointer(options: CheckpointerOptions): Checkpointer {
  const everyWrites = options.everyWrites ?? 1_000;
  const maxWalBytes = options.maxWalBytes ?? DEFAULT_MAX_WAL_BYTES;
  const walFile = `${options.file}-wal`;
  /** Writes since the last checkpoint asked for. */
  let writes = 0;
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let failed = false;

  const start = (): Worker => {
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: DRIVER, file: options.file, busyTimeoutMs: options.busyTimeoutMs },
    });
    started.unref();
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    started.on('message', (message: { failed?: string }) => {
      options.logger.warn({ error: message.failed }, 'store: background checkpoint failed; it is retried later');
    });
    started.on('error', (error) => {
      failed = true;
      options.logger.warn(
        { err: error },
        'store: background checkpointer stopped; SQLite checkpoints in commits again',
      );
    });
    return started;
  };

  return {
    written() {
      writes += 1;
      if (failed) return;
      const size = writes >= MIN_WRITES_BETWEEN_SIZE_CHECKPOINTS ? walSize(walFile) : 0;
      if (writes < everyWrites && size < maxWalBytes) return;
      writes = 0;
      worker ??= start();
      worker.postMessage(size >= RESTART_FACTOR * maxWalBytes ? 'restart' : 'check');
    },
    async close() {
      if (!worker) return;
      // Unreferenced so that it never keeps a process alive; referenced again so that this wait does.
      worker.ref();
      if (!failed) worker.postMessage('close');
      worker = null;
      await exited;
    },
  };
}

function walSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
