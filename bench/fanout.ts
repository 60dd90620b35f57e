/**
 * A day's fan-out against the fake Discord with Discord's rate limits on (tests/fakes/discord/rate-limits.ts:
 * 50 requests/s globally, per-route buckets, 429 with retry_after): the real tutor (SQLite, real knowledge, the
 * Discord adapter at discord.js's default REST pacing) posts the day's challenge to 1,000 and then 10,000 channels
 * (guilds of 100), driven by the real scheduler at 09:05. Reported: the time beside the floor those limits set
 * (the successful requests made ÷ 50/s), target 1.2× the floor; that every channel got exactly one post; and the
 * tutor's RSS with 10k channels and 100k learners in the database, before and after the day's posts (target
 * < 300 MB), and its growth per channel. The fake runs in a process of its own (fanout-fake.ts), so this process's
 * RSS is the tutor's (with the bench's few arrays of channel ids), not the fake's record of every request.
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
import { GLOBAL_PER_SECOND } from '../tests/fakes/discord/rate-limits.js';
import { manualScheduler } from '../tests/support/manual-scheduler.js';
import { startFakeDiscordProcess, type FakeDiscordProcess } from './fanout-fake.js';
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
  /** After the channels and learners are in, before any post. */
  readonly rssSeeded: number;
  readonly rssAfter: number;
  /** The fake's own process after the day, for context. */
  readonly fakeRss: number;
}

async function fanOut(channelCount: number, learners: number): Promise<FanOut> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-bench-fanout-'));
  const fake = await startFakeDiscordProcess({
    guilds: channelCount / CHANNELS_PER_GUILD,
    channelsPerGuild: CHANNELS_PER_GUILD,
  });
  try {
    return await fanOutTo(fake, path.join(dir, 'tutor.db'), learners);
  } finally {
    await fake.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function fanOutTo(fake: FakeDiscordProcess, file: string, learners: number): Promise<FanOut> {
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
    for (const c of fake.channels) {
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
    await fake.enforceRateLimits();
    const started = performance.now();
    const report = await manualScheduler(services, clock, silentLogger).runDue();
    const seconds = (performance.now() - started) / 1000;
    const rssAfter = process.memoryUsage().rss;
    const day = await fake.report();
    const floor = day.made / GLOBAL_PER_SECOND;
    const channelCount = fake.channels.length;
    const load = `${channelCount.toLocaleString('en')} channels`;
    return {
      rssBefore,
      rssSeeded,
      rssAfter,
      fakeRss: day.rss,
      rows: [
        {
          figure: `fan-out, ${load}: time / floor (${day.made} requests ÷ ${GLOBAL_PER_SECOND}/s); 429s global / route`,
          value: `${seconds.toFixed(1)} s / ${floor.toFixed(1)} s (${(seconds / floor).toFixed(2)}×); ${day.rejected.global} / ${day.rejected.route}`,
          target: `≤ ${TARGET_RATIO}× floor`,
          met: seconds / floor <= TARGET_RATIO,
        },
        {
          figure: `fan-out, ${load}: channels with exactly one post (posted / failed)`,
          value: `${day.exactlyOne} of ${channelCount} (${report.posted} / ${report.failed})`,
          target: 'all',
          met: day.exactlyOne === channelCount,
        },
      ],
    };
  } finally {
    await adapter.stop();
    await services.close();
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

/** RSS growth per channel in KiB: seeding its row (and its learners' share), then its day's post. */
function growthPerChannel(run: FanOut, channels: number): string {
  const kib = (bytes: number) => (bytes / channels / 1024).toFixed(1);
  return `${kib(run.rssSeeded - run.rssBefore)} + ${kib(run.rssAfter - run.rssSeeded)} KiB`;
}

export const suite: BenchSuite = {
  name: 'fanout',
  async run() {
    const small = await fanOut(1_000, 0);
    const large = await fanOut(10_000, LEARNERS);
    const rssRow = (figure: string, bytes: number): BenchRow => ({
      figure,
      value: `${mb(bytes).toFixed(0)} MB`,
      target: `< ${RSS_TARGET_MB} MB`,
      met: mb(bytes) < RSS_TARGET_MB,
    });
    return [
      ...small.rows,
      ...large.rows,
      rssRow(
        `fan-out: tutor's RSS, 10,000 channels and ${LEARNERS / 1000}k learners seeded, before the day's posts`,
        large.rssSeeded,
      ),
      rssRow(`fan-out: tutor's RSS after the 10,000-channel day`, large.rssAfter),
      {
        figure: "fan-out: tutor's RSS growth per channel, seeding + its post (10k channels, 100k learners; 1k, none)",
        value: `${growthPerChannel(large, 10_000)}; ${growthPerChannel(small, 1_000)}`,
        target: '—',
        met: null,
      },
      {
        figure: "fan-out: the fake Discord's own process after the day (10k; 1k), context",
        value: `${mb(large.fakeRss).toFixed(0)} MB; ${mb(small.fakeRss).toFixed(0)} MB`,
        target: '—',
        met: null,
      },
    ];
  },
};
