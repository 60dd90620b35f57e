/**
 * What the throughput and reload benchmarks share: a tutor on a database given by BENCH_DATABASE (a SQLite file,
 * or a `postgres://` URL; default a temp SQLite file), one Slack channel whose challenge
 * is posted, and an open-loop driver: answers arrive on a fixed schedule whatever the tutor's pace, and each
 * latency counts from the answer's scheduled arrival, so a stall shows in the tail instead of being waited out.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openServices, type Services } from '../src/app/services.js';
import { loadConfig } from '../src/config/config.js';
import { silentLogger } from '../src/domain/logger.js';
import type { PostedMessage } from '../src/tutor/api.js';
import { ManualClock } from '../src/tutor/clock.js';
import { manualScheduler } from '../tests/support/manual-scheduler.js';

export const WORKSPACE = 'T1';
export const CHANNEL = 'C1';
const NOW = '2026-03-02T09:30:00Z';

/** The database environment of the bench: BENCH_DATABASE as a URL (PostgreSQL) or a file, else a temp file. */
export function benchDatabaseEnv(): { env: Record<string, string>; label: string } {
  const given = process.env.BENCH_DATABASE;
  if (given?.startsWith('postgres')) return { env: { TUTOR_DATABASE_URL: given }, label: 'PostgreSQL' };
  return { env: given ? { TUTOR_DB: given } : temporarySqliteEnv(), label: 'SQLite' };
}

/** A SQLite file in a fresh temp folder. */
export function temporarySqliteEnv(): Record<string, string> {
  return { TUTOR_DB: path.join(mkdtempSync(path.join(os.tmpdir(), 'tutor-bench-')), 'tutor.db') };
}

export interface AnsweringTutor {
  readonly services: Services;
  readonly threadId: string;
  /** The model answer of the posted challenge (a pass: the most grading work). */
  readonly text: string;
  /** One answer by a learner never seen before (no attempt cap); resolves when it is recorded. */
  answer(): Promise<void>;
}

export async function answeringTutor(
  knowledgeDir: string,
  databaseEnv: Record<string, string>,
): Promise<AnsweringTutor> {
  const clock = new ManualClock(new Date(NOW));
  const config = loadConfig({ ...databaseEnv, TUTOR_KNOWLEDGE: knowledgeDir });
  const services = await openServices(config, { clock, logger: silentLogger });
  let posts = 0;
  services.outboxes.slack = {
    async postChallenge(): Promise<PostedMessage> {
      const id = `m${++posts}`;
      return { messageId: id, threadId: `thread-${id}` };
    },
    async postInThread() {},
    async sendPrivate() {},
  };
  const channel = await services.store.ensureChannel(
    { platform: 'slack', workspaceExternalId: WORKSPACE, externalId: CHANNEL },
    { scheduleTime: '09:00', timeZone: 'UTC' },
  );
  await manualScheduler(services, clock, silentLogger).runDue();
  const challenge = await services.store.dailyChallenge(channel.id, NOW.slice(0, 10));
  if (!challenge?.threadId) throw new Error('the bench challenge was not posted');
  const text = services.knowledge.current().challengeFor(challenge.topicId)?.modelAnswer ?? '';
  const threadId = challenge.threadId;
  const run = `${process.pid}-${Date.now()}`;
  let learners = 0;
  return {
    services,
    threadId,
    text,
    async answer() {
      const userId = `u${run}-${++learners}`;
      await services.tutor.handleThreadAnswer({
        actor: { platform: 'slack', workspaceId: WORKSPACE, userId, displayName: userId, locale: 'en', isAdmin: false },
        place: { platform: 'slack', workspaceId: WORKSPACE, channelId: CHANNEL, threadId },
        text,
        eventId: `ev-${userId}`,
      });
    },
  };
}

/**
 * Offers `answer` at `perSecond` until `until()` says stop (checked at each arrival), at least `minimum` answers;
 * resolves with each answer's latency from its scheduled arrival, in ms.
 */
export async function openLoop(
  perSecond: number,
  answer: () => Promise<void>,
  until: (elapsedMs: number) => boolean,
  minimum = 0,
): Promise<number[]> {
  const interval = 1000 / perSecond;
  const start = performance.now();
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  for (let n = 0; n < minimum || !until(n * interval); n++) {
    const due = start + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(answer().then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(pending);
  return latencies;
}
