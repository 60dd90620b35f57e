/**
 * Slack event → reply latency through the fake Slack, for the tutor (real core, SQLite, knowledge) and, in the
 * same run, for a bare Bolt app that only echoes: a thread answer (signed event in → chat.postEphemeral
 * received by the fake) and `/tutor topic` (signed command in → response_url received). Like with like: each
 * row times the same kind of request on both sides, from the moment the signed request is sent to the moment the
 * fake receives the reply (the ephemeral for an answer, the response_url post for a command).
 * Requests go one at a time, tutor and echo interleaved (which of the two goes first alternates every round), so
 * both see the same machine state. After every sample the app's own tail (for the tutor: the reaction and the
 * public line that follow the ephemeral, and their responses) is let finish for SETTLE_MS before the next request,
 * so no sample pays for the previous one. 1,000 samples per row: with fewer, the p99 (the 10th worst) swings
 * between runs. Target: tutor p99 ≤ 1.5× echo p99.
 * A learner's first answer costs the tutor one more round trip than the echo app (users.info, for the locale and
 * name of the reply); the second answer shows the cost without it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { openServices } from '../src/app/services.js';
import { loadConfig } from '../src/config/config.js';
import { silentLogger } from '../src/domain/logger.js';
import { createSlackAdapter } from '../src/platforms/slack/adapter.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { ManualClock } from '../src/tutor/clock.js';
import { startFakeSlack, type FakeSlack } from '../tests/fakes/slack/fake-slack.js';
import { eventCallback, SlackSender, slashCommandPayload, threadReplyEvent } from '../tests/fakes/slack/requests.js';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';

const SECRET = 'bench-signing-secret';
const CHANNEL = 'C0BENCH';
const WARMUP = 50;
const SAMPLES = 1000;
/** Lets an app finish an event's tail (see the top comment) so the next sample starts idle. */
const SETTLE_MS = 5;
const TARGET_RATIO = 1.5;

/**
 * The baseline: Bolt, the same receiver and client, and no work at all; with `persist`, one durable insert per
 * event, awaited before the reply (the floor for an app that loses nothing).
 */
export async function startEchoApp(
  apiUrl: string,
  persist?: (eventId: string) => Promise<void>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const app = new App({
    token: 'xoxb-echo',
    botId: 'B0ECHO',
    botUserId: 'U0ECHO',
    receiver: new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR }),
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/tutor', async ({ ack, respond, command }) => {
    await ack();
    await persist?.(`${command.trigger_id}`);
    await respond({ response_type: 'ephemeral', text: command.text });
  });
  app.event('message', async ({ event, body, client }) => {
    const message = event as { channel: string; user?: string; text?: string };
    if (!message.user) return;
    await persist?.(body.event_id);
    await client.chat.postEphemeral({ channel: message.channel, user: message.user, text: message.text ?? '' });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => void (await app.stop()),
  };
}

interface Target {
  readonly name: string;
  readonly sender: SlackSender;
  readonly thread: string;
}

async function timed(
  fake: FakeSlack,
  method: string,
  match: (args: Record<string, unknown>) => boolean,
  send: () => Promise<Response>,
): Promise<number> {
  const since = fake.mark();
  const start = performance.now();
  const response = await send();
  if (response.status !== 200) throw new Error(`bench: HTTP ${response.status}`);
  await response.arrayBuffer();
  const call = await fake.waitFor(method, match, since, 10_000);
  return call.at - start;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

export interface EchoSpec {
  readonly name: string;
  readonly persist?: (eventId: string) => Promise<void>;
}

export const KINDS = {
  first: 'Slack thread answer, first of a learner (users.info + grading) → chat.postEphemeral',
  again: 'Slack thread answer, same learner again (users.info cached) → chat.postEphemeral',
  topic: 'Slack /tutor topic → response_url',
} as const;
export type Kind = keyof typeof KINDS;

/**
 * The tutor on `databaseEnv` (TUTOR_DB or TUTOR_DATABASE_URL) and one echo app per spec, on one fake, taking
 * turns; returns each kind's samples by bot name ('tutor' and the specs' names).
 */
export async function compareOnSlack(
  databaseEnv: Record<string, string>,
  specs: readonly EchoSpec[],
): Promise<Record<Kind, Record<string, number[]>>> {
  const fake = await startFakeSlack();
  const clock = new ManualClock(new Date('2026-03-02T09:30:00Z'));
  const config = loadConfig({ ...databaseEnv, TUTOR_KNOWLEDGE: path.resolve('knowledge') });
  const services = await openServices(config, { clock, logger: silentLogger });
  const adapter = createSlackAdapter({
    botToken: 'xoxb-tutor',
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    tutor: services.tutor,
    logger: silentLogger,
    retryConfig: { retries: 0 },
    botId: 'B0BOT',
    botUserId: 'U0BOT',
  });
  services.outboxes.slack = adapter.outbox;
  await adapter.start();
  const echoes: { name: string; url: string; stop: () => Promise<void> }[] = [];
  try {
    for (const spec of specs) echoes.push({ name: spec.name, ...(await startEchoApp(fake.apiUrl, spec.persist)) });
    const tutorSender = new SlackSender(adapter.httpUrl()!, SECRET);
    // The tutor's channel gets today's challenge through the real scheduler; its ts is the thread.
    fake.setUser({ id: 'U0SETUP', name: 'Setup' });
    await tutorSender.command(
      slashCommandPayload({
        text: 'challenge',
        userId: 'U0SETUP',
        channelId: CHANNEL,
        teamId: fake.teamId,
        responseUrl: fake.responseUrl(),
      }),
    );
    await fake.waitFor('response_url');
    const scheduler = createScheduler({
      tutor: services.tutor,
      store: services.store,
      outboxes: services.outboxes,
      clock,
      logger: silentLogger,
      cron: () => ({ stop: () => {} }),
    });
    await scheduler.runDue(clock.now());
    const [open] = await services.store.openChallenges();
    if (!open?.threadId) throw new Error('bench: the daily challenge was not posted');
    const thread = open.threadId;
    const answer = services.knowledge.current().challengeFor(open.topicId)?.modelAnswer ?? 'cache';
    const targets: Target[] = [
      { name: 'tutor', sender: tutorSender, thread },
      ...echoes.map((e) => ({ name: e.name, sender: new SlackSender(e.url, SECRET), thread })),
    ];
    const empty = () => Object.fromEntries(targets.map((t) => [t.name, [] as number[]]));
    const samples: Record<Kind, Record<string, number[]>> = { first: empty(), again: empty(), topic: empty() };
    let n = 0;
    const answerOnce = async (target: Target, user: string): Promise<number> => {
      n += 1;
      const ts = `1700000300.${String(n).padStart(6, '0')}`;
      const reply = threadReplyEvent({
        channel: CHANNEL,
        user,
        text: answer,
        threadTs: target.thread,
        ts,
        teamId: fake.teamId,
      });
      const since = fake.mark();
      const ms = await timed(
        fake,
        'chat.postEphemeral',
        (a) => a.user === user,
        () => target.sender.event(eventCallback(fake.teamId, `EvBench${n}`, reply)),
      );
      // The tutor then reacts and posts its public line: let both finish so they do not slow the next sample.
      if (target.name === 'tutor') {
        await fake.waitFor('reactions.add', (a) => a.timestamp === ts, since, 10_000);
        await fake.waitFor('chat.postMessage', (a) => a.thread_ts === target.thread, since, 10_000);
      }
      await settle();
      return ms;
    };
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      for (const target of i % 2 === 0 ? targets : [...targets].reverse()) {
        // A new learner each round: the first answer is graded and stored in full, the second one too (best counts).
        const user = `U${target.name.replace(/\W/g, '').toUpperCase()}${i}`;
        fake.setUser({ id: user, name: `Learner ${i}` });
        const first = await answerOnce(target, user);
        const again = await answerOnce(target, user);
        const command = slashCommandPayload({
          text: 'topic 缓存',
          userId: 'U0SETUP',
          channelId: CHANNEL,
          teamId: fake.teamId,
          responseUrl: fake.responseUrl(),
        });
        const topic = await timed(
          fake,
          'response_url',
          () => true,
          () => target.sender.command(command),
        );
        await settle();
        if (i >= WARMUP) {
          samples.first[target.name]?.push(first);
          samples.again[target.name]?.push(again);
          samples.topic[target.name]?.push(topic);
        }
      }
    }
    return samples;
  } finally {
    for (const echo of echoes) await echo.stop();
    await adapter.stop();
    await fake.stop();
    await services.close();
  }
}

export const suite: BenchSuite = {
  name: 'slack',
  async run(): Promise<BenchRow[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-bench-slack-'));
    try {
      const samples = await compareOnSlack({ TUTOR_DB: path.join(dir, 'tutor.db') }, [{ name: 'echo' }]);
      return (Object.keys(KINDS) as Kind[]).flatMap((kind) => {
        const tutor = samples[kind].tutor ?? [];
        const base = samples[kind].echo ?? [];
        const ratio = percentile(tutor, 99) / percentile(base, 99);
        return [
          {
            figure: `${KINDS[kind]}, echo app p50 / p99`,
            value: `${formatMs(percentile(base, 50))} / ${formatMs(percentile(base, 99))}`,
            target: 'baseline',
            met: null,
          },
          {
            figure: `${KINDS[kind]}, tutor p50 / p99 (${SAMPLES} each)`,
            value: `${formatMs(percentile(tutor, 50))} / ${formatMs(percentile(tutor, 99))} (p99 ${ratio.toFixed(2)}× echo)`,
            target: `p99 ≤ ${TARGET_RATIO}× echo`,
            met: ratio <= TARGET_RATIO,
          },
        ];
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
