/**
 * A day's fan-out against the fake Discord with Discord's rate limits on (tests/fakes/discord/rate-limits.ts:
 * 50 requests/s globally, per-route buckets, 429 with retry_after): the real tutor (SQLite, real knowledge, the
 * Discord adapter at discord.js's default REST pacing) posts the day's challenge to 1,000 and then 10,000 channels
 * (guilds of 100), driven by the real scheduler at 09:05. Reported: the time beside the floor those limits set
 * (the successful requests made ÷ 50/s), target 1.2× the floor; that every channel got exactly one post; and the
 * RSS after the 10k fan-out with 100k learners in the database (target < 300 MB), and its growth per channel.
 * The fake runs in this process too, so the RSS includes its record of every request and message: an upper bound.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openServices } from '../src/app/services.js';
import { loadConfig } from '../src/config/config.js';
import { silentLogger } from '../src/domain/logger.js';
import { createDiscordAdapter } from '../src/platforms/discord/adapter.js';
import { openDatabase } from '../src/store/sqlite/connection.js';
import { ManualClock } from '../src/tutor/clock.js';
import { FakeDiscord } from '../tests/fakes/discord/fake-discord.js';
import { GLOBAL_PER_SECOND } from '../tests/fakes/discord/rate-limits.js';
import { manualScheduler } from '../tests/support/manual-scheduler.js';
import type { BenchRow, BenchSuite } from './table.js';

const CHANNELS_PER_GUILD = 100;
const LEARNERS = 100_000;
const TARGET_RATIO = 1.2;
const RSS_TARGET_MB = 300;
const NOW = '2026-03-02T09:05:00Z';

const mb = (bytes: number) => bytes / 2 ** 20;

interface FanOut {
  readonly rows: BenchRow[];
  readonly rssBefore: number;
  /** After the channels and learners are in, before any post: the fake then holds no request or message yet. */
  readonly rssSeeded: number;
  readonly rssAfter: number;
}

async function fanOut(channelCount: number, learners: number): Promise<FanOut> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-bench-fanout-'));
  const fake = new FakeDiscord();
  const channels: { guildId: string; channelId: string }[] = [];
  for (let g = 0; g < channelCount / CHANNELS_PER_GUILD; g++) {
    const { guildId, channelIds } = fake.addGuild(`guild-${g}`, CHANNELS_PER_GUILD);
    for (const channelId of channelIds) channels.push({ guildId, channelId });
  }
  await fake.start();
  const file = path.join(dir, 'tutor.db');
  const clock = new ManualClock(new Date(NOW));
  const config = loadConfig({
    TUTOR_DB: file,
    TUTOR_KNOWLEDGE: path.resolve('knowledge'),
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
  });
  const services = await openServices(config, { clock, logger: silentLogger, cwd: process.cwd() });
  const adapter = createDiscordAdapter({
    token: fake.token,
    apiBase: fake.apiBase,
    tutor: services.tutor,
    logger: silentLogger,
  });
  services.outboxes.discord = adapter.outbox;
  try {
    await adapter.start();
    const rssBefore = process.memoryUsage().rss;
    const workspaces = new Map<string, number>();
    for (const c of channels) {
      if (!workspaces.has(c.guildId)) {
        workspaces.set(c.guildId, (await services.store.ensureWorkspace('discord', c.guildId, { timeZone: 'UTC' })).id);
      }
      await services.store.ensureChannel(
        { platform: 'discord', workspaceExternalId: c.guildId, externalId: c.channelId },
        { scheduleTime: '09:00', timeZone: 'UTC' },
      );
    }
    if (learners > 0) addLearners(file, [...workspaces.values()], learners);
    const rssSeeded = process.memoryUsage().rss;
    const limits = fake.enforceRateLimits();
    const since = fake.mark();
    const started = performance.now();
    const report = await manualScheduler(services, clock, silentLogger).runDue();
    const seconds = (performance.now() - started) / 1000;
    const made = fake.requests.slice(since).filter((r) => r.status !== 429).length;
    const floor = made / GLOBAL_PER_SECOND;
    const posts = channels.map((c) => fake.channelMessages(c.channelId).length);
    const exactlyOne = posts.filter((n) => n === 1).length;
    const load = `${channelCount.toLocaleString('en')} channels`;
    return {
      rssBefore,
      rssSeeded,
      rssAfter: process.memoryUsage().rss,
      rows: [
        {
          figure: `fan-out, ${load}: time / floor (${made} requests ÷ ${GLOBAL_PER_SECOND}/s); 429s global / route`,
          value: `${seconds.toFixed(1)} s / ${floor.toFixed(1)} s (${(seconds / floor).toFixed(2)}×); ${limits.rejected.global} / ${limits.rejected.route}`,
          target: `≤ ${TARGET_RATIO}× floor`,
          met: seconds / floor <= TARGET_RATIO,
        },
        {
          figure: `fan-out, ${load}: channels with exactly one post (posted / failed)`,
          value: `${exactlyOne} of ${channelCount} (${report.posted} / ${report.failed})`,
          target: 'all',
          met: exactlyOne === channelCount,
        },
      ],
    };
  } finally {
    await adapter.stop();
    await services.close();
    await fake.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Learners straight into the users table, spread over the workspaces: the store has no bulk insert to use. */
function addLearners(file: string, workspaceIds: readonly number[], count: number): void {
  const db = openDatabase(file);
  try {
    const insert = db.prepare('INSERT INTO users (workspace_id, external_id, display_name) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        insert.run(workspaceIds[i % workspaceIds.length], `learner-${i}`, `Learner ${i}`);
      }
    })();
  } finally {
    db.close();
  }
}

export const suite: BenchSuite = {
  name: 'fanout',
  async run() {
    const small = await fanOut(1_000, 0);
    const large = await fanOut(10_000, LEARNERS);
    const perChannel = (large.rssAfter - large.rssBefore) / 10_000;
    return [
      ...small.rows,
      ...large.rows,
      {
        figure: `fan-out: RSS after the 10,000-channel day, ${LEARNERS / 1000}k learners (fake in-process)`,
        value: `${mb(large.rssAfter).toFixed(0)} MB`,
        target: `< ${RSS_TARGET_MB} MB`,
        met: mb(large.rssAfter) < RSS_TARGET_MB,
      },
      {
        figure: `fan-out: RSS with 10,000 channels and ${LEARNERS / 1000}k learners seeded, before the day's posts`,
        value: `${mb(large.rssSeeded).toFixed(0)} MB`,
        target: `< ${RSS_TARGET_MB} MB`,
        met: mb(large.rssSeeded) < RSS_TARGET_MB,
      },
      {
        figure: 'fan-out: RSS growth per channel (10k day; 1k day)',
        value: `${(perChannel / 1024).toFixed(1)} KiB; ${((small.rssAfter - small.rssBefore) / 1000 / 1024).toFixed(1)} KiB`,
        target: '—',
        met: null,
      },
    ];
  },
};
