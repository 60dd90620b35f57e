/**
 * 1,000 users answering at once, from two processes on one database file, every answer delivered twice:
 * each attempt is recorded exactly once, and the leaderboard equals a recomputation from the attempts table.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { postTodaysChallenge, runFixture, tempDir } from './harness.js';

const USERS = 1000;
const NOW = '2026-03-02T10:00:00Z';

/** Users whose number is a multiple of 3 answer twice (see answer-child.ts). */
const attemptsOf = (user: number) => (user % 3 === 0 ? 2 : 1);

describe('1,000 users answering concurrently', () => {
  it('records every attempt once and keeps the leaderboard equal to the attempts', async () => {
    const dir = tempDir('tutor-answers-');
    const db = path.join(dir, 'tutor.db');
    const challenge = await postTodaysChallenge(db, NOW);
    const half = USERS / 2;
    const children = [
      runFixture('answer-child.ts', [db, challenge.threadId, '0', String(half), NOW]),
      runFixture('answer-child.ts', [db, challenge.threadId, String(half), String(USERS), NOW]),
    ];
    const tallies = [];
    for (const child of children) {
      const { code } = await child.exited;
      expect(code, child.stderr()).toBe(0);
      tallies.push(JSON.parse(child.stdout().trim()) as { graded: number; duplicates: number; errors: string[] });
    }
    let expectedAttempts = 0;
    for (let user = 0; user < USERS; user++) expectedAttempts += attemptsOf(user);
    expect(tallies.flatMap((t) => t.errors)).toEqual([]);
    expect(tallies.reduce((sum, t) => sum + t.graded, 0)).toBe(expectedAttempts);
    expect(tallies.reduce((sum, t) => sum + t.duplicates, 0)).toBe(expectedAttempts);

    const sqlite = new Database(db, { readonly: true });
    try {
      const perUser = sqlite
        .prepare(
          `SELECT u.external_id AS user, COUNT(*) AS attempts, COUNT(DISTINCT a.event_key) AS events,
                  MAX(a.score) AS best
           FROM attempts a JOIN users u ON u.id = a.user_id WHERE a.challenge_id = ? GROUP BY u.id`,
        )
        .all(challenge.challengeId) as { user: string; attempts: number; events: number; best: number }[];
      expect(perUser).toHaveLength(USERS);
      for (const row of perUser) {
        const user = Number(row.user.slice(1));
        expect(row.attempts).toBe(attemptsOf(user));
        expect(row.events).toBe(attemptsOf(user));
      }

      // Recomputed from the attempts alone: on the first challenge day there is no streak bonus, so a user's
      // points are their best score.
      const store = openSqliteStore(db, { readOnly: true });
      try {
        const board = await store.leaderboard({
          workspace: { platform: 'slack', externalId: 'T1' },
          period: 'all',
          today: '2026-03-02',
          by: 'points',
          teams: false,
          limit: USERS * 2,
        });
        const fromBoard = new Map(board.map((e) => [e.name, e.points]));
        const recomputed = new Map(perUser.map((r) => [`user ${r.user.slice(1)}`, r.best]));
        expect(new Map([...fromBoard].filter(([, points]) => points > 0))).toEqual(
          new Map([...recomputed].filter(([, points]) => points > 0)),
        );
        // And the stored week/month/all totals equal a replay of every attempt through the domain rules.
        expect(store.storedPeriodTotals()).toEqual(store.recomputePeriodTotalsFromAttempts());
        console.info(
          `1,000 concurrent users: ${expectedAttempts} attempts (${expectedAttempts} duplicate deliveries dropped), ` +
            `${board.length} on the leaderboard`,
        );
      } finally {
        await store.close();
      }
    } finally {
      sqlite.close();
    }
  }, 120_000);
});
