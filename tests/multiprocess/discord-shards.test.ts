/**
 * Three Discord shard processes on one database against the fake Discord: a day's fan-out to 1,000 channels
 * (25 guilds of 40), shard 1 killed with SIGKILL in the middle of its fan-out and started again past the post
 * lease, ends with exactly one challenge message per channel-day. While shard 1 is down, shards 0 and 2 finish
 * and never touch its guilds: each process schedules and posts only for its own guilds.
 *
 * The posts that shard 1 had made but not recorded when it died are made again after the restart with the same
 * nonce (`enforce_nonce`), which Discord (and the fake) answers with the first message: no second message.
 */
import { describe, expect, it } from 'vitest';
import { postgresBinariesOrSkip, usePostgresServer } from '../support/postgres-server.js';
import { shardOfGuild } from '../../src/domain/shards.js';
import { FakeDiscord } from '../fakes/discord/fake-discord.js';
import { guildShard } from '../fakes/discord/gateway.js';
import { KNOWLEDGE, logged, spawnTutor, postgresDatabase, waitFor, type TestDatabase } from './harness.js';

const SHARDS = 3;
const GUILDS = 25;
const CHANNELS_PER_GUILD = 40;
const DAY = '2026-03-02';
const FIRST_START = `${DAY}T09:05:00Z`;
/** Past the tutor's post lease (2 min): the restart may finish posts the dead process had claimed. */
const RESTART = `${DAY}T09:08:00Z`;
const KILLED = 1;

interface DailyChannel {
  readonly guildId: string;
  readonly channelId: string;
  readonly shard: number;
}

async function seed(db: TestDatabase, fake: FakeDiscord): Promise<DailyChannel[]> {
  const channels: DailyChannel[] = [];
  for (let g = 0; g < GUILDS; g++) {
    const { guildId, channelIds } = fake.addGuild(`guild-${g}`, CHANNELS_PER_GUILD);
    for (const channelId of channelIds) channels.push({ guildId, channelId, shard: guildShard(guildId, SHARDS) });
  }
  const store = await db.open();
  try {
    for (const guildId of new Set(channels.map((c) => c.guildId))) {
      await store.ensureWorkspace('discord', guildId, { timeZone: 'UTC' });
    }
    for (const c of channels) {
      await store.ensureChannel(
        { platform: 'discord', workspaceExternalId: c.guildId, externalId: c.channelId },
        { scheduleTime: '09:00', timeZone: 'UTC' },
      );
    }
  } finally {
    await store.close();
  }
  return channels;
}

/** Channels with at least one message of the bot (the challenge; answers go to threads, which are channels of their own). */
function postedChannels(fake: FakeDiscord, channels: readonly DailyChannel[]): DailyChannel[] {
  return channels.filter((c) => fake.channelMessages(c.channelId).length > 0);
}

async function recordedPosts(db: TestDatabase): Promise<Map<string, boolean>> {
  const store = await db.open();
  try {
    const posted = new Map<string, boolean>();
    for (const channel of await store.listChannels()) {
      const challenge = await store.dailyChallenge(channel.id, DAY);
      if (challenge) posted.set(channel.externalId, challenge.postedAt !== null);
    }
    return posted;
  } finally {
    await store.close();
  }
}

const binDir = postgresBinariesOrSkip();

describe.skipIf(binDir === null)('three Discord shard processes on one PostgreSQL database', () => {
  const server = usePostgresServer(binDir);

  it('post exactly once per channel-day through a kill -9 and restart, each shard only its own guilds', async () => {
    const db = postgresDatabase(await server().createDatabase());
    const fake = new FakeDiscord();
    fake.shardCount = SHARDS;
    await fake.start();
    try {
      const channels = await seed(db, fake);
      // The tutor's rule agrees with the fake's (Discord's), and every shard has guilds to serve.
      expect(channels.every((c) => shardOfGuild(c.guildId, SHARDS) === c.shard)).toBe(true);
      const perShard = [0, 1, 2].map((s) => channels.filter((c) => c.shard === s));
      expect(perShard.every((list) => list.length > 0)).toBe(true);

      const env = (slot: number, now: string) => ({
        ...db.env,
        TUTOR_KNOWLEDGE: KNOWLEDGE,
        DISCORD_TOKEN: fake.token,
        DISCORD_APP_ID: fake.appId,
        DISCORD_API_BASE: fake.apiBase,
        FIXTURE_SLOT: `${slot}/${SHARDS}`,
        FIXTURE_NOW: now,
      });
      const script = 'tests/multiprocess/fixtures/tutor-process.ts';
      const processes = [0, 1, 2].map((slot) => spawnTutor(script, [], env(slot, FIRST_START)));
      const killed = processes[KILLED]!;
      const ownOfKilled = perShard[KILLED]!;

      // Kill shard 1 a third of the way through its own fan-out.
      await waitFor(
        'shard 1 a third through its fan-out',
        () => postedChannels(fake, ownOfKilled).length >= ownOfKilled.length / 3,
        120_000,
        20,
      );
      killed.child.kill('SIGKILL');
      expect((await killed.exited).signal).toBe('SIGKILL');
      const postedAtKill = postedChannels(fake, ownOfKilled).length;
      expect(postedAtKill).toBeLessThan(ownOfKilled.length);

      // The live shards finish their guilds, and leave shard 1's alone.
      await logged(processes[0]!, 'tutor started', 120_000);
      await logged(processes[2]!, 'tutor started', 120_000);
      const others = channels.filter((c) => c.shard !== KILLED);
      expect(postedChannels(fake, others)).toHaveLength(others.length);
      expect(postedChannels(fake, ownOfKilled).length).toBe(postedAtKill);
      const identified = fake.gatewayLog.filter((entry) => entry.op === 'identify').map((entry) => entry.shard);
      expect(identified).toEqual(
        expect.arrayContaining([
          [0, SHARDS],
          [1, SHARDS],
          [2, SHARDS],
        ]),
      );

      const restarted = spawnTutor(script, [], env(KILLED, RESTART));
      await logged(restarted, 'tutor started', 120_000);
      const recorded = await recordedPosts(db);
      expect(recorded.size).toBe(channels.length);
      expect([...recorded.values()].every(Boolean)).toBe(true);

      const messages = channels.map((c) => fake.channelMessages(c.channelId).length);
      expect(messages.filter((n) => n !== 1)).toEqual([]);
      console.info(
        `shards: ${perShard.map((l) => l.length).join('/')} channels; shard 1 killed after ${postedAtKill} posts; ` +
          `after its restart ${channels.length} channels with one message each`,
      );
      for (const p of [...processes, restarted]) if (p.child.exitCode === null) p.child.kill('SIGTERM');
      await Promise.all([...processes, restarted].map((p) => p.exited));
    } finally {
      await fake.stop();
    }
  }, 300_000);
});
