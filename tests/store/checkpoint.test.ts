/** WAL checkpoints run on a worker thread: the database file catches up with the WAL without a commit doing it. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { tempDir } from './helpers.js';

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('background checkpoints', () => {
  it('copy the WAL into the database file long before SQLite would in a commit, and close cleanly', async () => {
    const file = path.join(tempDir(), 'tutor.db');
    const store = openSqliteStore(file);
    const size = () => fs.statSync(file).size;
    const before = size();
    // A few thousand WAL pages: far below the 20,000 at which a commit would checkpoint by itself.
    for (let i = 0; i < 1000; i++) await store.claimEvent('console', `event-${i}`, new Date(0));
    await until(() => size() > before);
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(20_000 * 4096);
    await store.close();
    // The worker's connection closed first: the main one was the last and removed the WAL.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = openSqliteStore(file);
    expect(await reopened.claimEvent('console', 'event-999', new Date(0))).toBe(false);
    await reopened.close();
  });
});
