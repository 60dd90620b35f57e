import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/domain/logger.js';
import { createScheduler, nodeCronFactory, type CronFactory } from '../../src/scheduler/scheduler.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import type { Store } from '../../src/store/types.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { recordingLogger } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';
import { openTutor, recordingOutbox, tempDbFile, type RecordingOutbox } from '../tutor/harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempFile(): string {
  const { dir, file } = tempDbFile();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}

interface PlannedJob {
  expression: string;
  timezone: string;
  name: string;
  run: () => void;
  stopped: boolean;
}

function fakeCron(): { factory: CronFactory; jobs: PlannedJob[] } {
  const jobs: PlannedJob[] = [];
  return {
    jobs,
    factory: (expression, run, options) => {
      const job = { expression, timezone: options.timezone, name: options.name, run, stopped: false };
      jobs.push(job);
      return { stop: () => void (job.stopped = true) };
    },
  };
}

async function node(file: string, clock: ManualClock, outbox: RecordingOutbox = recordingOutbox()) {
  const parts = await openTutor(file, clock, { outbox });
  cleanups.push(() => parts.store.close());
  const cron = fakeCron();
  const scheduler = createScheduler({
    tutor: parts.tutor,
    store: parts.store,
    outboxes: { slack: outbox },
    clock,
    logger: silentLogger,
    cron: cron.factory,
    concurrency: 4,
  });
  cleanups.push(() => scheduler.stop());
  return { ...parts, scheduler, cron };
}

async function addChannels(store: Store, count: number, schedule = { scheduleTime: '09:00', timeZone: 'UTC' }) {
  for (let i = 0; i < count; i++) {
    await store.ensureChannel({ platform: 'slack', workspaceExternalId: 'T1', externalId: `C${i}` }, schedule);
  }
}

describe('scheduler', () => {
  it('posts at the channel’s local time, and catches a missed post up on start while its day is open', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-02T00:30:00Z')); // 08:30 in Shanghai
    const a = await node(file, clock);
    await addChannels(a.store, 1, { scheduleTime: '09:00', timeZone: 'Asia/Shanghai' });
    await a.scheduler.start();
    expect(a.outbox.posts).toHaveLength(0);
    expect(a.cron.jobs.map((j) => [j.expression, j.timezone])).toEqual([
      ['0 9 * * *', 'Asia/Shanghai'],
      ['* * * * *', 'UTC'],
    ]);

    clock.set(new Date('2026-03-02T01:00:00Z'));
    a.cron.jobs[0]!.run();
    await a.scheduler.runDue();
    expect(a.outbox.posts).toHaveLength(1);

    // The bot was down from before 09:00 the next day until 23:00 local: the post is made late, once.
    clock.set(new Date('2026-03-03T15:00:00Z'));
    const report = await a.scheduler.runDue();
    expect(report).toMatchObject({ posted: 1, closed: 1 });
    expect(a.outbox.posts).toHaveLength(2);
    expect(a.outbox.threadPosts).toHaveLength(1);
  });

  it('restart mid-day: a new scheduler and tutor on the same file make no second post', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
    const first = await node(file, clock);
    await addChannels(first.store, 3);
    await first.scheduler.start();
    expect(first.outbox.posts).toHaveLength(3);
    await first.scheduler.stop();
    await first.store.close();

    clock.set(new Date('2026-03-02T15:00:00Z'));
    const second = await node(file, clock);
    await second.scheduler.start();
    await second.scheduler.runDue();
    expect(second.outbox.posts).toHaveLength(0);
  });

  it('two schedulers racing on one database file post each channel-day exactly once', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
    const slowA = recordingOutbox({ delayMs: 5 });
    const slowB = recordingOutbox({ delayMs: 5 });
    const a = await node(file, clock, slowA);
    const b = await node(file, clock, slowB);
    await addChannels(a.store, 12);
    await Promise.all([a.scheduler.start(), b.scheduler.start(), a.scheduler.runDue(), b.scheduler.runDue()]);
    const posted = [...slowA.posts, ...slowB.posts].map((p) => p.channel.channelId).sort();
    expect(posted).toEqual(Array.from({ length: 12 }, (_, i) => `C${i}`).sort());
    expect(new Set(posted).size).toBe(12);
    // A race happened: each scheduler won some of the channels.
    expect(slowA.posts.length).toBeGreaterThan(0);
    expect(slowB.posts.length).toBeGreaterThan(0);
    const rows = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const channel = await a.store.findChannel('slack', 'T1', `C${i}`);
        return a.store.dailyChallenge(channel!.id, '2026-03-02');
      }),
    );
    expect(rows.map((row) => row?.postedAt instanceof Date)).toEqual(Array.from({ length: 12 }, () => true));
  });

  it('fans out to many channels with bounded concurrency', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
    const outbox = recordingOutbox({ delayMs: 2 });
    const a = await node(file, clock, outbox);
    await addChannels(a.store, 30);
    const report = await a.scheduler.runDue();
    expect(report.posted).toBe(30);
    // The limit (4) is reached, and never passed.
    expect(outbox.maxInFlight).toBe(4);
  });

  it('retries a post that failed, later, without posting twice', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
    const a = await node(file, clock);
    await addChannels(a.store, 1);
    a.outbox.failNext(10);
    expect(await a.scheduler.runDue()).toMatchObject({ posted: 0, failed: 1 });
    a.outbox.failNext(0);
    clock.set(new Date('2026-03-02T09:01:00Z')); // the claim's lease has not run out: no retry yet
    expect(await a.scheduler.runDue()).toMatchObject({ posted: 0, failed: 0 });
    clock.set(new Date('2026-03-02T09:02:00Z'));
    expect(await a.scheduler.runDue()).toMatchObject({ posted: 1, failed: 0 });
    clock.set(new Date('2026-03-02T09:05:00Z'));
    expect(await a.scheduler.runDue()).toMatchObject({ posted: 0 });
    expect(a.outbox.posts).toHaveLength(1);
  });

  it('closes each day once when it ends in the channel’s zone, and skips paused channels', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-02T09:30:00Z'));
    const a = await node(file, clock);
    await a.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'NY' },
      { scheduleTime: '09:00', timeZone: 'America/New_York' },
    );
    await a.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'UTC' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    await a.scheduler.runDue();
    expect(a.outbox.posts.map((p) => p.channel.channelId)).toEqual(['UTC']);
    clock.set(new Date('2026-03-02T14:00:00Z')); // 09:00 in New York
    await a.scheduler.runDue();
    expect(a.outbox.posts.map((p) => p.channel.channelId)).toEqual(['UTC', 'NY']);

    const paused = (await a.store.findChannel('slack', 'T1', 'UTC'))!;
    await a.store.updateChannel(paused.id, { paused: true });
    clock.set(new Date('2026-03-03T01:00:00Z')); // UTC day over; still 2 March in New York
    expect(await a.scheduler.runDue()).toMatchObject({ closed: 1, posted: 0 });
    expect(a.outbox.threadPosts.map((p) => p.channel.channelId)).toEqual(['UTC']);
    clock.set(new Date('2026-03-03T05:01:00Z'));
    expect(await a.scheduler.runDue()).toMatchObject({ closed: 1 });
    expect(await a.scheduler.runDue()).toMatchObject({ closed: 0 });
    expect(a.outbox.threadPosts.map((p) => p.channel.channelId)).toEqual(['UTC', 'NY']);
  });

  it('posts a time that falls in a DST gap as soon as the clocks have jumped', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-08T06:59:00Z')); // 01:59 EST, spring-forward night
    const a = await node(file, clock);
    await addChannels(a.store, 1, { scheduleTime: '02:30', timeZone: 'America/New_York' });
    await a.scheduler.runDue();
    expect(a.outbox.posts).toHaveLength(0);
    clock.set(new Date('2026-03-08T07:00:00Z')); // 03:00 EDT
    await a.scheduler.runDue();
    expect(a.outbox.posts).toHaveLength(1);
  });

  it('plans the other channels when one has a stored time that is not HH:MM, and logs that one', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-02T05:00:00Z'));
    const parts = await openTutor(file, clock);
    cleanups.push(() => parts.store.close());
    const cron = fakeCron();
    const logs = recordingLogger();
    const scheduler = createScheduler({
      tutor: parts.tutor,
      store: parts.store,
      outboxes: { slack: parts.outbox },
      clock,
      logger: logs.logger,
      cron: cron.factory,
    });
    cleanups.push(() => scheduler.stop());
    await parts.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C-bad' },
      { scheduleTime: 'soon', timeZone: 'UTC' },
    );
    await parts.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C-good' },
      { scheduleTime: '07:30', timeZone: 'UTC' },
    );
    await scheduler.start();
    expect(cron.jobs.map((j) => [j.expression, j.name])).toEqual([
      ['30 7 * * *', 'daily:slack:T1:C-good'],
      ['* * * * *', 'sweep'],
    ]);
    const unplanned = logs.lines.filter((line) => line.msg === 'channel has no valid time');
    expect(unplanned.map((line) => [line.level, line.channelId])).toEqual([['error', 'C-bad']]);
  });

  it('re-plans its jobs when an admin changes the schedule', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-03-02T07:00:00Z'));
    const a = await node(file, clock);
    await addChannels(a.store, 1);
    await a.scheduler.start();
    const before = a.cron.jobs.filter((j) => !j.stopped).map((j) => j.expression);
    expect(before).toEqual(['0 9 * * *', '* * * * *']);
    await a.tutor.handleCommand({
      actor: {
        platform: 'slack',
        workspaceId: 'T1',
        userId: 'U1',
        displayName: 'root',
        locale: 'en',
        isAdmin: true,
      },
      place: { platform: 'slack', workspaceId: 'T1', channelId: 'C0' },
      command: 'schedule',
      options: { time: '06:45', timezone: 'Europe/Paris' },
    });
    const live = () => a.cron.jobs.filter((j) => !j.stopped).map((j) => [j.expression, j.timezone]);
    await waitFor('the jobs re-planned', () => live()[0]?.[0] === '45 6 * * *');
    await waitFor("today's post", () => a.outbox.posts.length === 1);
    const after = live();
    expect(after).toEqual([
      ['45 6 * * *', 'Europe/Paris'],
      ['* * * * *', 'UTC'],
    ]);
    expect(a.outbox.posts).toHaveLength(1); // 08:00 in Paris is past 06:45: today's post is made
  });

  it('rotates daily topics without a repeat inside the window over 40 days, spread across the tree', async () => {
    const file = tempFile();
    const clock = new ManualClock(new Date('2026-01-01T09:00:00Z'));
    const a = await node(file, clock);
    await addChannels(a.store, 1);
    // No repeat inside the 30-day window; a smaller base cycles through every topic before one comes back.
    const daily = a.kb.dailyTopics().length;
    expect(daily).toBeGreaterThanOrEqual(40);
    const window = Math.min(30, daily);
    const topics: string[] = [];
    for (let day = 0; day < 40; day++) {
      clock.set(new Date(Date.UTC(2026, 0, 1 + day, 9, 0)));
      await a.scheduler.runDue();
    }
    const channel = (await a.store.findChannel('slack', 'T1', 'C0'))!;
    for (const entry of (await a.store.topicHistory(channel.id, 100)).reverse()) topics.push(entry.topicId);
    expect(topics).toHaveLength(40);
    for (let i = 0; i < topics.length; i++) {
      const recent = topics.slice(Math.max(0, i - window + 1), i);
      expect(recent).not.toContain(topics[i]);
    }
    // Curated challenges first (the seed has more than 40), spread across the tree: the first days come from
    // different branches of the notes they sit in, not one branch walked in order.
    expect(topics.every((id) => a.kb.isCurated(id))).toBe(true);
    const branches = topics.slice(0, 5).map((id) => a.kb.graph.nodes.get(id)?.path.slice(0, 3).join(' › '));
    expect(new Set(branches).size).toBe(5);
  });
});

describe('scheduler on its own database file per process', () => {
  it('keeps working when the store is reopened read-only: it reports, does not throw', async () => {
    const file = tempFile();
    const writable = openSqliteStore(file);
    await addChannels(writable, 1);
    await writable.close();
    const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
    const readOnly = openSqliteStore(file, { readOnly: true });
    const parts = await openTutor(file, clock, { store: readOnly });
    cleanups.push(() => readOnly.close());
    const scheduler = createScheduler({
      tutor: parts.tutor,
      store: readOnly,
      outboxes: { slack: parts.outbox },
      clock,
      logger: silentLogger,
      cron: fakeCron().factory,
    });
    expect(await scheduler.runDue()).toMatchObject({ posted: 0, failed: 1 });
    expect(parts.outbox.posts).toHaveLength(0);
  });
});

describe('nodeCronFactory', () => {
  it('runs a real node-cron job in a time zone and stops it', async () => {
    let runs = 0;
    const job = nodeCronFactory(silentLogger)('* * * * * *', () => void runs++, {
      timezone: 'Asia/Shanghai',
      name: 'every-second',
    });
    await waitFor('a run of the job', () => runs >= 1, 5_000);
    await job.stop();
    const seen = runs;
    // The positive signal for "it stopped": a job started after it runs twice, so a whole second passed.
    let later = 0;
    const witness = nodeCronFactory(silentLogger)('* * * * * *', () => void later++, {
      timezone: 'UTC',
      name: 'witness',
    });
    await waitFor('two runs of the witness job', () => later >= 2, 5_000);
    await witness.stop();
    expect(runs).toBe(seen);
  });
});
