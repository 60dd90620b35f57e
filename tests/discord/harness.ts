/**
 * The real tutor (SQLite on a temp file, the notes in ./knowledge, the real scheduler driven by `runDue`) behind
 * the real discord.js client, talking to the fake Discord on 127.0.0.1. Only the network edge is fake.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openServices, type Services } from '../../src/app/services.js';
import { loadConfig } from '../../src/config/config.js';
import { dayInZone } from '../../src/domain/calendar.js';
import type { Challenge } from '../../src/grading/types.js';
import { createDiscordAdapter } from '../../src/platforms/discord/adapter.js';
import type { PlatformAdapter } from '../../src/platforms/contract.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import type { TutorApi } from '../../src/tutor/api.js';
import { ManualClock } from '../../src/tutor/clock.js';
import {
  FakeDiscord,
  MESSAGE_CONTENT_INTENT,
  OPTION_TYPE,
  type ApiOption,
  type FakeMember,
  type RecordedRequest,
} from '../fakes/discord/fake-discord.js';
import { recordingApi, type ApiCall } from '../support/recording-api.js';
import { recordingLogger, type LogLine } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';
import { manualScheduler } from '../support/manual-scheduler.js';

export { OPTION_TYPE };

export interface DiscordHarness {
  readonly fake: FakeDiscord;
  readonly adapter: PlatformAdapter;
  readonly services: Services;
  readonly scheduler: Scheduler;
  readonly clock: ManualClock;
  readonly logs: LogLine[];
  /** Every TutorApi call the adapter made, in order. */
  readonly apiCalls: ApiCall[];
  readonly members: {
    readonly ada: FakeMember;
    readonly bob: FakeMember;
    readonly boss: FakeMember;
    readonly lin: FakeMember;
  };
  /** Sends a slash command and resolves with the interaction's callback request. */
  command(member: FakeMember, name: string, options?: readonly ApiOption[], locale?: string): Promise<RecordedRequest>;
  /** Today's challenge in the fake's text channel, as the core grades it. */
  challenge(): Promise<Challenge>;
  /** The daily post: `/tutor post-now` by the admin, then the challenge message and its thread. */
  postDaily(): Promise<{ messageId: string; threadId: string }>;
  close(): Promise<void>;
}

/** A reply naming every pain concept, then every fix concept, in connected sentences. */
export function goodAnswer(challenge: Challenge): string {
  const names = (group: Challenge['pain']) => group.map((c) => c.label).join(' and ');
  return `The pain point is ${names(challenge.pain)}, which hurts because it gets worse as the system grows. The fix is ${names(challenge.fix)}, so that the problem goes away.`;
}

export const str = (name: string, value: string): ApiOption => ({ name, type: OPTION_TYPE.string, value });
export const sub = (name: string, options: readonly ApiOption[] = []): ApiOption => ({
  name,
  type: OPTION_TYPE.subcommand,
  options,
});

export interface HarnessOptions {
  /** Start of the manual clock (default: 09:30 UTC on a Monday, after the default 09:00 daily time). */
  readonly now?: string;
  readonly deferAfterMs?: number;
  /** DISCORD_APP_ID as configured (default: the fake's, i.e. correct). */
  readonly appId?: string;
  /** An app whose privileged Message Content intent is not enabled in the Developer Portal. */
  readonly withoutMessageContent?: boolean;
  /** Adjusts what the adapter sees of the real core (e.g. a core that gives no attempt ids). */
  readonly adaptTutor?: (tutor: TutorApi) => TutorApi;
}

export async function startDiscordHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-discord-'));
  const { logger, lines: logs } = recordingLogger();
  const fake = new FakeDiscord();
  const owls = fake.addRole('Owls');
  const members = {
    ada: fake.addMember('ada'),
    bob: fake.addMember('bob'),
    boss: fake.addMember('boss', { admin: true }),
    lin: fake.addMember('lin', { roles: [owls.id] }),
  };
  if (options.withoutMessageContent) fake.allowedIntents &= ~MESSAGE_CONTENT_INTENT;
  await fake.start();
  const config = loadConfig({
    TUTOR_DB: path.join(dir, 'tutor.db'),
    TUTOR_KNOWLEDGE: path.resolve('knowledge'),
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
  });
  const clock = new ManualClock(new Date(options.now ?? '2026-03-02T09:30:00Z'));
  const services = await openServices(config, { clock, logger, cwd: process.cwd() });
  const recorded = recordingApi(options.adaptTutor ? options.adaptTutor(services.tutor) : services.tutor);
  const adapter = createDiscordAdapter({
    token: fake.token,
    appId: options.appId ?? fake.appId,
    apiBase: fake.apiBase,
    tutor: recorded.api,
    logger,
    teamRoles: { Owls: 'owls' },
    deferAfterMs: options.deferAfterMs,
  });
  services.outboxes.discord = adapter.outbox;
  const scheduler = manualScheduler(services, clock, logger);
  await adapter.start();

  const todayRecord = async () => {
    const channel = await services.store.findChannel('discord', fake.guildId, fake.textChannelId);
    return channel ? services.store.dailyChallenge(channel.id, dayInZone(clock.now(), channel.timeZone)) : null;
  };
  const command: DiscordHarness['command'] = (member, name, opts = [], locale) =>
    fake.slashCommand(member, name, opts, { locale }).callback();

  return {
    fake,
    adapter,
    services,
    scheduler,
    clock,
    logs,
    apiCalls: recorded.calls,
    members,
    command,
    async challenge() {
      const record = await todayRecord();
      const challenge = record ? services.knowledge.current().challengeFor(record.topicId) : null;
      if (!challenge) throw new Error('no challenge posted today in the text channel');
      return challenge;
    },
    async postDaily() {
      await command(members.boss, 'tutor', [sub('post-now')]);
      // Answers count once the core has recorded the thread, which happens when Discord's response reaches it.
      let posted: { messageId: string; threadId: string } | undefined;
      await waitFor(
        'the daily challenge to be posted',
        async () => {
          const record = await todayRecord();
          if (record?.threadId && record.messageId) posted = { messageId: record.messageId, threadId: record.threadId };
          return posted !== undefined;
        },
        5_000,
      );
      return posted!;
    },
    async close() {
      await scheduler.stop();
      await adapter.stop();
      await services.close();
      await fake.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
