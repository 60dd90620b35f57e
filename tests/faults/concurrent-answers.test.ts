/**
 * 1,000 users answering at once, from two processes on one database file, every answer delivered twice:
 * each attempt is recorded exactly once, and the leaderboard equals a recomputation from the attempts table.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PERIODS } from '../../src/domain/vocabulary.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import { recomputePeriodTotalsFromAttempts, storedPeriodTotals } from '../support/store-audit.js';
import { postTodaysChallenge, runFixture, tempDir, waitFor } from './harness.js';

const USERS = 1000;
const NOW = '2026-03-02T10:00:00Z';

interface Tally {
  readonly graded: number;
  readonly duplicates: number;
  readonly errors: string[];
  /** When the process's first delivery started and its last one ended, epoch ms. */
  readonly from: number;
  readonly to: number;
}

/** Users whose number is a multiple of 3 answer twice (see answer-child.ts). */
const attemptsOf = (user: number) => (user % 3 === 0 ? 2 : 1);

/** The score that counts for `user`: the best of the answers answer-child.ts gives on their behalf. */
function expectedBest(user: number, scores: readonly number[]): number {
  let best = 0;
  for (let n = 0; n < attemptsOf(user); n++) best = Math.max(best, scores[(user + n) % scores.length]!);
  return best;
}

describe('1,000 users answering concurrently', () => {
  it('records every attempt once and keeps the leaderboard equal to the attempts', async () => {
    const dir = tempDir('tutor-answers-');
    const db = path.join(dir, 'tutor.db');
    const challenge = await postTodaysChallenge(db, NOW);
    const [model, painOnly, oneOfEach, nothing] = challenge.answers;
    // A pass, partial credit and nothing: the totals compared below are made of real, different points.
    expect([model!.score, nothing!.score]).toEqual([100, 0]);
    expect(painOnly!.score).toBeGreaterThan(0);
    expect(oneOfEach!.score).toBeGreaterThan(0);
    expect(painOnly!.score).toBeLessThan(100);
    // In this order, users answering twice go partial → pass (points grow), pass → nothing (best stays),
    // nothing → partial, and partial → partial.
    const sent = [painOnly!, model!, nothing!, oneOfEach!];
    const scores = sent.map((a) => a.score);
    const texts = JSON.stringify(sent.map((a) => a.text));
    const half = USERS / 2;
    const children = [
      runFixture('answer-child.ts', [db, challenge.threadId, '0', String(half), NOW, texts], { stdin: true }),
      runFixture('answer-child.ts', [db, challenge.threadId, String(half), String(USERS), NOW, texts], {
        stdin: true,
      }),
    ];
    // The readiness barrier: both processes have their services open before either answers.
    await waitFor('both processes ready', () =>
      children.every((c) => c.stdout().startsWith('ready\n') || c.child.exitCode !== null),
    );
    for (const child of children) child.child.stdin!.end('go\n');
    const tallies: Tally[] = [];
    for (const child of children) {
      const { code } = await child.exited;
      expect(code, child.stderr()).toBe(0);
      tallies.push(JSON.parse(child.stdout().trim().split('\n').at(-1)!) as Tally);
    }
    // They answered at the same time: each one's first delivery started before the other's last one ended.
    const [one, two] = tallies as [Tally, Tally];
    expect(one.from).toBeLessThan(two.to);
    expect(two.from).toBeLessThan(one.to);
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
        expect(row.best).toBe(expectedBest(user, scores));
      }
      const scorers = perUser.filter((r) => r.best > 0).length;
      let expectedScorers = 0;
      for (let user = 0; user < USERS; user++) if (expectedBest(user, scores) > 0) expectedScorers++;
      expect(scorers).toBe(expectedScorers);
      expect(scorers).toBeGreaterThan(USERS / 2);

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
        // Everyone who scored is on the board with exactly their best score; nobody else is.
        const fromBoard = new Map(board.map((e) => [e.name, e.points]));
        const recomputed = new Map(perUser.filter((r) => r.best > 0).map((r) => [`user ${r.user.slice(1)}`, r.best]));
        expect(recomputed.size).toBe(expectedScorers);
        expect(new Map([...fromBoard].filter(([, points]) => points > 0))).toEqual(recomputed);
        // And the stored week/month/all totals equal a replay of every attempt through the domain rules: one
        // row per scorer and period, none of them empty.
        const stored = storedPeriodTotals(store);
        expect(stored).toHaveLength(expectedScorers * PERIODS.length);
        expect(stored).toEqual(recomputePeriodTotalsFromAttempts(store));
        const sumOf = (kind: string) => stored.filter((t) => t.kind === kind).reduce((sum, t) => sum + t.points, 0);
        const bestSum = perUser.reduce((sum, r) => sum + r.best, 0);
        expect(PERIODS.map(sumOf)).toEqual(PERIODS.map(() => bestSum));
        console.info(
          `1,000 concurrent users: ${expectedAttempts} attempts (${expectedAttempts} duplicate deliveries dropped), ` +
            `${scorers} scored (${bestSum} points), ${board.length} on the leaderboard; the processes answered ` +
            `for ${one.to - one.from} and ${two.to - two.from} ms, ` +
            `${Math.min(one.to, two.to) - Math.max(one.from, two.from)} ms of it at the same time`,
        );
      } finally {
        await store.close();
      }
    } finally {
      sqlite.close();
    }
  }, 120_000);
});
