/**
 * The daily challenge's life: claim the channel-day, post it, and close it with the reveal.
 *
 * The store's unique (channel, day) claim is what guarantees one post per channel-day across restarts
 * and processes: the caller whose claim created the row posts (retrying a few times with backoff). A claim
 * left unposted (the post kept failing, or the process died between claim and post) may be retried by any
 * process once the claim is `POST_LEASE_MS` old, and then by one process per lease slot: the slot is won
 * through the store's event-id claim, which is atomic across processes sharing the database.
 */
import { dayEnd, dayInZone, localTimeToInstant } from '../domain/calendar.js';
import type { Logger } from '../domain/logger.js';
import type { Locale } from '../domain/vocabulary.js';
import { daysSinceFailure, pickAdaptiveTopic, topicNeeds, type TopicNeed } from '../domain/adaptive.js';
import { addDays } from '../domain/calendar.js';
import { pickDailyTopic, type TopicCandidate } from '../domain/rotation.js';
import { normalizeForIndex } from '../text/tokenize.js';
import type { KnowledgeBase } from '../challenges/types.js';
import type { ChannelRecord, DailyChallengeRecord, Store } from '../store/types.js';
import type { ChannelAddress, Outbox, PostedMessage } from './api.js';
import type { Clock } from './clock.js';
import { t } from './i18n.js';
import type { OutMessage } from './messages.js';
import { challengeMessage, revealMessage } from './views.js';

/** How long a claim belongs to its claimer; after that, one retry per slot of this length, across processes. */
export const POST_LEASE_MS = 2 * 60_000;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 4_000, 15_000];
/** Rotation rounds are counted from a channel's first day: its whole history (one short row a day). */
const WHOLE_HISTORY_DAYS = 100_000;
/**
 * Adaptive mode remembers a miss this many rotation windows back: a topic may come again only once the window
 * has passed, so a shorter memory would forget most misses before they could be asked again.
 */
const FAILURE_MEMORY_WINDOWS = 3;
/** A miss this recent is "last week" in the post's explanation; older ones say how many days ago. */
const WEEK_DAYS = 7;

export type DailyPostResult =
  | { readonly status: 'posted'; readonly challenge: DailyChallengeRecord }
  | { readonly status: 'already-posted'; readonly challenge: DailyChallengeRecord }
  /** Claimed but not posted, and not ours to post now: its claimer is posting, or a retry is not due yet. */
  | { readonly status: 'pending'; readonly challenge: DailyChallengeRecord }
  | { readonly status: 'failed'; readonly challenge?: DailyChallengeRecord; readonly error: string }
  | { readonly status: 'no-topics' };

export interface DailyDeps {
  readonly store: Store;
  readonly knowledge: () => KnowledgeBase;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly rotationDays: number;
  readonly maxAttempts: number;
  /** Language of channel-wide posts. */
  readonly locale: Locale;
  readonly retryDelaysMs: readonly number[];
}

/** When a channel's challenge for `day` is due: its local schedule time on that day. */
export function dueAt(channel: ChannelRecord, day: string): Date {
  return localTimeToInstant(day, channel.scheduleTime, channel.timeZone);
}

export function channelAddress(channel: ChannelRecord): ChannelAddress {
  return { platform: channel.platform, workspaceId: channel.workspaceExternalId, channelId: channel.externalId };
}

/** `HH:MM` and date of the instant a challenge day ends, in the channel's zone. */
export function closeTime(day: string, zone: string): { time: string; zone: string } {
  const end = dayEnd(day, zone);
  return { time: `${dayInZone(end, zone)} 00:00`, zone };
}

export type DailyChallenges = ReturnType<typeof createDailyChallenges>;

export function createDailyChallenges(deps: DailyDeps) {
  const inFlight = new Set<number>();

  function candidatesOf(): TopicCandidate[] {
    const kb = deps.knowledge();
    const tiers = partition(kb.dailyTopics(), (topicId) => (kb.isCurated(topicId) ? 0 : 1));
    const candidates = tiers.flatMap((topicIds, tier) => {
      // Branches are where the tier's topics part ways: all curated topics may sit under one root note.
      const paths = topicIds.map((topicId) => kb.graph.nodes.get(topicId)?.path ?? [topicId]);
      const depth = commonPrefixLength(paths);
      return topicIds.map((topicId, i) => ({
        topicId,
        tier,
        branchId: paths[i]![depth] ?? topicId,
        titleKey: normalizeForIndex(paths[i]!.at(-1) ?? topicId).replace(/ /g, ''),
      }));
    });
    return candidates;
  }

  /** What the channel's learners need, by topic: an adaptive channel's misses and due reviews. */
  async function needsOf(channel: ChannelRecord, day: string, now: Date): Promise<Map<string, TopicNeed>> {
    const since = addDays(day, -FAILURE_MEMORY_WINDOWS * deps.rotationDays);
    const [failures, due] = await Promise.all([
      deps.store.failedTopics(channel.id, since),
      // Reviews only sharpen the pick: without them the misses still count, and the post still goes.
      deps.store.dueLearnersByTopic(channel.id, now).catch((error: unknown) => {
        deps.logger.warn({ err: error, channelId: channel.externalId }, 'due reviews unavailable; misses only');
        return new Map<string, number>();
      }),
    ]);
    return topicNeeds(failures, due);
  }

  function pickTopic(
    channel: ChannelRecord,
    day: string,
    history: { topicId: string; day: string }[],
    needs: ReadonlyMap<string, TopicNeed> | null,
  ) {
    const input = { candidates: candidatesOf(), history, windowDays: deps.rotationDays, seed: `${channel.id}:${day}` };
    return needs ? pickAdaptiveTopic({ ...input, needs }) : pickDailyTopic(input);
  }

  /** The post says why an adaptive channel got its topic, when the learners' need chose it. */
  function explained(message: OutMessage, need: TopicNeed | undefined, day: string): OutMessage {
    if (!need) return message;
    const locale = deps.locale;
    const ago = daysSinceFailure(need, day);
    const when = ago <= WEEK_DAYS ? t(locale, 'adaptive.within-week') : t(locale, 'adaptive.days-ago', { days: ago });
    const reason =
      need.failed > 0 && need.due > 0
        ? t(locale, 'adaptive.missed-due', { count: need.failed, when, due: need.due })
        : need.failed > 0
          ? t(locale, 'adaptive.missed', { count: need.failed, when })
          : t(locale, 'adaptive.due', { due: need.due });
    return { ...message, text: `${message.text}\n\n_${reason}_` };
  }

  async function withRetries<T>(what: string, log: Logger, action: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        const delay = deps.retryDelaysMs[attempt];
        log.warn({ err: error, attempt: attempt + 1, what }, `${what} failed`);
        if (delay === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  async function mayRetry(channel: ChannelRecord, challenge: DailyChallengeRecord, now: Date): Promise<boolean> {
    if (inFlight.has(challenge.id)) return false;
    if (now.getTime() - challenge.claimedAt.getTime() < POST_LEASE_MS) return false;
    const slot = Math.floor(now.getTime() / POST_LEASE_MS);
    return deps.store.claimEvent(channel.platform, `daily-post:${challenge.id}:${slot}`, now);
  }

  async function post(channel: ChannelRecord, outbox: Outbox): Promise<DailyPostResult> {
    const now = deps.clock.now();
    const day = dayInZone(now, channel.timeZone);
    const log = deps.logger.child({
      platform: channel.platform,
      workspaceId: channel.workspaceExternalId,
      channelId: channel.externalId,
      day,
    });
    let challenge = await deps.store.dailyChallenge(channel.id, day);
    let created = false;
    let needs: ReadonlyMap<string, TopicNeed> | null = null;
    if (!challenge) {
      const history = await deps.store.topicHistory(channel.id, WHOLE_HISTORY_DAYS);
      if (channel.mode === 'adaptive') needs = await needsOf(channel, day, now);
      const pick = pickTopic(channel, day, history, needs);
      if (!pick) {
        log.warn('no topic fit for a daily challenge');
        return { status: 'no-topics' };
      }
      const claim = await deps.store.claimDailyChallenge({
        channelId: channel.id,
        day,
        topicId: pick.topicId,
        at: now,
      });
      challenge = claim.challenge;
      created = claim.created;
    }
    if (challenge.postedAt) return { status: 'already-posted', challenge };
    if (!created && !(await mayRetry(channel, challenge, now))) return { status: 'pending', challenge };
    inFlight.add(challenge.id);
    try {
      const claimed = challenge;
      const content = deps.knowledge().challengeFor(claimed.topicId);
      if (!content) {
        log.error({ topicId: claimed.topicId }, 'claimed topic has no challenge in the current knowledge base');
        return { status: 'failed', challenge: claimed, error: `no challenge for topic ${claimed.topicId}` };
      }
      // A retried post (claimed earlier, maybe by another process) reads the needs again to explain the pick.
      if (channel.mode === 'adaptive') needs ??= await needsOf(channel, day, now);
      const message = explained(
        challengeMessage(deps.locale, content, closeTime(day, channel.timeZone), deps.maxAttempts),
        needs?.get(claimed.topicId),
        day,
      );
      let posted: PostedMessage;
      try {
        posted = await withRetries('daily post', log, () => outbox.postChallenge(channelAddress(channel), message));
      } catch (error) {
        log.error({ err: error, challengeId: claimed.id }, 'daily post failed; left unposted for a later retry');
        return { status: 'failed', challenge: claimed, error: String(error) };
      }
      await withRetries('record daily post', log, () =>
        deps.store.markChallengePosted(claimed.id, { ...posted, at: deps.clock.now() }),
      );
      log.info({ challengeId: claimed.id, topicId: claimed.topicId }, 'daily challenge posted');
      return {
        status: 'posted',
        challenge: { ...claimed, postedAt: now, messageId: posted.messageId, threadId: posted.threadId },
      };
    } finally {
      inFlight.delete(challenge.id);
    }
  }

  /** True when this call closed it (then the reveal went, or was attempted, in the thread). */
  async function close(channel: ChannelRecord, challenge: DailyChallengeRecord, outbox: Outbox): Promise<boolean> {
    const log = deps.logger.child({
      platform: channel.platform,
      workspaceId: channel.workspaceExternalId,
      channelId: channel.externalId,
      day: challenge.day,
      challengeId: challenge.id,
    });
    if (!(await deps.store.closeChallenge(challenge.id, deps.clock.now()))) return false;
    const threadId = challenge.threadId;
    if (!threadId) return true;
    const content = deps.knowledge().challengeFor(challenge.topicId);
    if (!content) {
      log.warn({ topicId: challenge.topicId }, 'closed challenge has no content to reveal');
      return true;
    }
    const results = await deps.store.dayResults(challenge.id);
    const message = revealMessage(deps.locale, content, results);
    try {
      await withRetries('reveal', log, () => outbox.postInThread(channelAddress(channel), threadId, message));
      log.info({ answered: results.length }, 'challenge closed and revealed');
    } catch (error) {
      log.error({ err: error }, 'reveal could not be posted');
    }
    return true;
  }

  return { post, close };
}

function partition<T>(items: readonly T[], tierOf: (item: T) => number): T[][] {
  const tiers: T[][] = [];
  for (const item of items) (tiers[tierOf(item)] ??= []).push(item);
  return tiers.filter((tier) => tier !== undefined);
}

/**
 * The depth at which a set of topic paths parts ways: the first title that not all of the deeper paths
 * share. Ancestors in the set (a curated root note) do not hold the split at the top.
 */
function commonPrefixLength(paths: readonly (readonly string[])[]): number {
  for (let depth = 0; ; depth++) {
    const deeper = paths.filter((p) => p.length > depth + 1);
    if (deeper.length < 2 || deeper.some((p) => p[depth] !== deeper[0]![depth])) return depth;
  }
}
