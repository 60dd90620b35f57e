/**
 * Pure figures of the held-out evaluation: pass/fail agreement with the labels (overall and per group), the
 * within-topic ordering of tiers, the baseline's threshold choice, and lookup hit@k.
 */

export interface Rate {
  readonly hits: number;
  readonly total: number;
  /** hits / total, 0–1; NaN when there is nothing to count. */
  readonly rate: number;
}

export function rateOf(hits: number, total: number): Rate {
  return { hits, total, rate: total === 0 ? Number.NaN : hits / total };
}

export interface Judged {
  readonly expectedPass: boolean;
  readonly predictedPass: boolean;
}

/** The share of items whose predicted pass/fail equals the label. */
export function agreement(items: readonly Judged[]): Rate {
  return rateOf(items.filter((i) => i.expectedPass === i.predictedPass).length, items.length);
}

export type Tier = 'good' | 'partial' | 'bad';
const TIER_RANK: Record<Tier, number> = { good: 2, partial: 1, bad: 0 };

export interface Ranked {
  /** Items are compared only with others of the same topic. */
  readonly topic: string;
  readonly tier: Tier;
  readonly score: number;
}

/**
 * Ordering: over every pair of replies to one topic whose tiers differ (good > partial > bad), the share where the
 * higher tier scores strictly higher. A tie counts as wrong: the grader did not tell the two apart.
 */
export function ordering(items: readonly Ranked[]): Rate {
  const byTopic = new Map<string, Ranked[]>();
  for (const item of items) byTopic.set(item.topic, [...(byTopic.get(item.topic) ?? []), item]);
  let hits = 0;
  let total = 0;
  for (const group of byTopic.values()) {
    for (const higher of group) {
      for (const lower of group) {
        if (TIER_RANK[higher.tier] <= TIER_RANK[lower.tier]) continue;
        total++;
        if (higher.score > lower.score) hits++;
      }
    }
  }
  return rateOf(hits, total);
}

export interface Scored {
  readonly expectedPass: boolean;
  readonly score: number;
}

/**
 * The threshold (pass when score ≥ threshold) that agrees with the most labels; candidates are the scores seen and
 * one above them all (everything fails). Ties go to the lowest such threshold.
 */
export function bestThreshold(items: readonly Scored[]): number {
  const candidates = [...new Set(items.map((i) => i.score))].sort((a, b) => a - b);
  candidates.push((candidates[candidates.length - 1] ?? 0) + 1);
  let best = candidates[0] as number;
  let bestHits = -1;
  for (const threshold of candidates) {
    const hits = items.filter((i) => i.score >= threshold === i.expectedPass).length;
    if (hits > bestHits) {
      best = threshold;
      bestHits = hits;
    }
  }
  return best;
}

/** Whether one of the first `k` result paths equals one of the expected paths. */
export function hitAt(
  k: number,
  results: readonly (readonly string[])[],
  expected: readonly (readonly string[])[],
): boolean {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);
  return results.slice(0, k).some((path) => expected.some((want) => same(path, want)));
}
