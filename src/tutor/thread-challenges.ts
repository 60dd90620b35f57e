/**
 * Which daily challenge a thread answers, remembered for a while so that each answer does not read the channel
 * and the challenge again (on PostgreSQL, two network round trips before grading can start).
 *
 * Safe to remember: a challenge's thread, day and topic never change. What can change is only checked again
 * where it matters: the attempt's own transaction refuses a challenge that was closed meanwhile or whose day has
 * ended in the channel's zone as stored then. A channel whose schedule or zone changes here is forgotten at
 * once (`forgetChannel`); one changed by another process is read again within `REMEMBER_MS`. A thread that is not a
 * challenge's is not remembered: its challenge may be being posted right now.
 */
import type { ChannelRecord, DailyChallengeRecord, Store } from '../store/types.js';
import type { Place } from './api.js';
import type { Clock } from './clock.js';

/** How long a thread's challenge is trusted before it is read again. */
export const REMEMBER_MS = 60_000;
/** Threads remembered at most (the day's challenge threads of the channels answering now): the oldest go first. */
export const MAX_THREADS = 10_000;

export interface ThreadChallenge {
  readonly channel: ChannelRecord;
  readonly record: DailyChallengeRecord;
}

export type ThreadPlace = Place & { readonly threadId: string };

export interface ThreadChallenges {
  /** The challenge answered in this thread, or null when the thread is no challenge's. */
  find(place: ThreadPlace): Promise<ThreadChallenge | null>;
  /** Forgets the threads of a channel whose settings changed. */
  forgetChannel(channelId: number): void;
}

export function createThreadChallenges(store: Store, clock: Clock): ThreadChallenges {
  const known = new Map<string, ThreadChallenge & { readonly until: number }>();

  function remember(key: string, found: ThreadChallenge, now: number) {
    if (known.size >= MAX_THREADS) known.delete(known.keys().next().value as string);
    known.set(key, { ...found, until: now + REMEMBER_MS });
  }

  return {
    async find(place) {
      const key = JSON.stringify([place.platform, place.workspaceId, place.channelId, place.threadId]);
      const now = clock.now().getTime();
      const hit = known.get(key);
      if (hit && now < hit.until) return { channel: hit.channel, record: hit.record };
      known.delete(key);
      const channel = await store.findChannel(place.platform, place.workspaceId, place.channelId);
      const record = channel ? await store.challengeByThread(channel.id, place.threadId) : null;
      if (!channel || !record) return null;
      remember(key, { channel, record }, now);
      return { channel, record };
    },

    forgetChannel(channelId) {
      for (const [key, entry] of known) if (entry.channel.id === channelId) known.delete(key);
    },
  };
}
