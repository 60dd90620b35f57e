import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import { Fixture, openStore, tempDir } from './helpers.js';

interface Claim {
  readonly day: string;
  readonly created: boolean;
  /** The topic of the row the claim got back: the creator's. */
  readonly topic: string;
}

/** A claim-race.ts process: `ready` once it could claim; `claim(day)` resolves with what its claim got. */
function startRacer(file: string, name: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'claim-race.ts'), file, name],
    { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (what: string) => {
    const line = await lines.next();
    if (line.done) throw new Error(`racer ${name} ended before ${what}: ${stderr}`);
    return line.value;
  };
  return {
    name,
    ready: next('ready'),
    send: (day: string) => child.stdin.write(`${day}\n`),
    answer: async (day: string) => JSON.parse(await next(`its claim of ${day}`)) as Claim,
    end: () => new Promise((resolve) => child.stdin.end(resolve)),
  };
}

function readRows(file: string): { day: string; topic_id: string }[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare('SELECT day, topic_id FROM daily_challenges').all() as { day: string; topic_id: string }[];
  } finally {
    sqlite.close();
  }
}

describe('daily challenges', () => {
  it('claims one challenge per channel-day; a second claim gets the first one back', async () => {
    const f = await Fixture.create();
    const at = new Date('2026-03-02T09:00:00Z');
    const first = await f.store.claimDailyChallenge({ channelId: f.channel.id, day: '2026-03-02', topicId: 'a', at });
    const second = await f.store.claimDailyChallenge({ channelId: f.channel.id, day: '2026-03-02', topicId: 'b', at });
    expect(first.created).toBe(true);
    expect(second).toEqual({ challenge: first.challenge, created: false });
    expect(second.challenge.topicId).toBe('a');
  });

  it('claims once per channel-day across two store instances on one file', async () => {
    const file = path.join(tempDir(), 'shared.db');
    const a = await Fixture.create('UTC', file);
    const b = openStore(file);
    const channel = (await b.findChannel('console', 'ws', 'general'))!;
    expect(channel.id).toBe(a.channel.id);
    const at = new Date('2026-03-02T09:00:00Z');
    const results = await Promise.all([
      a.store.claimDailyChallenge({ channelId: channel.id, day: '2026-03-02', topicId: 'from-a', at }),
      b.claimDailyChallenge({ channelId: channel.id, day: '2026-03-02', topicId: 'from-b', at }),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0].challenge.id).toBe(results[1].challenge.id);
  });

  it('lets exactly one of two racing processes create each channel-day', async () => {
    const file = path.join(tempDir(), 'race.db');
    await Fixture.create('UTC', file); // migrate first so the racers race on claims, not on the schema
    const days = 200;
    const racers = [startRacer(file, 'one'), startRacer(file, 'two')];
    // The readiness barrier: both processes are up and connected before the first day is sent.
    expect(await Promise.all(racers.map((r) => r.ready))).toEqual(['ready', 'ready']);
    const won = { one: [] as string[], two: [] as string[] };
    const rounds: Claim[][] = [];
    for (let i = 0; i < days; i++) {
      const day = addDays('2026-01-01', i);
      // Both get the day together; who is told first alternates, so neither is favoured by the pipe order.
      const order = i % 2 === 0 ? racers : [...racers].reverse();
      for (const racer of order) racer.send(day);
      const claims = await Promise.all(racers.map((r) => r.answer(day)));
      rounds.push(claims);
      for (const [index, claim] of claims.entries())
        if (claim.created) won[racers[index]!.name as 'one' | 'two'].push(day);
    }
    await Promise.all(racers.map((r) => r.end()));

    // Every day was claimed by both: exactly one created it and both got the creator's row back.
    expect(rounds.filter((claims) => claims.filter((c) => c.created).length !== 1)).toEqual([]);
    expect(rounds.filter(([a, b]) => a!.topic !== b!.topic)).toEqual([]);
    // A race happened: each process won some days, and the counts from both sides add up.
    expect(won.one.length).toBeGreaterThan(0);
    expect(won.two.length).toBeGreaterThan(0);
    expect(won.one.length + won.two.length).toBe(days);
    // The file holds each channel-day exactly once, with its creator's topic.
    const rows = readRows(file);
    expect(rows).toHaveLength(days);
    expect(new Set(rows.map((r) => r.day)).size).toBe(days);
    const creator = new Map<string, string>();
    for (const [name, created] of Object.entries(won)) for (const day of created) creator.set(day, name);
    expect(rows.filter((r) => r.topic_id !== `${creator.get(r.day)}-${r.day}`)).toEqual([]);
    console.info(`claim race: ${days} channel-days, ${won.one.length} created by one, ${won.two.length} by two`);
  });

  it('tracks a challenge from claimed to posted to closed', async () => {
    const f = await Fixture.create();
    const { challenge } = await f.store.claimDailyChallenge({
      channelId: f.channel.id,
      day: '2026-03-02',
      topicId: 'cache',
      at: new Date('2026-03-02T09:00:00Z'),
    });
    expect((await f.store.unpostedChallenges()).map((c) => c.id)).toEqual([challenge.id]);
    expect(await f.store.openChallenges()).toEqual([]);
    await f.store.markChallengePosted(challenge.id, {
      messageId: 'm1',
      threadId: 't1',
      at: new Date('2026-03-02T09:00:01Z'),
    });
    expect(await f.store.unpostedChallenges()).toEqual([]);
    const open = await f.store.openChallenges();
    expect(open).toEqual([
      {
        id: challenge.id,
        channelId: f.channel.id,
        day: '2026-03-02',
        topicId: 'cache',
        claimedAt: new Date('2026-03-02T09:00:00Z'),
        postedAt: new Date('2026-03-02T09:00:01Z'),
        messageId: 'm1',
        threadId: 't1',
        closedAt: null,
      },
    ]);
    expect(await f.store.challengeByThread(f.channel.id, 't1')).toEqual(open[0]);
    expect(await f.store.challengeByThread(f.channel.id, 'other')).toBeNull();
    expect(await f.store.dailyChallenge(f.channel.id, '2026-03-02')).toEqual(open[0]);
    expect(await f.store.closeChallenge(challenge.id, new Date('2026-03-03T00:00:00Z'))).toBe(true);
    expect(await f.store.openChallenges()).toEqual([]);
    expect((await f.store.challengeById(challenge.id))?.closedAt).toEqual(new Date('2026-03-03T00:00:00Z'));
  });

  it('returns the topic history most recent first', async () => {
    const f = await Fixture.create();
    for (const day of ['2026-03-01', '2026-03-03', '2026-03-02']) await f.challenge(day, `t-${day}`);
    expect(await f.store.topicHistory(f.channel.id, 2)).toEqual([
      { topicId: 't-2026-03-03', day: '2026-03-03' },
      { topicId: 't-2026-03-02', day: '2026-03-02' },
    ]);
  });
});

describe('channels and workspaces', () => {
  it('creates once with the defaults, then keeps settings and updates them on request', async () => {
    const f = await Fixture.create('Asia/Shanghai');
    const again = await f.store.ensureChannel(
      { platform: 'console', workspaceExternalId: 'ws', externalId: 'general', name: 'General' },
      { scheduleTime: '10:00', timeZone: 'UTC' },
    );
    expect(again).toMatchObject({
      id: f.channel.id,
      scheduleTime: '09:00',
      timeZone: 'Asia/Shanghai',
      name: 'General',
    });
    const updated = await f.store.updateChannel(f.channel.id, { scheduleTime: '07:30', paused: true });
    expect(updated).toMatchObject({ scheduleTime: '07:30', timeZone: 'Asia/Shanghai', paused: true });
    expect(await f.store.updateChannel(f.channel.id, { paused: false })).toMatchObject({ paused: false });
    expect((await f.store.listChannels()).map((c) => c.externalId)).toEqual(['general']);
    expect(await f.store.findChannel('console', 'ws', 'missing')).toBeNull();
    await expect(f.store.updateChannel(999, { paused: true })).rejects.toMatchObject({ id: 'store-failed' });
    expect(await f.store.ensureWorkspace('console', 'ws', { timeZone: 'UTC' })).toMatchObject({
      timeZone: 'Asia/Shanghai',
    });
  });
});
