/**
 * The fan-out bench's fake Discord in a Node process of its own (`fanout-fake-process.ts`, forked here), on
 * 127.0.0.1 as before: its record of every request and message then stays out of the tutor's RSS, which the
 * bench measures. The parent drives it over the IPC channel: turn the rate limits on, then read the day's figures.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** What the bench asks of the fake's process. */
export const FakeCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('enforce-rate-limits') }),
  z.object({ kind: z.literal('report') }),
  z.object({ kind: z.literal('stop') }),
]);
export type FakeCommand = z.infer<typeof FakeCommand>;

const DailyChannel = z.object({ guildId: z.string(), channelId: z.string() });
export type DailyChannel = z.infer<typeof DailyChannel>;

/** What the fake's process answers. */
export const FakeReply = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), token: z.string(), apiBase: z.string(), channels: z.array(DailyChannel) }),
  z.object({ kind: z.literal('enforcing') }),
  z.object({
    kind: z.literal('report'),
    /** Requests since the rate limits went on that were not answered 429: the floor's numerator. */
    made: z.number(),
    rejected: z.object({ global: z.number(), route: z.number() }),
    /** Of the guilds' channels, how many hold exactly one message. */
    exactlyOne: z.number(),
    /** The fake's own RSS, in bytes, for context. */
    rss: z.number(),
  }),
]);
export type FakeReply = z.infer<typeof FakeReply>;

/** The fake's world: `guilds` guilds of `channelsPerGuild` text channels each. */
export const FakeWorld = z.object({ guilds: z.number().int().nonnegative(), channelsPerGuild: z.number().int() });
export type FakeWorld = z.infer<typeof FakeWorld>;

type Report = Extract<FakeReply, { kind: 'report' }>;

export interface FakeDiscordProcess {
  readonly token: string;
  readonly apiBase: string;
  readonly channels: readonly DailyChannel[];
  enforceRateLimits(): Promise<void>;
  report(): Promise<Report>;
  stop(): Promise<void>;
}

const PROCESS = fileURLToPath(new URL('./fanout-fake-process.ts', import.meta.url));

function nextReply<K extends FakeReply['kind']>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<FakeReply, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the fake Discord's process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (raw) => {
      child.off('exit', onExit);
      const reply = FakeReply.safeParse(raw);
      if (reply.success && reply.data.kind === kind) resolve(reply.data as Extract<FakeReply, { kind: K }>);
      else reject(new Error(`the fake Discord's process sent ${JSON.stringify(raw)} instead of ${kind}`));
    });
  });
}

function ask<K extends FakeReply['kind']>(child: ChildProcess, command: FakeCommand, kind: K) {
  const reply = nextReply(child, kind);
  child.send(command);
  return reply;
}

/** Forks the fake with its world built and listening; stdout is dropped (bench/run.ts reads rows there). */
export async function startFakeDiscordProcess(world: FakeWorld): Promise<FakeDiscordProcess> {
  const child = fork(PROCESS, [JSON.stringify(world)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let ready: Extract<FakeReply, { kind: 'ready' }>;
  try {
    ready = await nextReply(child, 'ready');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    token: ready.token,
    apiBase: ready.apiBase,
    channels: ready.channels,
    async enforceRateLimits() {
      await ask(child, { kind: 'enforce-rate-limits' }, 'enforcing');
    },
    report: () => ask(child, { kind: 'report' }, 'report'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ kind: 'stop' } satisfies FakeCommand);
      await exited;
    },
  };
}
