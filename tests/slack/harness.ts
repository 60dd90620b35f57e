/**
 * The real tutor (SQLite on a temp file, the notes in ./knowledge, the real scheduler driven by `runDue`) behind
 * the real Bolt app, talking to the fake Slack on 127.0.0.1. Only the network edge is fake.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openServices, type Services } from '../../src/app/services.js';
import { loadConfig } from '../../src/config/config.js';
import type { HttpRoute } from '../../src/platforms/contract.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/platforms/slack/adapter.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { startFakeSlack, type FakeSlack, type FakeUser } from '../fakes/slack/fake-slack.js';
import { SlackSender, slashCommandPayload } from '../fakes/slack/requests.js';
import { manualScheduler } from '../support/manual-scheduler.js';
import { recordingApi, type ApiCall } from '../support/recording-api.js';
import { recordingLogger, type LogLine } from '../support/recording-logger.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const CHANNEL = 'C0DAILY';

export interface HarnessOptions {
  readonly socketMode?: boolean;
  readonly users?: readonly FakeUser[];
  readonly admins?: readonly string[];
  readonly customRoutes?: readonly HttpRoute[];
  /** Start of the manual clock (default: 09:30 UTC, after the default 09:00 daily time). */
  readonly now?: string;
}

export interface SlackHarness {
  readonly fake: FakeSlack;
  readonly adapter: SlackAdapter;
  readonly services: Services;
  readonly scheduler: Scheduler;
  readonly clock: ManualClock;
  readonly logs: LogLine[];
  /** Every TutorApi call the adapter made, in order. */
  readonly apiCalls: ApiCall[];
  /** HTTP mode only. */
  readonly sender: SlackSender;
  /**
   * `/tutor <text>` from `userId` in the daily channel, over HTTP or as a Socket Mode envelope, once acknowledged.
   * Resolves with the command's own response_url path: its replies are the `response_url` calls on that path.
   */
  command(text: string, userId: string, channelId?: string): Promise<string>;
  close(): Promise<void>;
}

export const USERS: readonly FakeUser[] = [
  { id: 'U0ADA', name: 'Ada', locale: 'en-US' },
  { id: 'U0LIN', name: 'Lin', locale: 'zh-CN' },
  { id: 'U0BOSS', name: 'Boss', isAdmin: true },
  { id: 'U0OWNER', name: 'Owner', isOwner: true },
  { id: 'U0LISTED', name: 'Listed' },
];

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-slack-'));
  const { logger, lines: logs } = recordingLogger();
  const clock = new ManualClock(new Date(options.now ?? '2026-03-02T09:30:00Z'));
  const fake = await startFakeSlack({ users: options.users ?? USERS });
  const config = loadConfig({
    TUTOR_DB: path.join(dir, 'tutor.db'),
    TUTOR_KNOWLEDGE: path.resolve('knowledge'),
    TUTOR_ADMINS: (options.admins ?? ['U0LISTED']).join(','),
  });
  const services = await openServices(config, { clock, logger });
  const recorded = recordingApi(services.tutor);
  const adapter = createSlackAdapter({
    botToken: 'xoxb-test',
    signingSecret: SIGNING_SECRET,
    appToken: options.socketMode ? 'xapp-test' : undefined,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    tutor: recorded.api,
    logger,
    admins: config.admins,
    retryConfig: { retries: 0 },
    customRoutes: options.customRoutes,
  });
  // No cron: the tests call runDue(now) so that nothing fires on its own.
  const scheduler = manualScheduler(services, clock, logger);
  services.outboxes.slack = adapter.outbox;
  await adapter.start();
  if (options.socketMode) await fake.waitForSocket();
  const sender = new SlackSender(adapter.httpUrl() ?? 'http://127.0.0.1:1', SIGNING_SECRET);

  return {
    fake,
    adapter,
    services,
    scheduler,
    clock,
    logs,
    apiCalls: recorded.calls,
    sender,
    async command(text, userId, channelId = CHANNEL) {
      const responseUrl = fake.responseUrl();
      const payload = slashCommandPayload({
        text,
        userId,
        channelId,
        teamId: fake.teamId,
        responseUrl,
        channelName: 'daily',
      });
      if (options.socketMode) {
        await fake.sendEnvelope('slash_commands', payload);
      } else {
        const response = await sender.command(payload);
        if (response.status !== 200) throw new Error(`/tutor ${text}: HTTP ${response.status}`);
      }
      return new URL(responseUrl).pathname;
    },
    async close() {
      await adapter.stop();
      await fake.stop();
      await services.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Everything the bot sent to Slack, as one string: for "nothing can ping" assertions. */
export function everythingSent(fake: FakeSlack): string {
  return fake.calls
    .filter((c) =>
      ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'views.publish', 'response_url'].includes(c.method),
    )
    .map((c) => JSON.stringify(c.args))
    .join('\n');
}

/** The visible text of a recorded message: fallback text plus every block's text. */
/** What `/tutor <text>` answered on its own response_url. */
export interface CommandReplies {
  /** `ephemeral` or `in_channel`, of each message. */
  readonly types: string[];
  /** The visible text of every message. */
  readonly text: string;
}

/** `/tutor <text>` from `userId`, and its replies on its own response_url once `count` of them have arrived. */
export async function commandReplies(
  h: SlackHarness,
  text: string,
  userId = 'U0ADA',
  count = 1,
): Promise<CommandReplies> {
  const path = await h.command(text, userId);
  const mine = (c: { method: string; path: string }) => c.method === 'response_url' && c.path === path;
  await h.fake.waitFor('response_url', (_, call) => mine(call) && h.fake.calls.filter(mine).length >= count);
  const replies = h.fake.calls.filter(mine);
  return {
    types: replies.map((r) => String(r.args.response_type)),
    text: replies.map((r) => visibleText(r.args)).join('\n'),
  };
}

export function visibleText(args: Record<string, unknown>): string {
  return JSON.stringify([args.text, args.blocks ?? (args.view as { blocks?: unknown } | undefined)?.blocks]);
}
