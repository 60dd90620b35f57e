/**
 * The thread answer's core path, call by call (`npx tsx bench/floor-profile.ts`): the tutor core on SQLite and on
 * PostgreSQL (the test server), each store call timed through a wrapper, each PostgreSQL statement (one network
 * round trip each) counted and timed, and grading timed alone. Answers are new learners' (the bench's "first")
 * and a learner's second answer ("again"), with the day's model answer, as in `npm run bench -- floor`.
 * It explains where the floor bench's time goes; it is not a benchmark with a target.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadKnowledgeBase } from '../src/challenges/knowledge-base.js';
import { silentLogger } from '../src/domain/logger.js';
import { openStore } from '../src/app/store-factory.js';
import type { Store } from '../src/store/types.js';
import type { Outbox } from '../src/tutor/api.js';
import { ManualClock } from '../src/tutor/clock.js';
import { createTutor } from '../src/tutor/tutor.js';
import { gradeReply } from '../src/tutor/use-cases/grade-topic.js';
import { findPostgresBinaries, startPostgresServer } from '../tests/support/postgres-cluster.js';
import { formatMs, percentile } from './table.js';

const ANSWERS = 300;
const WARMUP = 30;

type Samples = Map<string, number[]>;

function add(samples: Samples, key: string, ms: number) {
  const list = samples.get(key) ?? [];
  list.push(ms);
  samples.set(key, list);
}

/** Every store method timed under its name; nested calls are not expected on the answer path. */
function timedStore(store: Store, samples: { current: Samples | null }): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        } finally {
          if (samples.current) add(samples.current, `store.${name}`, performance.now() - start);
        }
      };
    },
  });
}

/** Each statement a pooled PostgreSQL client sends, by its first words. */
function tracePostgres(samples: { current: Samples | null }) {
  const original = pg.Client.prototype.query;
  const patched = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0];
    const text = typeof config === 'string' ? config : ((config as { text?: string }).text ?? '?');
    const label = `sql ${text.replace(/\s+/g, ' ').trim().slice(0, 70)}`;
    const start = performance.now();
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) {
      void result.then(
        () => samples.current && add(samples.current, label, performance.now() - start),
        () => undefined,
      );
    }
    return result;
  };
  pg.Client.prototype.query = patched as typeof original;
  return () => {
    pg.Client.prototype.query = original;
  };
}

const outbox: Outbox = {
  async postChallenge(channel) {
    return { messageId: `m-${channel.channelId}`, threadId: `t-${channel.channelId}` };
  },
  async postInThread() {},
  async sendPrivate() {},
};

/** Where the wrappers put their timings: the current sample's table, or nowhere (warm-up, set-up). */
const holder: { current: Samples | null } = { current: null };

async function profile(backend: string, store: Store) {
  const kb = await loadKnowledgeBase(path.resolve('knowledge'));
  const clock = new ManualClock(new Date('2026-03-02T09:30:00Z'));
  const config = {
    passMark: 60,
    maxAttempts: 3,
    rotationDays: 30,
    defaults: { scheduleTime: '09:00', timeZone: 'UTC' },
    admins: [],
  };
  const tutor = createTutor({
    store: timedStore(store, holder),
    knowledge: () => kb,
    clock,
    logger: silentLogger,
    config,
  });
  const channel = await store.ensureChannel(
    { platform: 'discord', workspaceExternalId: 'g1', externalId: 'c1' },
    config.defaults,
  );
  const posted = await tutor.postDailyChallenge(channel, outbox);
  if (posted.status !== 'posted') throw new Error(`bench: no challenge posted (${posted.status})`);
  const content = kb.challengeFor(posted.challenge.topicId)!;
  const place = { platform: 'discord' as const, workspaceId: 'g1', channelId: 'c1', threadId: 't-c1' };
  const actor = (i: number) => ({
    platform: 'discord' as const,
    workspaceId: 'g1',
    userId: `u${i}`,
    displayName: `learner ${i}`,
    locale: 'en' as const,
    isAdmin: false,
  });
  const kinds: Record<string, Samples> = { first: new Map(), again: new Map() };
  let event = 0;
  for (let i = 0; i < WARMUP + ANSWERS; i++) {
    for (const kind of ['first', 'again'] as const) {
      holder.current = i < WARMUP ? null : kinds[kind]!;
      const start = performance.now();
      const reply = await tutor.handleThreadAnswer({
        actor: actor(i),
        place,
        text: content.modelAnswer,
        eventId: `e${++event}`,
      });
      if (holder.current) add(holder.current, 'core total (handleThreadAnswer)', performance.now() - start);
      if (!reply?.attemptId) throw new Error('bench: an answer was not graded');
    }
  }
  holder.current = null;
  const grading: number[] = [];
  for (let i = 0; i < ANSWERS; i++) {
    const start = performance.now();
    gradeReply({ knowledge: () => kb, config }, content, content.modelAnswer);
    grading.push(performance.now() - start);
  }
  console.log(`\n## ${backend}: grading alone p50 ${formatMs(percentile(grading, 50))}`);
  for (const [kind, samples] of Object.entries(kinds)) {
    console.log(
      `### ${backend}, ${kind} answer of a learner (${ANSWERS} answers; per answer: calls × p50, sum of p50s)`,
    );
    for (const [label, values] of samples) {
      const calls = values.length / ANSWERS;
      const p50 = percentile(values, 50);
      console.log(`  ${calls.toFixed(1).padStart(4)} × ${formatMs(p50).padStart(9)}  ${label}`);
    }
  }
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-floor-profile-'));
  try {
    const store = await openStore({ kind: 'sqlite', file: path.join(dir, 'tutor.db') }, { logger: silentLogger });
    try {
      await profile('SQLite', store);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const binDir = findPostgresBinaries();
  if (binDir === null) return;
  const server = await startPostgresServer(binDir);
  try {
    const url = await server.createDatabase();
    const store = await openStore(
      { kind: 'postgres', url, poolSize: 10, statementTimeoutMs: 0 },
      { logger: silentLogger },
    );
    const untrace = tracePostgres(holder);
    try {
      await profile('PostgreSQL', store);
    } finally {
      untrace();
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

await main();
