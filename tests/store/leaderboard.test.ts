import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { periodKey } from '../../src/domain/calendar.js';
import { migrateDatabaseFile } from '../../src/store/sqlite/migrations.js';
import type { LeaderboardQuery } from '../../src/store/types.js';
import { Fixture, recorded, tempDir, user } from './helpers.js';

function board(f: Fixture, query: Partial<LeaderboardQuery> & { today: string }) {
  return f.store.leaderboard({
    workspace: { platform: 'console', externalId: 'ws' },
    period: 'week',
    by: 'points',
    teams: false,
    limit: 10,
    ...query,
  });
}

describe('leaderboard periods', () => {
  it('splits weeks at Monday midnight in the channel zone, not in UTC', async () => {
    const f = await Fixture.create('Asia/Shanghai');
    // Sunday 23:30 and Monday 00:30 in Shanghai: both Sunday in UTC.
    recorded(await f.answerAt(user('a', 'Ann'), new Date('2026-11-29T15:30:00Z'), 70));
    recorded(await f.answerAt(user('b', 'Bob'), new Date('2026-11-29T16:30:00Z'), 80));
    expect((await board(f, { today: '2026-11-29' })).map((e) => e.name)).toEqual(['Ann']);
    expect((await board(f, { today: '2026-11-30' })).map((e) => e.name)).toEqual(['Bob']);
    expect((await board(f, { today: '2026-12-06' })).map((e) => e.name)).toEqual(['Bob']); // Sunday of that week
    // Monday 23:30 Nov 30 and Tuesday 00:30 Dec 1 in Shanghai: one UTC day, two months.
    recorded(await f.answerAt(user('c', 'Cy'), new Date('2026-11-30T15:30:00Z'), 60));
    recorded(await f.answerAt(user('d', 'Di'), new Date('2026-11-30T16:30:00Z'), 65));
    expect((await board(f, { today: '2026-11-30', period: 'month' })).map((e) => e.name)).toEqual(['Bob', 'Ann', 'Cy']);
    expect((await board(f, { today: '2026-12-01', period: 'month' })).map((e) => e.name)).toEqual(['Di']);
    expect((await board(f, { today: '2026-12-01', period: 'all' })).map((e) => [e.name, e.points])).toEqual([
      ['Bob', 80],
      ['Ann', 70],
      ['Di', 65],
      ['Cy', 60],
    ]);
  });

  it('sums a user’s days within the period and nothing outside it', async () => {
    const f = await Fixture.create();
    const ann = user('a', 'Ann');
    recorded(await f.answer(ann, '2026-03-29', 50)); // Sunday, March, week 13
    recorded(await f.answer(ann, '2026-03-30', 50)); // Monday, March, week 14 (streak 2: no bonus on a fail)
    recorded(await f.answer(ann, '2026-04-01', 60)); // April, week 14; streak resets → 60
    expect((await board(f, { today: '2026-04-02' }))[0]?.points).toBe(110);
    expect((await board(f, { today: '2026-03-31', period: 'month' }))[0]?.points).toBe(100);
    expect((await board(f, { today: '2026-04-02', period: 'month' }))[0]?.points).toBe(60);
    expect((await board(f, { today: '2026-04-02', period: 'all' }))[0]?.points).toBe(160);
  });

  it('breaks ties by streak, then name, then id, and numbers ranks in order', async () => {
    const f = await Fixture.create();
    // Zed passes two days with a low pass mark (20, then 58 + 10% bonus = 64: 84 in all, streak 2);
    // the others score the same 84 points in one day.
    const zed = user('z', 'Zed');
    recorded(await f.answerAt(zed, new Date('2026-03-01T12:00:00Z'), 20, { passMark: 10 }));
    recorded(await f.answerAt(zed, new Date('2026-03-02T12:00:00Z'), 58, { passMark: 10 }));
    recorded(await f.answer(user('y', 'Amy'), '2026-03-02', 84));
    recorded(await f.answer(user('x2', 'Max'), '2026-03-02', 84));
    recorded(await f.answer(user('x1', 'Max'), '2026-03-02', 84));
    recorded(await f.answer(user('w', 'Ann'), '2026-03-02', 90));
    const entries = await board(f, { today: '2026-03-02', period: 'all' });
    expect(entries.map((e) => [e.rank, e.name, e.points, e.streak])).toEqual([
      [1, 'Ann', 90, 1],
      [2, 'Zed', 84, 2],
      [3, 'Amy', 84, 1],
      [4, 'Max', 84, 1],
      [5, 'Max', 84, 1],
    ]);
    // Among the two "Max", the older account (lower id, created first) ranks first.
    expect(await f.store.findUserByName('console', 'ws', 'max')).toMatchObject({ externalId: 'x2' });
    expect((await board(f, { today: '2026-03-02', period: 'all', limit: 2 })).length).toBe(2);
  });

  it('ranks by streak, showing 0 once a streak is broken beyond its freezes', async () => {
    const f = await Fixture.create();
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03']) recorded(await f.answer(user('a', 'Ann'), day, 60));
    for (const day of ['2026-03-02', '2026-03-03']) recorded(await f.answer(user('b', 'Bob'), day, 95));
    recorded(await f.answer(user('c', 'Cy'), '2026-03-01', 99));
    const byStreak = await board(f, { today: '2026-03-04', by: 'streak', period: 'all' });
    expect(byStreak.map((e) => [e.name, e.streak])).toEqual([
      ['Ann', 3],
      ['Bob', 2],
    ]);
    // Two days later nobody has a live streak (no freezes held).
    expect(await board(f, { today: '2026-03-05', by: 'streak', period: 'all' })).toEqual([]);
    const byPoints = await board(f, { today: '2026-03-05', period: 'all' });
    expect(byPoints.map((e) => [e.name, e.streak])).toEqual([
      ['Bob', 0],
      ['Ann', 0],
      ['Cy', 0],
    ]);
  });

  it('returns nothing for an unknown workspace', async () => {
    const f = await Fixture.create();
    expect(
      await f.store.leaderboard({
        workspace: { platform: 'slack', externalId: 'nope' },
        period: 'all',
        today: '2026-03-01',
        by: 'points',
        teams: false,
        limit: 5,
      }),
    ).toEqual([]);
  });
});

describe('teams', () => {
  it('joins one team per user, switches, leaves, and drops empty teams', async () => {
    const f = await Fixture.create();
    const ann = user('a', 'Ann');
    expect(await f.store.joinTeam(ann, '  Backend ')).toEqual({ team: 'Backend', previous: null });
    expect(await f.store.joinTeam(user('b', 'Bob'), 'backend')).toEqual({ team: 'Backend', previous: null });
    expect(await f.store.joinTeam(ann, 'Frontend')).toEqual({ team: 'Frontend', previous: 'Backend' });
    expect(await f.store.teamOf(ann)).toBe('Frontend');
    expect(await f.store.leaveTeam(ann)).toEqual({ previous: 'Frontend' });
    expect(await f.store.leaveTeam(ann)).toEqual({ previous: null });
    expect(await f.store.teamOf(ann)).toBeNull();
    // Frontend is gone: joining it again creates it with the new spelling.
    expect(await f.store.joinTeam(ann, 'FRONTEND')).toEqual({ team: 'FRONTEND', previous: null });
  });

  it('sums and averages members’ points, ranking by the average so size alone does not win', async () => {
    const f = await Fixture.create();
    const day = '2026-03-02';
    const members: [string, string, number][] = [
      ['a1', 'Big', 70],
      ['a2', 'Big', 70],
      ['a3', 'Big', 70],
      ['a4', 'Big', 0], // joined, never answered: counts in the average
      ['b1', 'Small', 90],
      ['b2', 'Small', 80],
      ['c1', 'Even', 85],
      ['c2', 'Even', 85],
    ];
    for (const [id, team, score] of members) {
      await f.store.joinTeam(user(id), team);
      if (score > 0) recorded(await f.answer(user(id), day, score));
    }
    const entries = await board(f, { today: day, teams: true });
    expect(entries.map((e) => [e.rank, e.name, e.points, e.members, e.averagePoints])).toEqual([
      [1, 'Even', 170, 2, 85],
      [2, 'Small', 170, 2, 85],
      [3, 'Big', 210, 4, 52.5],
    ]);
    // Same average and total: the name breaks the tie (Even before Small).
    const byStreak = await board(f, { today: day, teams: true, by: 'streak' });
    expect(byStreak.map((e) => [e.name, e.streak])).toEqual([
      ['Even', 1],
      ['Small', 1],
      ['Big', 1],
    ]);
  });

  it('keeps points with the team the learner was in when earning them, through moves and leaving', async () => {
    const f = await Fixture.create();
    const ann = user('a', 'Ann');
    const bob = user('b', 'Bob');
    await f.store.joinTeam(ann, 'Owls');
    await f.store.joinTeam(bob, 'Larks');
    recorded(await f.answer(ann, '2026-03-02', 80)); // Monday, in Owls
    recorded(await f.answer(bob, '2026-03-02', 70));
    recorded(await f.answer(ann, '2026-03-03', 90)); // streak 2: 90 + 10% = 99, in Owls
    const before = await board(f, { today: '2026-03-03', teams: true });
    expect(before.map((e) => [e.name, e.points, e.members])).toEqual([
      ['Owls', 179, 1],
      ['Larks', 70, 1],
    ]);

    // Ann moves on Wednesday: Owls keeps what she earned in it, Larks gets only what she earns from now on.
    expect(await f.store.joinTeam(ann, 'Larks')).toEqual({ team: 'Larks', previous: 'Owls' });
    const moved = await board(f, { today: '2026-03-03', teams: true });
    expect(moved.map((e) => [e.name, e.points, e.members, e.averagePoints])).toEqual([
      ['Owls', 179, 1, 179],
      ['Larks', 70, 2, 35],
    ]);
    recorded(await f.answer(ann, '2026-03-04', 100)); // streak 3: 100 + 20% = 120, in Larks
    const week = await board(f, { today: '2026-03-04', teams: true });
    expect(week.map((e) => [e.name, e.points, e.members, e.averagePoints])).toEqual([
      ['Owls', 179, 1, 179],
      ['Larks', 190, 2, 95],
    ]);
    // Ann's own total is the sum over both teams.
    expect((await board(f, { today: '2026-03-04' })).map((e) => [e.name, e.points])).toEqual([
      ['Ann', 299],
      ['Bob', 70],
    ]);

    // Owls has no members left, but its week's points stay on the board; next week it has none.
    expect(await f.store.teamOf(ann)).toBe('Larks');
    expect((await board(f, { today: '2026-03-09', teams: true })).map((e) => [e.name, e.points, e.members])).toEqual([
      ['Larks', 0, 2],
    ]);
    expect((await board(f, { today: '2026-03-09', period: 'all', teams: true })).map((e) => e.name)).toEqual([
      'Owls',
      'Larks',
    ]);

    // Forgetting Ann removes her points from both teams, and Owls with them.
    await f.store.forgetUser('console', 'ws', 'a');
    expect((await board(f, { today: '2026-03-04', teams: true })).map((e) => [e.name, e.points, e.members])).toEqual([
      ['Larks', 70, 1],
    ]);
  });

  it('credits points recorded before migration 0005 to the team each learner is in at the migration', async () => {
    // The rows a release at schema 4 wrote (today's store code reads a newer schema, so they are written here).
    const file = path.join(tempDir(), 'old.db');
    expect(migrateDatabaseFile(file, { target: 4 }).to).toBe(4);
    const old = new Database(file);
    old.exec(`
      INSERT INTO workspaces (id, platform, external_id, time_zone) VALUES (1, 'console', 'ws', 'UTC');
      INSERT INTO users (id, workspace_id, external_id, display_name) VALUES (1, 1, 'a', 'Ann'), (2, 1, 'b', 'Bob');
      INSERT INTO teams (id, workspace_id, name) VALUES (1, 1, 'Owls');
      INSERT INTO team_members (user_id, team_id) VALUES (1, 1), (2, 1);
    `);
    const day = '2026-03-02';
    const total = old.prepare(
      'INSERT INTO period_totals (workspace_id, user_id, kind, period_key, points) VALUES (1, ?, ?, ?, ?)',
    );
    for (const [userId, points] of [
      [1, 80],
      [2, 60],
    ] as const) {
      for (const period of ['week', 'month', 'all'] as const) total.run(userId, period, periodKey(period, day), points);
    }
    old.close();

    const migrated = await Fixture.create('UTC', file);
    expect((await board(migrated, { today: day, teams: true })).map((e) => [e.name, e.points])).toEqual([
      ['Owls', 140],
    ]);
  });
});
