/**
 * `tutor start` with TUTOR_PROCESSES=3 against the fake Slack: three node:cluster workers behind one PORT on one
 * database. Their schedulers split the channels and post each channel's challenge once; then 10,000 thread answers
 * (with 1,000 of them delivered again as Slack retries, some while the first delivery is still in flight) reach
 * whichever worker the primary hands the connection to. After a graceful stop (every in-flight answer finishes)
 * each answer is recorded exactly once, and the week's leaderboard equals a recomputation from the attempt rows.
 */
import { describe, expect, it } from 'vitest';
import { postgresBinariesOrSkip, usePostgresServer } from '../support/postgres-server.js';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { pointsForDay } from '../../src/domain/points.js';
import { startFakeSlack } from '../fakes/slack/fake-slack.js';
import { eventCallback, SlackSender, threadReplyEvent } from '../fakes/slack/requests.js';
import { freePort } from '../support/free-port.js';
import {
  KNOWLEDGE,
  logged,
  spawnTutor,
  postgresDatabase,
  stopGracefully,
  waitFor,
  type TestDatabase,
} from './harness.js';

const PROCESSES = 3;
const CHANNELS = 6;
/** 5,000 learners × 2 answers: 10,000 answers across the three processes. */
const USERS = 5_000;
const ANSWERS_PER_USER = 2;
const RETRY_EVERY = 10;
const IN_FLIGHT = 24;
const SECRET = 'multiproc-signing-secret';
const PASS_MARK = 60;

/** A zone where the day is well under way now, so the channels' 00:00 post is due and the day stays open. */
function openDayZone(now: Date): string {
  const hour = now.getUTCHours();
  return hour >= 1 && hour <= 21 ? 'UTC' : 'Etc/GMT+6';
}

async function postedThreads(
  db: TestDatabase,
  day: string,
): Promise<Map<string, { threadId: string; topicId: string }>> {
  const store = await db.open();
  try {
    const threads = new Map<string, { threadId: string; topicId: string }>();
    for (const channel of await store.listChannels()) {
      const challenge = await store.dailyChallenge(channel.id, day);
      if (challenge?.threadId)
        threads.set(channel.externalId, { threadId: challenge.threadId, topicId: challenge.topicId });
    }
    return threads;
  } finally {
    await store.close();
  }
}

/** Runs `work` over `items`, `limit` at a time. */
async function limited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const binDir = postgresBinariesOrSkip();

describe.skipIf(binDir === null)('three Slack HTTP processes behind one port on one PostgreSQL database', () => {
  const server = usePostgresServer(binDir);

  it('record each answer once through retries, and the leaderboard matches the attempts', async () => {
    const db = postgresDatabase(await server().createDatabase());
    const users = Array.from({ length: USERS }, (_, i) => ({ id: `U${String(i).padStart(5, '0')}` }));
    const fake = await startFakeSlack({ users: users.map((u) => ({ id: u.id, name: u.id })) });
    const zone = openDayZone(new Date());
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    const channels = Array.from({ length: CHANNELS }, (_, i) => `C0DAILY${i}`);
    const store = await db.open();
    await store.ensureWorkspace('slack', fake.teamId, { timeZone: zone });
    for (const externalId of channels) {
      await store.ensureChannel(
        { platform: 'slack', workspaceExternalId: fake.teamId, externalId },
        { scheduleTime: '00:00', timeZone: zone },
      );
    }
    await store.close();

    const port = await freePort();
    const tutor = spawnTutor('bin/tutor.js', ['start'], {
      ...db.env,
      TUTOR_KNOWLEDGE: KNOWLEDGE,
      TUTOR_PASS_MARK: String(PASS_MARK),
      TUTOR_PROCESSES: String(PROCESSES),
      SLACK_BOT_TOKEN: 'xoxb-multiproc',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
    });
    try {
      // Each worker logs once it serves; together they posted every channel's challenge exactly once.
      await logged(tutor, 'tutor started', 90_000, PROCESSES);
      const threads = await postedThreads(db, day);
      expect([...threads.keys()].sort()).toEqual([...channels].sort());
      expect(fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === undefined)).toHaveLength(CHANNELS);

      const knowledge = await loadKnowledgeBase(KNOWLEDGE);
      const modelAnswer = (topicId: string) => knowledge.challengeFor(topicId)?.modelAnswer ?? 'no idea';
      const sender = new SlackSender(`http://127.0.0.1:${port}`, SECRET);
      const deliveries: { eventId: string; payload: Record<string, unknown>; retry: boolean }[] = [];
      for (let n = 0; n < USERS * ANSWERS_PER_USER; n++) {
        const user = users[n % USERS]!.id;
        const channel = channels[n % CHANNELS]!;
        const thread = threads.get(channel)!;
        // The model answer, a half answer or nothing: scores spread across the board.
        const text = [modelAnswer(thread.topicId), modelAnswer(thread.topicId).slice(0, 40), 'no idea, sorry'][n % 3]!;
        const ts = `1800000000.${String(n).padStart(6, '0')}`;
        const event = threadReplyEvent({ channel, user, text, threadTs: thread.threadId, ts, teamId: fake.teamId });
        const delivery = { eventId: `Ev${n}`, payload: eventCallback(fake.teamId, `Ev${n}`, event), retry: false };
        deliveries.push(delivery);
        if (n % RETRY_EVERY === 0) deliveries.push({ ...delivery, retry: true });
      }
      const statuses = new Map<number, number>();
      const started = performance.now();
      await limited(deliveries, IN_FLIGHT, async ({ payload, retry }) => {
        const response = await sender.event(payload, retry ? { retryNum: 1 } : {});
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      });
      const seconds = (performance.now() - started) / 1000;
      expect([...statuses.keys()]).toEqual([200]);

      const expected = USERS * ANSWERS_PER_USER;
      let recorded = 0;
      // Slack is answered before the work is done: on a busy machine the processes work through a backlog here.
      await waitFor(
        'every answer recorded',
        async () => (recorded = (await db.attemptRows()).length) >= expected,
        360_000,
        1_000,
      ).catch((error: Error) => {
        const problems = tutor
          .stderr()
          .split('\n')
          .filter((line) => /"level":"(warn|error|fatal)"/.test(line));
        throw new Error(`${error.message}: ${recorded} of ${expected}\n${problems.slice(-15).join('\n')}`);
      });
      // Slack's events are acknowledged before they are handled: let the processes finish the retries they were
      // handed (their logs go quiet) before asking for a graceful stop.
      let logSize = -1;
      await waitFor(
        'the processes go quiet',
        async () => {
          const size = tutor.stderr().length;
          const quiet = size === logSize;
          logSize = size;
          return quiet;
        },
        240_000,
        2_000,
      );
      const code = await stopGracefully(tutor);
      expect(code, tutor.stderr().slice(-4000)).toBe(0);

      const rows = await db.attemptRows();
      expect(rows).toHaveLength(expected);
      const perUser = new Map<string, number>();
      for (const row of rows) perUser.set(row.user, (perUser.get(row.user) ?? 0) + 1);
      expect(perUser.size).toBe(USERS);
      expect([...perUser.values()].every((n) => n === ANSWERS_PER_USER)).toBe(true);

      // Leaderboard vs attempts: one challenge day, so a learner's points are their best's points on streak day 1.
      const best = new Map<string, number>();
      for (const row of rows) {
        const key = `${row.user}/${row.challengeId}`;
        best.set(key, Math.max(best.get(key) ?? 0, row.score));
      }
      const recomputed = new Map<string, number>();
      for (const [key, score] of best) {
        const user = key.split('/')[0]!;
        const points = pointsForDay({ bestScore: score, passed: score >= PASS_MARK, streak: 1 });
        recomputed.set(user, (recomputed.get(user) ?? 0) + points);
      }
      const reader = await db.open();
      const board = await reader.leaderboard({
        workspace: { platform: 'slack', externalId: fake.teamId },
        period: 'week',
        today: day,
        by: 'points',
        teams: false,
        limit: USERS * 2,
      });
      await reader.close();
      const onBoard = new Map(board.filter((e) => e.points > 0).map((e) => [e.name, e.points]));
      const earned = new Map([...recomputed].filter(([, points]) => points > 0));
      expect(earned.size).toBeGreaterThan(USERS / 2);
      expect(onBoard).toEqual(earned);
      console.info(
        `${PROCESSES} processes: ${deliveries.length} deliveries (${deliveries.length - expected} retries) in ` +
          `${seconds.toFixed(1)} s (${Math.round(deliveries.length / seconds)}/s); ${rows.length} attempts; ` +
          `${onBoard.size} learners on the board`,
      );
    } finally {
      if (tutor.child.exitCode === null) tutor.child.kill('SIGKILL');
      await fake.stop();
    }
  }, 540_000);
});
