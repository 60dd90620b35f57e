/**
 * The daily scheduler: one node-cron job per channel at its local `HH:MM` in its IANA zone, plus a
 * one-minute sweep that catches up whatever the jobs cannot see: a post missed while the bot was down
 * (made if its challenge day is still open), a post that failed earlier, a time that fell into a DST gap,
 * and the close (with the reveal) of every challenge whose day has ended in its zone.
 *
 * Nothing here decides "posted or not" from memory: the tutor claims each channel-day in the store, so a
 * restart or a second process on the same database never posts twice. The in-memory `handled` map only
 * spares the store a query per channel per minute once a day is settled.
 */
import cron from 'node-cron';
import { dayInZone } from '../domain/calendar.js';
import { parseTimeOfDay } from '../domain/time-of-day.js';
import type { Logger } from '../domain/logger.js';
import type { Day, Platform } from '../domain/vocabulary.js';
import type { ChannelRecord, DailyChallengeRecord, Store } from '../store/types.js';
import type { Outbox } from '../tutor/api.js';
import type { Clock } from '../tutor/clock.js';
import { dueAt, type Tutor } from '../tutor/tutor.js';
import { reminderRound } from './reminders.js';

export interface CronJob {
  stop(): void | Promise<void>;
}

/** node-cron's `schedule`, narrowed to what the scheduler uses, so tests can drive jobs by hand. */
export type CronFactory = (
  expression: string,
  run: () => void,
  options: { readonly timezone: string; readonly name: string },
) => CronJob;

/** node-cron 4 jobs; its own messages (e.g. a missed execution) go to our logger, not to the console. */
export function nodeCronFactory(logger: Logger): CronFactory {
  const cronLogger = {
    info: (message: string) => logger.debug({ source: 'node-cron' }, message),
    warn: (message: string) => logger.warn({ source: 'node-cron' }, message),
    error: (message: string | Error) => logger.error({ source: 'node-cron', err: message }, String(message)),
    debug: (message: string | Error) => logger.debug({ source: 'node-cron' }, String(message)),
  };
  return (expression, run, options) => {
    const task = cron.schedule(expression, run, {
      timezone: options.timezone,
      name: options.name,
      noOverlap: true,
      logger: cronLogger,
    });
    return { stop: () => task.destroy() };
  };
}

export interface SchedulerDeps {
  readonly tutor: Tutor;
  readonly store: Store;
  /** The outbox of each running platform; channels of other platforms are left alone. Read at run time. */
  readonly outboxes: Partial<Record<Platform, Outbox>>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly cron?: CronFactory;
  /** Posts in flight at once during a daily fan-out (default 8). */
  readonly concurrency?: number;
  /**
   * The channels this process serves when several run on one database (each Discord shard its own guilds);
   * the others' channels are never planned, posted or closed here. Default: every channel.
   */
  readonly owns?: (channel: ChannelRecord) => boolean;
}

export interface RunReport {
  readonly posted: number;
  readonly closed: number;
  readonly failed: number;
}

export interface Scheduler {
  /** Catch up (missed posts, retries, closes), then plan one job per channel and the sweep. */
  start(): Promise<void>;
  /** Re-plan the jobs after a schedule change. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
  /** Everything due at `now` (default: the clock's now), deterministically; the sweep and tests call it. */
  runDue(now?: Date): Promise<RunReport>;
}

const SWEEP = '* * * * *';

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { tutor, store, clock } = deps;
  const log = deps.logger.child({ component: 'scheduler' });
  const makeJob = deps.cron ?? nodeCronFactory(log);
  const concurrency = Math.max(1, deps.concurrency ?? 8);
  const owns = deps.owns ?? (() => true);
  const ownChannels = async () => (await store.listChannels()).filter(owns);
  /** Channel id → the day already settled (posted, or claimed by another process). */
  const handled = new Map<number, Day>();
  let jobs: CronJob[] = [];
  let active: Promise<RunReport> | null = null;
  let queued: Promise<RunReport> | null = null;
  let started = false;
  let planning: Promise<void> = Promise.resolve();
  const remind = reminderRound({ tutor, outboxes: deps.outboxes });

  function outboxFor(channel: ChannelRecord): Outbox | undefined {
    return deps.outboxes[channel.platform];
  }

  async function post(channel: ChannelRecord, now: Date): Promise<'posted' | 'settled' | 'failed'> {
    const outbox = outboxFor(channel);
    if (!outbox) return 'settled';
    const result = await tutor.postDailyChallenge(channel, outbox);
    if (result.status === 'failed') return 'failed';
    if (result.status !== 'pending') handled.set(channel.id, dayInZone(now, channel.timeZone));
    return result.status === 'posted' ? 'posted' : 'settled';
  }

  async function close(channel: ChannelRecord, challenge: DailyChallengeRecord): Promise<boolean> {
    const outbox = outboxFor(channel);
    if (!outbox) return false;
    return tutor.closeChallenge(channel, challenge, outbox);
  }

  async function sweep(now: Date): Promise<RunReport> {
    const channels = await ownChannels();
    const byId = new Map(channels.map((c) => [c.id, c]));
    const today = (channel: ChannelRecord) => dayInZone(now, channel.timeZone);

    const unposted = await store.unpostedChallenges();
    let closed = 0;
    const ended = [...(await store.openChallenges()), ...unposted].filter((record) => {
      const channel = byId.get(record.channelId);
      return channel !== undefined && record.day < today(channel);
    });
    for (const record of ended) {
      if (await close(byId.get(record.channelId)!, record)) closed++;
    }

    const retry = new Set(
      unposted
        .filter((record) => {
          const channel = byId.get(record.channelId);
          return channel !== undefined && record.day === today(channel);
        })
        .map((record) => record.channelId),
    );
    const due = channels.filter((channel) => {
      if (retry.has(channel.id)) return true;
      if (channel.paused || handled.get(channel.id) === today(channel)) return false;
      return now.getTime() >= dueAt(channel, today(channel)).getTime();
    });

    let posted = 0;
    let failed = 0;
    await forEachLimited(due, concurrency, async (channel) => {
      const outcome = await post(channel, now);
      if (outcome === 'posted') posted++;
      if (outcome === 'failed') failed++;
    });
    const reminded = await remind(channels, now);
    if (posted + closed + failed + reminded > 0) log.info({ posted, closed, failed, reminded }, 'scheduler run');
    return { posted, closed, failed };
  }

  /**
   * One run at a time, and at most one waiting: at 09:00 a thousand channel jobs fire together, the
   * first run posts them all (bounded concurrency) and the rest coalesce into one cheap follow-up.
   */
  function runDue(now?: Date): Promise<RunReport> {
    if (queued) return queued;
    const run = () =>
      sweep(now ?? clock.now()).catch((error: unknown) => {
        log.error({ err: error }, 'scheduler run failed');
        return { posted: 0, closed: 0, failed: 0 };
      });
    if (!active) {
      active = run().finally(() => {
        active = null;
      });
      return active;
    }
    queued = active.then(() => {
      queued = null;
      return runDue(now);
    });
    return queued;
  }

  /** Replaces every job; plans run one after another so two quick schedule changes cannot double the jobs. */
  function plan(): Promise<void> {
    planning = planning.catch(() => undefined).then(replaceJobs);
    return planning;
  }

  async function replaceJobs(): Promise<void> {
    const channels = (await ownChannels()).filter((c) => !c.paused && outboxFor(c));
    const old = jobs;
    jobs = [];
    await Promise.all(old.map((job) => job.stop()));
    // A refresh that raced `stop()` must not leave live timers behind.
    if (!started) return;
    for (const channel of channels) {
      const time = parseTimeOfDay(channel.scheduleTime);
      if (!time) {
        log.error({ channelId: channel.externalId, scheduleTime: channel.scheduleTime }, 'channel has no valid time');
        continue;
      }
      jobs.push(
        makeJob(`${time.minute} ${time.hour} * * *`, () => void runDue(), {
          timezone: channel.timeZone,
          name: `daily:${channel.platform}:${channel.workspaceExternalId}:${channel.externalId}`,
        }),
      );
    }
    jobs.push(makeJob(SWEEP, () => void runDue(), { timezone: 'UTC', name: 'sweep' }));
    log.info({ channels: channels.length }, 'daily jobs planned');
  }

  tutor.onScheduleChange(() => {
    if (started) void scheduler.refresh();
  });

  const scheduler: Scheduler = {
    async start() {
      started = true;
      await runDue();
      await plan();
    },
    async refresh() {
      try {
        await plan();
        await runDue();
      } catch (error) {
        log.error({ err: error }, 'refreshing the schedule failed');
      }
    },
    async stop() {
      started = false;
      await planning.catch(() => undefined);
      await Promise.all(jobs.map((job) => job.stop()));
      jobs = [];
      await (queued ?? active);
    },
    runDue,
  };
  return scheduler;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
