import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Fixture, openStore, tempDir } from './helpers.js';

const run = promisify(execFile);

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
    const startAt = Date.now() + 1500;
    const racer = (name: string) =>
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(import.meta.dirname, 'fixtures', 'claim-race.ts'),
          file,
          String(startAt),
          String(days),
          name,
        ],
        { cwd: path.resolve(import.meta.dirname, '../..') },
      );
    const [one, two] = await Promise.all([racer('one'), racer('two')]);
    const createdOne = JSON.parse(one.stdout) as string[];
    const createdTwo = JSON.parse(two.stdout) as string[];
    expect(createdOne.length + createdTwo.length).toBe(days);
    expect(new Set([...createdOne, ...createdTwo]).size).toBe(days);
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
