/**
 * Adaptive daily picks, for a channel in `adaptive` mode. Among the topics the rotation lets come now — none
 * that came, nor whose title came, in the last `windowDays` challenge days — the one most of the channel's
 * learners need goes first: those whose latest result on it there failed, plus those who have it due for
 * review. No needed topic free to come: the rotation's own pick (`pickDailyTopic`) stands. Pure and
 * deterministic for (channel, day), like the rotation.
 */
import { daysBetween } from './calendar.js';
import { DEFAULT_ROTATION_DAYS, fnv1a, pickDailyTopic, type TopicCandidate, type TopicPick } from './rotation.js';
import type { Day } from './vocabulary.js';

export const CHANNEL_MODES = ['rotation', 'adaptive'] as const;
/** `rotation`: every topic once before any repeats; `adaptive`: failed and due topics first. */
export type ChannelMode = (typeof CHANNEL_MODES)[number];

/** How many of a channel's learners need a topic. */
export interface TopicNeed {
  /** Learners whose latest result on the topic in the channel failed. */
  readonly failed: number;
  /** Learners who have the topic due for review. */
  readonly due: number;
  /** The last day one of them failed it (absent when none did). */
  readonly lastFailedDay?: Day;
}

export interface AdaptivePick extends TopicPick {
  /** Why it was chosen, when it was for the learners' need (absent: the rotation's pick). */
  readonly need?: TopicNeed;
}

/** Failures (from the store) and due counts (from spaced review) per topic, in one map. */
export function topicNeeds(
  failures: readonly { readonly topicId: string; readonly learners: number; readonly lastDay: Day }[],
  due: ReadonlyMap<string, number>,
): Map<string, TopicNeed> {
  const needs = new Map<string, TopicNeed>();
  for (const f of failures) {
    if (f.learners > 0) needs.set(f.topicId, { failed: f.learners, due: 0, lastFailedDay: f.lastDay });
  }
  for (const [topicId, count] of due) {
    if (count <= 0) continue;
    const known = needs.get(topicId);
    needs.set(topicId, known ? { ...known, due: count } : { failed: 0, due: count });
  }
  return needs;
}

export function pickAdaptiveTopic(input: {
  readonly candidates: readonly TopicCandidate[];
  /** The channel's past daily topics, most recent first (as for `pickDailyTopic`). */
  readonly history: readonly { readonly topicId: string; readonly day: string }[];
  readonly windowDays?: number;
  readonly seed: string;
  readonly needs: ReadonlyMap<string, TopicNeed>;
}): AdaptivePick | null {
  const rotation = pickDailyTopic(input);
  if (rotation === null) return null;
  const windowDays = input.windowDays ?? DEFAULT_ROTATION_DAYS;
  const recent = input.history.slice(0, windowDays);
  const recentTopics = new Set(recent.map((entry) => entry.topicId));
  const titleOf = new Map(input.candidates.map((c) => [c.topicId, c.titleKey]));
  const recentTitles = new Set(recent.map((entry) => titleOf.get(entry.topicId)).filter((key) => key !== undefined));
  const free = input.candidates.filter(
    (c) =>
      input.needs.has(c.topicId) &&
      !recentTopics.has(c.topicId) &&
      (c.titleKey === undefined || !recentTitles.has(c.titleKey)),
  );
  if (free.length === 0) return rotation;
  const weight = (c: TopicCandidate) => {
    const need = input.needs.get(c.topicId) as TopicNeed;
    // Learners first, and among as many, failures before due reviews: a miss is the stronger signal.
    return (need.failed + need.due) * 2 + (need.failed > 0 ? 1 : 0);
  };
  const best = Math.max(...free.map(weight));
  const top = free.filter((c) => weight(c) === best);
  const chosen = top[fnv1a(`${input.seed}#adaptive`) % top.length] as TopicCandidate;
  const came = input.history.some((entry) => entry.topicId === chosen.topicId);
  return { topicId: chosen.topicId, reason: came ? 'repeat' : 'new', need: input.needs.get(chosen.topicId) };
}

/** Whole days from the last failure to `today` (0 when none is known). */
export function daysSinceFailure(need: TopicNeed, today: Day): number {
  return need.lastFailedDay === undefined ? 0 : Math.max(0, daysBetween(need.lastFailedDay, today));
}
