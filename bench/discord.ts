/**
 * Event → reply latency on Discord, through the fake Discord on 127.0.0.1: a thread answer (MESSAGE_CREATE →
 * the public result posted in the thread) and `/topic` (INTERACTION_CREATE → the interaction callback), for the
 * tutor (real core on a temp SQLite file, real notes) and, on the same fake in the same run, for a bare discord.js
 * bot that only echoes. Each answer is a new learner's, with the day's model answer, so every tutor sample takes
 * the full path (grade, record, streak, points). Both bots are connected at once and take turns, one event each
 * (which goes first alternates every round), so load from elsewhere on the machine falls on both alike; after each reply SETTLE_MS lets the bot finish its tail (the tutor's reaction, each
 * bot's own message coming back over the gateway) so the next sample starts idle.
 * Like with like: each row times, on both sides, from the dispatch to the arrival at the fake of the same kind of
 * request (the message post in the thread; the interaction callback). The fake, both bots and this harness share
 * one thread, so the harness keeps its own work out of the window: it only looks at requests made after the
 * dispatch (scanning the whole request history took ~0.7 ms per /topic sample by the end of a run, on both sides).
 * 1,000 samples per row: the p99 is the 10th worst. Target: tutor p99 ≤ 1.5× echo p99.
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

const SAMPLES = 1000;
const WARMUP = 50;
const REST_OPTIONS = { globalRequestsPerSecond: 100_000 };
const TARGET_RATIO = 1.5;

const QUERIES = ['缓存', 'cache', 'k8s', '分布式', '一致性', 'message queue', '负载均衡', 'sharding', '限流', 'CAP'];
export interface Bot {
  readonly name: string;
  readonly session: string;
  readonly topic: number[];
  readonly thread: number[];
}

/** Lets a bot finish an event's tail (a reaction, its own echoed message) so the next sample starts idle. */
const SETTLE_MS = 5;

/**
 * Measures from dispatch to the first request `reply` recognises. Only requests after the dispatch are looked
 * at: scanning the whole history would put the harness's own work, growing with every sample, into the window.
 */
async function sample(fake: FakeDiscord, send: () => (r: RecordedRequest) => boolean): Promise<number> {
  const since = fake.mark();
  const start = performance.now();
  const reply = await fake.waitForRequest(send(), 10_000, since);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return reply.at - start;
}

/**
 * The two bots take turns, one event each, so that load from elsewhere on the machine falls on both alike;
 * the fake sends each event to the session whose turn it is.
 */
async function measureInTurn(
  fake: FakeDiscord,
  bots: readonly Bot[],
  members: readonly FakeMember[],
  threadId: string,
  answer: string,
) {
  const topic = (i: number) => () => {
    const sent = fake.slashCommand(members[i % members.length] as FakeMember, 'topic', [
      { name: 'query', type: OPTION_TYPE.string, value: QUERIES[i % QUERIES.length] as string },
    ]);
    const callback = `/interactions/${sent.id}/${sent.token}/callback`;
    return (r: RecordedRequest) => r.path === callback;
  };
  // Each learner answers once, with the day's model answer: every sample takes the full path (grade, record,
  // streak, points, reply).
  let learner = 0;
  const threadPosts = `/channels/${threadId}/messages`;
  const thread = () => () => {
    fake.userMessage(members[learner++] as FakeMember, threadId, answer);
    return (r: RecordedRequest) => r.method === 'POST' && r.path === threadPosts;
  };
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    for (const bot of i % 2 === 0 ? bots : [...bots].reverse()) {
      fake.routeDispatchesTo(bot.session);
      const topicMs = await sample(fake, topic(i));
      const threadMs = await sample(fake, thread());
      if (i >= WARMUP) {
        bot.topic.push(topicMs);
        bot.thread.push(threadMs);
      }
    }
  }
  fake.routeDispatchesTo(null);
}

/**
 * A bare echo bot; with `persist`, it first awaits that (one durable insert per event) and only then replies,
 * which makes it the floor for a bot that loses nothing.
 */
export async function startEchoBot(fake: FakeDiscord, persist?: (eventId: string) => Promise<void>): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    allowedMentions: { parse: [] },
    rest: { api: fake.apiBase, ...REST_OPTIONS },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) {
      void (async () => {
        await persist?.(interaction.id);
        await interaction.reply({
          content: interaction.options.getString('query') ?? 'echo',
          allowedMentions: { parse: [] },
        });
      })();
    }
  });
  client.on(Events.MessageCreate, (message) => {
    if (!message.author.bot && message.channel.isThread()) {
      const channel = message.channel;
      void (async () => {
        await persist?.(message.id);
        await channel.send({ content: message.content, allowedMentions: { parse: [] } });
      })();
    }
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  return client;
}

/** The core's own share of a call, to tell adapter overhead from core work. */
function timed<A extends unknown[], R>(into: number[], call: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    const start = performance.now();
    try {
      return await call(...args);
    } finally {
      into.push(performance.now() - start);
    }
  };
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

export interface EchoSpec {
  readonly name: string;
  readonly persist?: (eventId: string) => Promise<void>;
}

export interface DiscordComparison {
  readonly tutor: Bot;
  readonly echoes: readonly Bot[];
  readonly core: { readonly command: readonly number[]; readonly answer: readonly number[] };
}

/**
 * The tutor on `databaseEnv` (TUTOR_DB or TUTOR_DATABASE_URL) and one echo bot per spec, all on one fake, taking
 * turns (see measureInTurn).
 */
export async function compareOnDiscord(
  databaseEnv: Record<string, string>,
  specs: readonly EchoSpec[],
): Promise<DiscordComparison> {
  const fake = new FakeDiscord();
  const boss = fake.addMember('boss', { admin: true });
  const learners = Array.from({ length: (1 + specs.length) * (SAMPLES + WARMUP) }, (_, i) =>
    fake.addMember(`learner${i}`),
  );
  await fake.start();
  const config = loadConfig({
    ...databaseEnv,
    TUTOR_KNOWLEDGE: path.resolve('knowledge'),
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
  });
  const services = await openServices(config, { logger: silentLogger, cwd: process.cwd() });
  const core = { command: [] as number[], answer: [] as number[] };
  const adapter = createDiscordAdapter({
    token: fake.token,
    apiBase: fake.apiBase,
    tutor: {
      ...services.tutor,
      handleCommand: timed(core.command, services.tutor.handleCommand),
      handleThreadAnswer: timed(core.answer, services.tutor.handleThreadAnswer),
    },
    logger: silentLogger,
    restOptions: REST_OPTIONS,
  });
  services.outboxes.discord = adapter.outbox;
  const clients: Client[] = [];
  try {
    await adapter.start();
    await fake
      .slashCommand(boss, 'tutor', [{ name: 'post-now', type: OPTION_TYPE.subcommand, options: [] }])
      .callback();
    const threadPost = await fake.waitForRequest((r) => /^\/channels\/\d+\/messages\/\d+\/threads$/.test(r.path));
    const threadId = threadPost.path.split('/')[4] as string;
    // One at a time, so the gateway's identify order is the order of `specs`.
    for (const spec of specs) clients.push(await startEchoBot(fake, spec.persist));
    const sessions = fake.gatewayLog.filter((e) => e.op === 'identify').map((e) => e.session);
    const bots: Bot[] = ['tutor', ...specs.map((s) => s.name)].map((name, i) => ({
      name,
      session: sessions[i] as string,
      topic: [],
      thread: [],
    }));
    const [open] = await services.store.openChallenges();
    const answer = open && services.knowledge.current().challengeFor(open.topicId)?.modelAnswer;
    if (!answer) throw new Error('bench: the daily challenge was not posted');
    core.command.length = 0;
    core.answer.length = 0;
    await measureInTurn(fake, bots, learners, threadId, answer);
    return {
      tutor: bots[0] as Bot,
      echoes: bots.slice(1),
      core: { command: core.command.slice(-SAMPLES), answer: core.answer.slice(-SAMPLES) },
    };
  } finally {
    for (const client of clients) await client.destroy();
    await adapter.stop();
    await services.close();
    await fake.stop();
  }
}

export const suite: BenchSuite = {
  name: 'discord',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-bench-discord-'));
    try {
      const { tutor, echoes, core } = await compareOnDiscord({ TUTOR_DB: path.join(dir, 'tutor.db') }, [
        { name: 'echo' },
      ]);
      const echoBot = echoes[0] as Bot;
      return [
        ...rows('/topic (interaction → callback)', tutor.topic, echoBot.topic),
        ...rows('thread answer (message → reply)', tutor.thread, echoBot.thread),
        {
          figure: 'discord: time inside the core p50 / p99, /topic',
          value: `${formatMs(percentile(core.command, 50))} / ${formatMs(percentile(core.command, 99))}`,
          target: '—',
          met: null,
        },
        {
          figure: 'discord: time inside the core p50 / p99, thread answer',
          value: `${formatMs(percentile(core.answer, 50))} / ${formatMs(percentile(core.answer, 99))}`,
          target: '—',
          met: null,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
