/**
 * The daily topic of a channel, pure and deterministic for (channel, day):
 *
 * 1. Topics used in the last `windowDays` challenge days of the channel are not repeated.
 * 2. Among the rest, only the best tier competes (curated challenges before derived ones), and in it the
 *    branch used least recently wins, so days spread across the tree instead of walking one branch;
 *    branches never used come first.
 * 3. Inside that branch, topics never used (or used longest ago) come first, and a seeded
 *    pseudo-random pick breaks ties, so two channels do not march through the notes in file order.
 * 4. When every topic was used inside the window (a small knowledge base), the least recently used
 *    topic comes back: a one-topic base still gets a challenge every day.
 */

export interface TopicCandidate {
  readonly topicId: string;
  /** The root or branch the topic belongs to, for spreading days across the tree. */
  readonly branchId: string;
  /** 0 for the best topics (curated); higher tiers are used only when no fresh topic of a better one is left. */
  readonly tier?: number;
}

export interface TopicPick {
  readonly topicId: string;
  /** `fresh`: not used inside the window; `least-recently-used`: every topic was, so the oldest came back. */
  readonly reason: 'fresh' | 'least-recently-used';
}

export const DEFAULT_ROTATION_DAYS = 30;

export function pickDailyTopic(input: {
  /** Stable order (the knowledge base's order); used only to break exact ties. */
  readonly candidates: readonly TopicCandidate[];
  /** The channel's past daily topics, most recent first. */
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

  const fresh = candidates.filter((c) => ageOf(c.topicId) >= windowDays);
  if (fresh.length === 0) {
    const oldest = maxBy(candidates, (c) => ageOf(c.topicId));
    return { topicId: oldest[0]!.topicId, reason: 'least-recently-used' };
  }

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
  return { topicId: topic.topicId, reason: 'fresh' };
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
