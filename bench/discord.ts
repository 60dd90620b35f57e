/**
 * Event → reply latency on Discord, through the fake Discord on 127.0.0.1: a thread answer (MESSAGE_CREATE →
 * the public result posted in the thread) and `/topic` (INTERACTION_CREATE → the interaction callback), for the
 * tutor (real core on a temp SQLite file, real notes) and, on the same fake in the same run, for a bare discord.js
 * bot that only echoes. The bots run one after the other so neither steals the other's CPU.
 * discord.js paces REST at 50 requests/s; both bots raise that here, and only here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { openServices } from '../src/app/services.js';
import { loadConfig } from '../src/config/config.js';
import { silentLogger } from '../src/domain/logger.js';
import { createDiscordAdapter } from '../src/platforms/discord/adapter.js';
import {
  FakeDiscord,
  OPTION_TYPE,
  type FakeMember,
  type RecordedRequest,
} from '../tests/fakes/discord/fake-discord.js';
import { formatMs, percentile, type BenchRow, type BenchSuite } from './table.js';

const SAMPLES = 300;
const WARMUP = 30;
const REST_OPTIONS = { globalRequestsPerSecond: 100_000 };
const TARGET_RATIO = 1.5;

const QUERIES = ['缓存', 'cache', 'k8s', '分布式', '一致性', 'message queue', '负载均衡', 'sharding', '限流', 'CAP'];
const ANSWER =
  'The pain point is that every read goes to the database and it becomes slow under load; the fix is a cache in front of it with expiry, so that hot keys are served from memory.';

interface Latencies {
  readonly topic: number[];
  readonly thread: number[];
}

/** Sends `count` events one at a time and measures from dispatch to the first request `reply` recognises. */
async function measure(
  fake: FakeDiscord,
  count: number,
  send: (i: number) => (r: RecordedRequest) => boolean,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const reply = await fake.waitForRequest(send(i), 10_000);
    samples.push(reply.at - start);
  }
  return samples;
}

async function run(fake: FakeDiscord, members: readonly FakeMember[], threadId: string): Promise<Latencies> {
  const topic = (i: number) => {
    const sent = fake.slashCommand(members[i % members.length] as FakeMember, 'topic', [
      { name: 'query', type: OPTION_TYPE.string, value: QUERIES[i % QUERIES.length] as string },
    ]);
    return (r: RecordedRequest) => r.path === `/interactions/${sent.id}/${sent.token}/callback`;
  };
  const thread = (i: number) => {
    const since = performance.now();
    fake.userMessage(members[i] as FakeMember, threadId, ANSWER);
    return (r: RecordedRequest) => r.at >= since && r.method === 'POST' && r.path === `/channels/${threadId}/messages`;
  };
  await measure(fake, WARMUP, topic);
  const topicSamples = await measure(fake, SAMPLES, topic);
  // Each learner answers once: every sample takes the full path (grade, record, streak, reply).
  await measure(fake, WARMUP, thread);
  const threadSamples = await measure(fake, SAMPLES, (i) => thread(WARMUP + i));
  return { topic: topicSamples, thread: threadSamples };
}

async function echoBot(fake: FakeDiscord, members: readonly FakeMember[], threadId: string): Promise<Latencies> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    allowedMentions: { parse: [] },
    rest: { api: fake.apiBase, ...REST_OPTIONS },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand())
      void interaction.reply({ content: interaction.options.getString('query') ?? 'echo' });
  });
  client.on(Events.MessageCreate, (message) => {
    if (!message.author.bot && message.channel.isThread()) void message.channel.send({ content: message.content });
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  try {
    return await run(fake, members, threadId);
  } finally {
    await client.destroy();
  }
}

function rows(name: string, tutor: readonly number[], echo: readonly number[]): BenchRow[] {
  const p99 = percentile(tutor, 99);
  const echoP99 = percentile(echo, 99);
  const ratio = p99 / echoP99;
  return [
    {
      figure: `discord ${name}: p50 tutor / echo`,
      value: `${formatMs(percentile(tutor, 50))} / ${formatMs(percentile(echo, 50))}`,
      target: '—',
      met: null,
    },
    {
      figure: `discord ${name}: p99 tutor / echo`,
      value: `${formatMs(p99)} / ${formatMs(echoP99)} (${ratio.toFixed(2)}×)`,
      target: `tutor ≤ ${TARGET_RATIO}× echo`,
      met: ratio <= TARGET_RATIO,
    },
  ];
}

export const suite: BenchSuite = {
  name: 'discord',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-bench-discord-'));
    const fake = new FakeDiscord();
    const boss = fake.addMember('boss', { admin: true });
    const learners = Array.from({ length: 2 * (SAMPLES + WARMUP) }, (_, i) => fake.addMember(`learner${i}`));
    await fake.start();
    const config = loadConfig({
      TUTOR_DB: path.join(dir, 'tutor.db'),
      TUTOR_KNOWLEDGE: path.resolve('knowledge'),
      DISCORD_TOKEN: fake.token,
      DISCORD_API_BASE: fake.apiBase,
    });
    const services = await openServices(config, { logger: silentLogger, cwd: process.cwd() });
    const adapter = createDiscordAdapter({
      token: fake.token,
      apiBase: fake.apiBase,
      tutor: services.tutor,
      logger: silentLogger,
      restOptions: REST_OPTIONS,
    });
    services.outboxes.discord = adapter.outbox;
    try {
      await adapter.start();
      await fake
        .slashCommand(boss, 'tutor', [{ name: 'post-now', type: OPTION_TYPE.subcommand, options: [] }])
        .callback();
      const threadPost = await fake.waitForRequest((r) => /^\/channels\/\d+\/messages\/\d+\/threads$/.test(r.path));
      const threadId = threadPost.path.split('/')[4] as string;
      const tutor = await run(fake, learners.slice(0, SAMPLES + WARMUP), threadId);
      await adapter.stop();
      const echo = await echoBot(fake, learners.slice(SAMPLES + WARMUP), threadId);
      return [
        ...rows('/topic (interaction → callback)', tutor.topic, echo.topic),
        ...rows('thread answer (message → reply)', tutor.thread, echo.thread),
      ];
    } finally {
      if (adapter.connectionState() !== 'stopped') await adapter.stop();
      await services.close();
      await fake.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
