/** The database locked by another process for 2 s: answers wait for the lock and succeed; none is lost. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openServices } from '../../src/app/services.js';
import { PERIODS } from '../../src/domain/vocabulary.js';
import type { SqliteStore } from '../../src/store/sqlite/store.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { recomputePeriodTotalsFromAttempts, storedPeriodTotals } from '../support/store-audit.js';
import { recordingLogger } from '../support/recording-logger.js';
import { faultConfig, postTodaysChallenge, runFixture, tempDir, threadAnswer, waitFor } from './harness.js';

const NOW = '2026-03-02T10:00:00Z';
const ANSWERS = 20;
const HOLD_MS = 2000;

describe('a database locked by another process', () => {
  it('makes answers wait, then records every one of them', async () => {
    const db = path.join(tempDir('tutor-locked-'), 'tutor.db');
    const { threadId, challengeId, goodAnswer } = await postTodaysChallenge(db, NOW);
    const { logger, lines } = recordingLogger();
    const services = await openServices(faultConfig(db), { clock: new ManualClock(new Date(NOW)), logger });
    try {
      const holder = runFixture('lock-holder.ts', [db, String(HOLD_MS)]);
      await waitFor('the lock', () => holder.stdout().includes('locked'));
      const started = Date.now();
      const replies = await Promise.all(
        Array.from({ length: ANSWERS }, (_, i) =>
          services.tutor.handleThreadAnswer(threadAnswer(`U${i}`, threadId, goodAnswer, `Ev-lock-${i}`)),
        ),
      );
      const waited = Date.now() - started;
      expect((await holder.exited).code, holder.stderr()).toBe(0);
      expect(holder.stdout()).toContain('released');

      expect(replies.map((r) => r?.publicMessage.errorId)).toEqual(Array(ANSWERS).fill(undefined));
      expect(replies.map((r) => r?.reaction)).toEqual(Array(ANSWERS).fill('pass'));
      // They really waited for the other process (the lock was held from before the first answer).
      expect(waited).toBeGreaterThanOrEqual(HOLD_MS - 500);
      expect(lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);

      const sqlite = new Database(db, { readonly: true });
      try {
        const count = sqlite.prepare('SELECT COUNT(*) AS n FROM attempts WHERE challenge_id = ?').get(challengeId) as {
          n: number;
        };
        expect(count.n).toBe(ANSWERS);
      } finally {
        sqlite.close();
      }
      // Each answer's points reached the week, month and all-time totals, as a replay of the attempts says.
      const store = services.store as SqliteStore;
      const totals = storedPeriodTotals(store);
      expect(totals).toHaveLength(ANSWERS * PERIODS.length);
      expect(totals.map((row) => row.points)).toEqual(Array(ANSWERS * PERIODS.length).fill(100));
      expect(totals).toEqual(recomputePeriodTotalsFromAttempts(store));
      console.info(`locked database: ${ANSWERS} answers waited ${waited} ms for a ${HOLD_MS} ms lock, all recorded`);
    } finally {
      await services.close();
    }
  }, 30_000);
});
