/**
 * What every use case and command handler of the core works with: the injected dependencies, the settings,
 * and the few helpers that resolve a platform's place and actor into store records. Built once by
 * `createTutor`; handlers receive it rather than closing over a 700-line function.
 */
import type { Logger } from '../domain/logger.js';
import type { Locale, Platform } from '../domain/vocabulary.js';
import type { KnowledgeBase } from '../challenges/types.js';
import type { ChannelRecord, Store, UserRef } from '../store/types.js';
import type { Actor, Outbox, Place } from './api.js';
import type { Clock } from './clock.js';
import type { DailyChallenges } from './daily.js';
import type { DayOf } from './day-memo.js';

export type ReloadOutcome = { ok: true; warnings: number } | { ok: false; error: string };

export interface TutorSettings {
  readonly passMark: number;
  readonly maxAttempts: number;
  readonly rotationDays: number;
  readonly defaults: { readonly scheduleTime: string; readonly timeZone: string };
  /** Platform user ids or display names allowed to run admin commands anywhere. */
  readonly admins: readonly string[];
  /** Language of channel-wide posts (daily challenge, reveal); replies follow each user's locale. */
  readonly locale?: Locale;
  /** Waits between retries of a failed daily post or reveal (default 1 s, 4 s, 15 s). */
  readonly retryDelaysMs?: readonly number[];
}

export interface TutorDeps {
  readonly store: Store;
  /** The current knowledge base: a reload swaps what this returns. */
  readonly knowledge: () => KnowledgeBase;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: TutorSettings;
  /** Outboxes of the running platforms, read when `post-now` needs one (adapters register after the tutor exists). */
  readonly outboxes?: Partial<Record<Platform, Outbox>>;
  /** The `reload` admin command. */
  readonly reload?: () => Promise<ReloadOutcome>;
  /** Learners with each topic due for review in a channel, for adaptive picks (absent: misses only). */
  readonly dueLearnersByTopic?: (channelId: number, now: Date) => Promise<ReadonlyMap<string, number>>;
}

export interface Core extends TutorDeps {
  readonly dayOf: DayOf;
  readonly daily: DailyChallenges;
  /** Tells the scheduler a channel's schedule changed (`schedule`, `pause`, `resume`). */
  scheduleChanged(channel: ChannelRecord): void;
}

export function userRef(actor: Actor): UserRef {
  return {
    platform: actor.platform,
    workspaceExternalId: actor.workspaceId,
    externalId: actor.userId,
    displayName: actor.displayName,
  };
}

/** The channel's record, registered with the default schedule the first time the channel is seen. */
export async function channelOf(core: Core, place: Place): Promise<ChannelRecord> {
  const found = await core.store.findChannel(place.platform, place.workspaceId, place.channelId);
  if (found) return found;
  return core.store.ensureChannel(
    {
      platform: place.platform,
      workspaceExternalId: place.workspaceId,
      externalId: place.channelId,
      ...(place.channelName ? { name: place.channelName } : {}),
    },
    core.config.defaults,
  );
}

/** The zone "today" is read in: the channel's when registered, else the default (no write needed). */
export async function zoneOf(core: Core, place: Place): Promise<string> {
  const found = await core.store.findChannel(place.platform, place.workspaceId, place.channelId).catch(() => null);
  return found?.timeZone ?? core.config.defaults.timeZone;
}

/** Writes that name a user need the workspace row; a user may join a team before any channel is seen. */
export async function ensureWorkspace(core: Core, actor: Actor): Promise<void> {
  await core.store.ensureWorkspace(actor.platform, actor.workspaceId, { timeZone: core.config.defaults.timeZone });
}

/** A platform group (a Discord role mapped to a team) places a team-less user in it. */
export async function syncPlatformTeam(core: Core, actor: Actor): Promise<void> {
  const first = actor.platformTeams?.[0];
  if (!first) return;
  if ((await core.store.teamOf(userRef(actor))) !== null) return;
  await ensureWorkspace(core, actor);
  await core.store.joinTeam(userRef(actor), first);
}

/** The adapter's verdict (Discord Manage Server, Slack admin, the console) or the configured admin list. */
export function isAdmin(core: Core, actor: Actor): boolean {
  const admins = core.config.admins;
  return actor.isAdmin || admins.includes(actor.userId) || admins.includes(actor.displayName);
}

export function placeLogger(core: Core, place: Place, actor?: Actor): Logger {
  return core.logger.child({
    platform: place.platform,
    workspaceId: place.workspaceId,
    channelId: place.channelId,
    ...(actor ? { userId: actor.userId } : {}),
  });
}
