/**
 * The daily topic of a channel, pure and deterministic for (channel, day):
 *
 * 1. Rounds: every topic comes once before any comes again. Reading the history from its first day, a
 *    round ends on the day its last unseen topic came; only topics not yet seen in the current round may
 *    come.
 * 2. Among those, a topic that came, or whose title came, in the last `windowDays` challenge days waits
 *    (two notes titled "DevOps" under different branches are one question to a learner); when every one
 *    must wait, the one that came longest ago goes. Topics sharing a title are started early enough in a
 *    round that the rest of them still fit a window apart.
 * 3. Only the best tier competes (curated challenges before derived ones), and in it the branch used least
 *    recently wins, so days spread across the tree instead of walking one branch; branches never used
 *    come first.
 * 4. Inside that branch, the topic used longest ago (or never) comes first, and a seeded pseudo-random
 *    pick breaks ties, so two channels do not march through the notes in file order.
 */

export interface TopicCandidate {
  readonly topicId: string;
  /** The root or branch the topic belongs to, for spreading days across the tree. */
  readonly branchId: string;
  /** 0 for the best topics (curated); higher tiers are used only when no fresh topic of a better one is left. */
  readonly tier?: number;
  /** The topic's title as a learner reads it (folded); topics sharing one are kept a window apart. */
  readonly titleKey?: string;
}

export interface TopicPick {
  readonly topicId: string;
  /** `new`: the channel never had this topic; `repeat`: every topic came once, and this one comes again. */
  readonly reason: 'new' | 'repeat';
}

export const DEFAULT_ROTATION_DAYS = 30;

export function pickDailyTopic(input: {
  /** Stable order (the knowledge base's order); used only to break exact ties. */
  readonly candidates: readonly TopicCandidate[];
  /** The channel's past daily topics, most recent first, from its first day (rounds are counted from there). */
  readonly history: readonly { readonly topicId: string; readonly day: string }[];
  readonly windowDays?: number;
  /** e.g. `${channelId}:${day}`: the same seed always gives the same pick. */
  readonly seed: string;
}): TopicPick | null {
  const { candidates, history, seed } = input;
  if (candidates.length === 0) return null;
  const windowDays = input.windowDays ?? DEFAULT_ROTATION_DAYS;

  // How many challenge days ago each topic and branch was last used (Infinity: never).
  const topicAge = new Map<string, number>();
  history.forEach((entry, age) => {
    if (!topicAge.has(entry.topicId)) topicAge.set(entry.topicId, age);
  });
  const ageOf = (topicId: string) => topicAge.get(topicId) ?? Number.POSITIVE_INFINITY;
  const branchAge = new Map<string, number>();
  for (const c of candidates) {
    branchAge.set(c.branchId, Math.min(branchAge.get(c.branchId) ?? Number.POSITIVE_INFINITY, ageOf(c.topicId)));
  }

  const seenThisRound = currentRound(candidates, history);
  const unused = candidates.filter((c) => !seenThisRound.has(c.topicId));
  const titleOf = new Map(candidates.map((c) => [c.topicId, c.titleKey]));
  const recentTitles = new Set(
    history
      .slice(0, windowDays)
      .map((entry) => titleOf.get(entry.topicId))
      .filter((key) => key !== undefined),
  );
  const apart = unused.filter(
    (c) => ageOf(c.topicId) >= windowDays && (c.titleKey === undefined || !recentTitles.has(c.titleKey)),
  );
  const fresh = apart.length > 0 ? urgent(apart, unused, windowDays) : maxBy(unused, (c) => ageOf(c.topicId));

  const bestTier = Math.min(...fresh.map((c) => c.tier ?? 0));
  const pool = fresh.filter((c) => (c.tier ?? 0) === bestTier);
  const branches = [...new Set(pool.map((c) => c.branchId))];
  const branch = seededPick(
    maxBy(branches, (b) => branchAge.get(b) ?? Number.POSITIVE_INFINITY),
    `${seed}#branch`,
  );
  const inBranch = pool.filter((c) => c.branchId === branch);
  const topic = seededPick(
    maxBy(inBranch, (c) => ageOf(c.topicId)),
    `${seed}#topic`,
  );
  return { topicId: topic.topicId, reason: topicAge.has(topic.topicId) ? 'repeat' : 'new' };
}

/**
 * The candidates seen in the current round, reading the history from its first day: a round ends when
 * every candidate was seen in it. Never the whole set, so at least one candidate is always left.
 */
function currentRound(
  candidates: readonly TopicCandidate[],
  history: readonly { readonly topicId: string }[],
): Set<string> {
  const known = new Set(candidates.map((c) => c.topicId));
  const seen = new Set<string>();
  for (let i = history.length - 1; i >= 0; i--) {
    const topicId = history[i]!.topicId;
    if (!known.has(topicId)) continue;
    seen.add(topicId);
    if (seen.size === known.size) seen.clear();
  }
  return seen;
}

/**
 * The topics that must go now for the rest of their title to fit in the round a window apart: a title with
 * `k` topics left needs `(k - 1) × window + 1` days. All of `eligible` when none is that pressed.
 */
function urgent(
  eligible: readonly TopicCandidate[],
  unused: readonly TopicCandidate[],
  windowDays: number,
): readonly TopicCandidate[] {
  const left = new Map<string, number>();
  for (const c of unused) if (c.titleKey !== undefined) left.set(c.titleKey, (left.get(c.titleKey) ?? 0) + 1);
  const pressed = eligible.filter((c) => {
    const siblings = c.titleKey === undefined ? 1 : (left.get(c.titleKey) ?? 1);
    return siblings > 1 && unused.length <= (siblings - 1) * windowDays + 1;
  });
  return pressed.length > 0 ? pressed : eligible;
}

/** Every item sharing the largest key, in input order (never empty for a non-empty input). */
function maxBy<T>(items: readonly T[], key: (item: T) => number): T[] {
  let best = Number.NEGATIVE_INFINITY;
  let winners: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (k > best) {
      best = k;
      winners = [item];
    } else if (k === best) {
      winners.push(item);
    }
  }
  return winners;
}

function seededPick<T>(items: readonly T[], seed: string): T {
  return items[fnv1a(seed) % items.length] as T;
}

/** FNV-1a, 32-bit: a small, stable string hash (not for security), the same on every platform. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
