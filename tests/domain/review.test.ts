import { describe, expect, it } from 'vitest';
import {
  activityStrip,
  daysUntil,
  progressState,
  ratingFor,
  retentionEstimate,
  reviewCard,
  type ReviewCard,
} from '../../src/domain/review.js';

const DAY = 86_400_000;
const start = new Date('2026-01-05T09:00:00Z');

describe('ratingFor', () => {
  it('maps a fail to Again and a pass by its margin over the pass mark', () => {
    expect(ratingFor(59, false, 60)).toBe('again');
    expect(ratingFor(95, false, 60)).toBe('again');
    expect(ratingFor(60, true, 60)).toBe('hard');
    expect(ratingFor(69, true, 60)).toBe('hard');
    expect(ratingFor(70, true, 60)).toBe('good');
    expect(ratingFor(89, true, 60)).toBe('good');
    expect(ratingFor(90, true, 60)).toBe('easy');
    expect(ratingFor(100, true, 60)).toBe('easy');
  });

  it('scales with another pass mark', () => {
    expect(ratingFor(80, true, 80)).toBe('hard');
    expect(ratingFor(85, true, 80)).toBe('good');
    expect(ratingFor(95, true, 80)).toBe('easy');
  });
});

describe('a simulated learner over 90 days', () => {
  /** Answers whenever the card is due, with the scripted score of that review. */
  function simulate(scores: readonly number[]): { card: ReviewCard; intervals: number[]; at: Date[] } {
    let card: ReviewCard | null = null;
    let at = start;
    const intervals: number[] = [];
    const times: Date[] = [];
    for (const score of scores) {
      if (at.getTime() - start.getTime() > 90 * DAY) break;
      card = reviewCard(card, ratingFor(score, score >= 60, 60), at, 0.9);
      times.push(at);
      intervals.push(daysUntil(card.due, at));
      at = card.due;
    }
    return { card: card!, intervals, at: times };
  }

  it('grows intervals after passes and shrinks them after a fail', () => {
    const { intervals } = simulate([80, 80, 80, 30, 80, 80, 80, 80]);
    expect(intervals.length).toBeGreaterThanOrEqual(6);
    expect(intervals[1]!).toBeGreaterThan(intervals[0]!);
    expect(intervals[2]!).toBeGreaterThan(intervals[1]!);
    expect(intervals[3]!).toBeLessThan(intervals[2]!);
    expect(intervals[4]!).toBeGreaterThan(intervals[3]!);
    expect(intervals[5]!).toBeGreaterThan(intervals[4]!);
  });

  it('keeps every review inside the 90 days and reaches mastery with steady passes', () => {
    const { card, at } = simulate(Array.from({ length: 30 }, () => 85));
    expect(at.every((t) => t.getTime() - start.getTime() <= 90 * DAY)).toBe(true);
    expect(progressState(card)).toBe('mastered');
  });

  it('a topic failed yesterday is due before one passed last week', () => {
    const lastWeek = new Date(start.getTime() - 7 * DAY);
    const yesterday = new Date(start.getTime() - DAY);
    const passed = reviewCard(
      reviewCard(null, 'good', new Date(lastWeek.getTime() - 3 * DAY), 0.9),
      'good',
      lastWeek,
      0.9,
    );
    const failed = reviewCard(
      reviewCard(null, 'good', new Date(yesterday.getTime() - 3 * DAY), 0.9),
      'again',
      yesterday,
      0.9,
    );
    expect(failed.due.getTime()).toBeLessThan(passed.due.getTime());
    expect(progressState(failed)).toBe('learning');
    expect(progressState(passed)).toBe('review');
  });

  it('a higher target retention brings reviews sooner', () => {
    const low = reviewCard(reviewCard(null, 'good', start, 0.8), 'good', new Date(start.getTime() + 3 * DAY), 0.8);
    const high = reviewCard(reviewCard(null, 'good', start, 0.95), 'good', new Date(start.getTime() + 3 * DAY), 0.95);
    expect(high.due.getTime()).toBeLessThan(low.due.getTime());
  });
});

describe('retention and activity', () => {
  it('estimates retention from reviewed cards, falling as time passes', () => {
    const card = reviewCard(null, 'good', start, 0.9);
    const soon = retentionEstimate([card], new Date(start.getTime() + DAY), 0.9)!;
    const later = retentionEstimate([card], new Date(start.getTime() + 30 * DAY), 0.9)!;
    expect(soon).toBeGreaterThan(later);
    expect(later).toBeGreaterThan(0);
    expect(retentionEstimate([], start, 0.9)).toBeNull();
  });

  it('draws 12 weeks, Monday first, a mark per answered day', () => {
    // 2026-01-07 is a Wednesday.
    const strip = activityStrip(
      [new Date('2026-01-07T10:00:00Z'), new Date('2026-01-07T11:00:00Z'), new Date('2026-01-05T10:00:00Z')],
      '2026-01-07',
      'UTC',
    );
    const lines = strip.split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('·······');
    expect(lines[11]).toBe('░·▒');
  });
});
