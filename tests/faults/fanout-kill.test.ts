/**
 * kill -9 in the middle of the daily fan-out to 1,000 channels, then a restart: every channel ends the day
 * with exactly one claimed and posted challenge, and the platform saw one post per channel.
 *
 * The one window no database can close: a post the platform accepted in the instant before the process
 * died, before its message id was recorded. The restart cannot know it went out, so it posts again. The test
 * makes the kill land in that window: after a third of the channels, every post is accepted and never returns,
 * so each of the fan-out's workers hangs on one posted, unrecorded channel when the process is killed. Exactly
 * those channels get a second post after the restart, every other channel exactly one; see the report for the
 * platform-side fix (an idempotency key on the post).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import { runFixture, tempDir, waitFor } from './harness.js';

const CHANNELS = 1000;
const DAY = '2026-03-02';
const FIRST_START = `${DAY}T09:05:00Z`;
/** Past the tutor's post lease (2 min), so the restart may retry posts the dead process had claimed. */
const RESTART = `${DAY}T09:08:00Z`;
/** The scheduler's fan-out workers (its default), hence the posts hung in the crash window. */
const CONCURRENCY = 8;
/** Posts that return normally before every later one hangs. */
const RETURNED = Math.floor(CHANNELS / 3);

function postsPerChannel(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(file)) return counts;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const channel = line.split('\t')[0];
    if (channel) counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

function lineCount(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

interface ChallengeRow {
  channel: string;
  claimed: number;
  posted: number | null;
}

function challengesOfDay(db: string): ChallengeRow[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT c.external_id AS channel, d.claimed_at AS claimed, d.posted_at AS posted
         FROM daily_challenges d JOIN channels c ON c.id = d.channel_id WHERE d.day = ?`,
      )
      .all(DAY) as ChallengeRow[];
  } finally {
    sqlite.close();
  }
}

describe('kill -9 during the daily fan-out', () => {
  it('ends with exactly one post per channel after a restart', async () => {
    const dir = tempDir('tutor-fanout-');
    const db = path.join(dir, 'tutor.db');
    const postsFile = path.join(dir, 'posts.tsv');
    const store = openSqliteStore(db);
    await store.ensureWorkspace('slack', 'T1', { timeZone: 'UTC' });
    for (let i = 0; i < CHANNELS; i++) {
      await store.ensureChannel(
        { platform: 'slack', workspaceExternalId: 'T1', externalId: `C${String(i).padStart(4, '0')}` },
        { scheduleTime: '09:00', timeZone: 'UTC' },
      );
    }
    await store.close();

    // First run: posts 1 ms apart, 8 at a time; from post RETURNED + 1 on, each is accepted and hangs. Killed once
    // every worker hangs, i.e. once the platform saw RETURNED + CONCURRENCY posts.
    const first = runFixture('fanout-child.ts', [db, postsFile, FIRST_START, '1', String(RETURNED)]);
    await waitFor(
      'every fan-out worker hung in a post',
      () => lineCount(postsFile) >= RETURNED + CONCURRENCY || first.child.exitCode !== null,
      60_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited, first.stderr()).toEqual({ code: null, signal: 'SIGKILL' });

    // The platform's side and the database's side of the kill.
    const atKill = challengesOfDay(db);
    const postedAtKill = postsPerChannel(postsFile);
    expect(lineCount(postsFile)).toBe(RETURNED + CONCURRENCY);
    expect(postedAtKill.size).toBe(RETURNED + CONCURRENCY);
    const recordedAtKill = atKill.filter((r) => r.posted !== null).map((r) => r.channel);
    expect(recordedAtKill).toHaveLength(RETURNED);
    expect(recordedAtKill.filter((channel) => !postedAtKill.has(channel))).toEqual([]);
    // Posted by the platform, not yet recorded as posted when the process died: the crash window.
    const crashWindow = [...postedAtKill.keys()].filter((channel) => !recordedAtKill.includes(channel)).sort();
    expect(crashWindow).toHaveLength(CONCURRENCY);
    // The same channels are the claimed-unposted rows the restart has to finish; no other channel was claimed.
    const unpostedAtKill = atKill.filter((r) => r.posted === null).map((r) => r.channel);
    expect(unpostedAtKill.sort()).toEqual(crashWindow);
    expect(atKill).toHaveLength(RETURNED + CONCURRENCY);

    // Restart: the same fan-out runs to completion.
    const second = runFixture('fanout-child.ts', [db, postsFile, RESTART, '0']);
    const { code } = await second.exited;
    expect(code, second.stderr()).toBe(0);

    const rows = challengesOfDay(db);
    expect(rows).toHaveLength(CHANNELS);
    expect(new Set(rows.map((r) => r.channel)).size).toBe(CHANNELS);
    expect(rows.filter((r) => r.posted === null)).toEqual([]);

    const posts = postsPerChannel(postsFile);
    expect(posts.size).toBe(CHANNELS);
    const twice = [...posts]
      .filter(([, n]) => n > 1)
      .map(([channel]) => channel)
      .sort();
    expect(twice).toEqual(crashWindow);
    expect(Math.max(...posts.values())).toBe(2);
    expect(lineCount(postsFile)).toBe(CHANNELS + CONCURRENCY);
    console.info(
      `fan-out kill -9: ${postedAtKill.size} posted before the kill, ${unpostedAtKill.length} claimed-unposted, ` +
        `${crashWindow.length} in the crash window (posted, not recorded); after restart ${posts.size} channels, ` +
        `${twice.length} with two posts`,
    );
  }, 120_000);
});
