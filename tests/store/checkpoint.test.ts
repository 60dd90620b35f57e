/** WAL checkpoints run on a worker thread: the database file catches up with the WAL without a commit doing it. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
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
    // A WAL bound far above what this writes: only the count (1,000 writes) can start the checkpoint, and
    // SQLite's own (in a commit) only past twice the bound.
    const store = openSqliteStore(file, { maxWalBytes: 1024 * 1024 * 1024 });
    const size = () => fs.statSync(file).size;
    const before = size();
    for (let i = 0; i < 999; i++) await store.claimEvent('console', `event-${i}`, new Date(0));
    expect(size()).toBe(before);
    await store.claimEvent('console', 'event-999', new Date(0));
    await until(() => size() > before);
    await store.close();
    // The worker's connection closed first: the main one was the last and removed the WAL.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = openSqliteStore(file);
    expect(await reopened.claimEvent('console', 'event-999', new Date(0))).toBe(false);
    await reopened.close();
  });

  it('also start when the WAL reaches its size bound, however few writes it holds', async () => {
    const file = path.join(tempDir(), 'tutor.db');
    const maxWalBytes = 256 * 1024;
    const store = openSqliteStore(file, { maxWalBytes });
    const user = { platform: 'console', workspaceExternalId: 'local', externalId: 'u1', displayName: 'U1' } as const;
    await store.ensureWorkspace('console', 'local', { timeZone: 'UTC' });
    let largest = 0;
    // 400 writes of ~10 KB (3 pages each): about 5 MB of WAL unchecked, 20 times the bound.
    for (let i = 0; i < 400; i++) {
      await store.recordPractice({
        user,
        topicId: 't',
        text: `${i} ${'缓存击穿时用互斥锁。'.repeat(330)}`,
        score: 50,
        passed: false,
        at: new Date(0),
      });
      largest = Math.max(largest, fs.statSync(`${file}-wal`).size);
      // Answers arrive apart (here 2 ms, in real use seconds): the worker's checkpoint gets its turn.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // About twice the bound (SQLite's own checkpoint in a commit is the backstop there) unless the worker's
    // checkpoint was running at that moment; four times at most (the worker's RESTART). Unbounded: 8 MB.
    expect(largest).toBeLessThan(4 * maxWalBytes);
    expect(largest).toBeGreaterThanOrEqual(maxWalBytes);
    expect(fs.statSync(file).size).toBeGreaterThan(400 * 10_000);
    await store.close();
  });
});
