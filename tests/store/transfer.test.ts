/**
 * Moving a team's data: `tutor export` from SQLite, `tutor import` into PostgreSQL (and into SQLite), then the
 * streaks, points, leaderboards and spaced-review state read the same on both sides (and are not empty); a newer
 * dump is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, EXPORT_VERSION, exportDump, importDump } from '../../src/app/transfer.js';
import { periodKey } from '../../src/domain/calendar.js';
import { PERIODS } from '../../src/domain/vocabulary.js';
import { DATA_TABLES } from '../../src/store/logic/tables.js';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import type { ReviewInput, Store } from '../../src/store/types.js';
import { postgresBinariesOrSkip, usePostgresServer } from '../support/postgres-server.js';
import { tutor } from '../support/run-cli.js';
import { Fixture, PLATFORM, WORKSPACE, openStore, recorded, tempDir, user } from './helpers.js';

const LEARNERS = ['ada', 'bob', 'cy', 'dee'];
const TODAY = '2026-03-20';

/** Three weeks of answers in two teams, with misses a freeze covers and a broken streak. */
async function seeded(): Promise<{ fixture: Fixture; file: string }> {
  const fixture = await Fixture.create('Asia/Shanghai');
  await fixture.store.joinTeam(user('ada', 'Ada'), 'Owls');
  await fixture.store.joinTeam(user('bob', 'Bob'), 'Owls');
  await fixture.store.joinTeam(user('cy', 'Cy'), 'Larks');
  for (let d = 1; d <= 19; d += 1) {
    const day = `2026-03-${String(d).padStart(2, '0')}`;
    for (const [i, id] of LEARNERS.entries()) {
      if ((d + i) % 5 === 0) continue; // a missed day now and then
      recorded(await fixture.answer(user(id, id[0]!.toUpperCase() + id.slice(1)), day, 40 + ((d * 7 + i * 13) % 60)));
    }
  }
  await fixture.store.startPractice({
    user: { platform: PLATFORM, workspaceExternalId: WORKSPACE, externalId: 'ada' },
    topicId: 'cache',
    at: new Date('2026-03-19T10:00:00Z'),
    expiresAt: new Date('2026-03-30T10:00:00Z'),
  });
  await fixture.store.recordPractice({
    user: user('bob', 'Bob'),
    topicId: 'queue',
    text: 'practice',
    score: 77,
    passed: true,
    at: new Date('2026-03-19T11:00:00Z'),
  });
  await fixture.store.claimEvent(PLATFORM, 'Ev-1', new Date('2026-03-19T11:00:00Z'));
  for (const [i, id] of LEARNERS.slice(0, 2).entries()) {
    await fixture.store.recordReview(reviewOf(id, 'cache', `practice:${i}`, new Date('2026-03-05T10:00:00Z')));
  }
  await fixture.store.startReview({
    user: user('ada', 'Ada'),
    topicId: 'cache',
    at: new Date('2026-03-19T12:00:00Z'),
    expiresAt: new Date('2026-03-30T12:00:00Z'),
  });
  await fixture.store.setReminder(user('bob', 'Bob'), fixture.channel.id, true);
  await fixture.store.setChannelMode(fixture.channel.id, 'adaptive');
  return { fixture, file: fixture.file };
}

function reviewOf(id: string, topicId: string, dedupeKey: string, at: Date): ReviewInput {
  return {
    user: user(id, id[0]!.toUpperCase() + id.slice(1)),
    topicId,
    kind: 'practice',
    score: 35,
    rating: 'again',
    missed: ['eviction', 'ttl'],
    at,
    dedupeKey,
    retention: 0.9,
  };
}

/** Everything a learner or a leaderboard reads. */
async function readings(store: Store) {
  const workspace = { platform: PLATFORM, externalId: WORKSPACE };
  const boards = [];
  for (const period of PERIODS) {
    for (const by of ['points', 'streak'] as const) {
      for (const teams of [false, true]) {
        boards.push({
          period,
          by,
          teams,
          key: periodKey(period, TODAY),
          rows: await store.leaderboard({ workspace, period, today: TODAY, by, teams, limit: 10 }),
        });
      }
    }
  }
  const learners = [];
  for (const id of LEARNERS) {
    const key = { platform: PLATFORM, workspaceExternalId: WORKSPACE, externalId: id };
    learners.push({
      streak: await store.streak(key, { recentDays: 30, today: TODAY }),
      points: await store.learnerPoints(key, TODAY),
      team: await store.teamOf(key),
      cards: await store.cards(key),
      weak: await store.weakConcepts(key, 5),
    });
  }
  const channel = await store.findChannel(PLATFORM, WORKSPACE, 'general');
  const challenge = channel && (await store.dailyChallenge(channel.id, '2026-03-10'));
  const dayResults = challenge ? await store.dayResults(challenge.id) : [];
  const pending = await store.pendingPractice(
    { platform: PLATFORM, workspaceExternalId: WORKSPACE, externalId: 'ada' },
    new Date('2026-03-20T00:00:00Z'),
  );
  const pendingReview = await store.pendingReview(
    { platform: PLATFORM, workspaceExternalId: WORKSPACE, externalId: 'ada' },
    new Date('2026-03-20T00:00:00Z'),
  );
  const reminders = channel ? await store.remindersDue(channel.id, new Date('2026-03-20T00:00:00Z'), TODAY) : [];
  return { boards, learners, dayResults, pending, channel, pendingReview, reminders };
}

function expectNonEmpty(read: Awaited<ReturnType<typeof readings>>) {
  expect(read.boards.every((b) => b.rows.length > 0)).toBe(true);
  expect(read.learners.filter((l) => (l.streak?.current ?? 0) > 0).length).toBeGreaterThan(0);
  expect(read.learners.every((l) => l.points.all > 0)).toBe(true);
  expect(read.dayResults.length).toBeGreaterThan(0);
  expect(read.pending).not.toBeNull();
  expect(read.learners.filter((l) => l.cards.length > 0 && l.weak.length > 0)).toHaveLength(2);
  expect(read.channel?.mode).toBe('adaptive');
  expect(read.pendingReview).not.toBeNull();
  expect(read.reminders.map((r) => r.externalId)).toEqual(['bob']);
}

describe('export and import on SQLite', () => {
  it('moves every row into a new SQLite file: the same readings, and new rows get fresh ids', async () => {
    const { fixture } = await seeded();
    const before = await readings(fixture.store);
    expectNonEmpty(before);
    const dump = path.join(tempDir(), 'team.jsonl');
    const { rows } = await exportDump(fixture.store, dump, new Date('2026-03-20T00:00:00Z'));
    const lines = fs.readFileSync(dump, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      schemaVersion: await fixture.store.schemaVersion(),
      exportedAt: '2026-03-20T00:00:00.000Z',
    });
    expect(lines.length).toBe(rows + 1);
    // Tables arrive parents first, in the one list's order.
    const order = DATA_TABLES.map((t) => t.name);
    const seen = lines.slice(1).map((l) => order.indexOf((JSON.parse(l) as { table: string }).table));
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);

    const copy = openStore(path.join(tempDir(), 'copy.db'));
    const { counts } = await importDump(copy, dump);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(rows);
    expect(await readings(copy)).toEqual(before);
    await expect(importDump(copy, dump)).rejects.toThrow(/already holds data/);
  });

  it('refuses a dump from a newer tutor, naming what to do', async () => {
    const dir = tempDir();
    const newer = path.join(dir, 'newer.jsonl');
    const header = { format: EXPORT_FORMAT, exportedAt: '2026-03-20T00:00:00.000Z' };
    fs.writeFileSync(newer, `${JSON.stringify({ ...header, version: EXPORT_VERSION + 1, schemaVersion: 1 })}\n`);
    const store = openStore(path.join(dir, 'new.db'));
    await expect(importDump(store, newer)).rejects.toThrow(/newer tutor.*upgrade the tutor/);
    fs.writeFileSync(newer, `${JSON.stringify({ ...header, version: EXPORT_VERSION, schemaVersion: 999 })}\n`);
    await expect(importDump(store, newer)).rejects.toThrow(/schema version 999, newer than this tutor's/);
    const run = await tutor(['import', newer, '--db', path.join(dir, 'cli.db')], {}, dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/tutor import: this dump is of schema version 999/);
  });
});

const binDir = postgresBinariesOrSkip();

describe.skipIf(binDir === null)('SQLite ⇄ PostgreSQL', () => {
  const server = usePostgresServer(binDir);
  let url = '';
  beforeAll(async () => {
    url = await server().createDatabase();
  });

  it('gives the same streaks, points, leaderboards, waiting practice and review state (not empty), through the CLI', async () => {
    const { fixture, file } = await seeded();
    const before = await readings(fixture.store);
    expectNonEmpty(before);
    const dir = tempDir();
    const dump = path.join(dir, 'team.jsonl');
    const exported = await tutor(['export', dump, '--db', file], {}, dir);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const imported = await tutor(['import', dump], { TUTOR_DATABASE_URL: url }, dir);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).not.toContain(server().password);

    const pg = await openPostgresStore({ url, poolSize: 2, statementTimeoutMs: 10_000 });
    try {
      expect(await readings(pg)).toEqual(before);
      // The identity sequences moved past the imported ids: the next answer is a new row.
      const channel = (await pg.findChannel(PLATFORM, WORKSPACE, 'general'))!;
      const { challenge } = await pg.claimDailyChallenge({
        channelId: channel.id,
        day: TODAY,
        topicId: 't',
        at: new Date('2026-03-20T01:00:00Z'),
      });
      const outcome = await pg.recordAttempt({
        challengeId: challenge.id,
        user: user('ada', 'Ada'),
        text: 'x',
        score: 90,
        passed: true,
        concepts: { pain: [], fix: [], negated: [] },
        feedback: 'f',
        at: new Date('2026-03-20T04:00:00Z'),
        maxAttempts: 3,
      });
      expect(recorded(outcome).attemptNumber).toBe(1);
      const review = await pg.recordReview(reviewOf('ada', 'cache', 'practice:new', new Date('2026-03-20T04:00:00Z')));
      expect(review).toMatchObject({ status: 'recorded', card: { reps: 2 } });
    } finally {
      await pg.close();
    }
  });

  it('moves back from PostgreSQL to SQLite, page after page of a large table', async () => {
    const { fixture } = await seeded();
    const source = await openPostgresStore({
      url: await server().createDatabase(),
      poolSize: 2,
      statementTimeoutMs: 10_000,
    });
    try {
      const dir = tempDir();
      await exportDump(fixture.store, path.join(dir, 'first.jsonl'), new Date());
      await importDump(source, path.join(dir, 'first.jsonl'));
      // More event ids than one export page holds (12,000 over pages of 5,000).
      for (let i = 0; i < 12_000; i += 1_000) {
        await Promise.all(
          Array.from({ length: 1_000 }, (_, j) =>
            source.claimEvent('slack', `E${i + j}`, new Date('2026-03-19T12:00:00Z')),
          ),
        );
      }
      const back = path.join(dir, 'back.jsonl');
      const { rows } = await exportDump(source, back, new Date());
      const copy = openStore(path.join(dir, 'back.db'));
      const { counts } = await importDump(copy, back);
      expect(counts.processed_events).toBe(12_001);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(rows);
      expect(await readings(copy)).toEqual(await readings(fixture.store));
    } finally {
      await source.close();
    }
  });
});
