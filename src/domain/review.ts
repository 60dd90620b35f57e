/**
 * Spaced review, pure: a card per learner and topic scheduled by FSRS (ts-fsrs, the maintained
 * implementation; no scheduler of our own), the rating a graded score earns, the states a learner sees,
 * and the retention estimate. Every backend calls these, so the maths is never written twice.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import { addDays, dayInZone } from './calendar.js';
import type { Day } from './vocabulary.js';

export const DEFAULT_RETENTION = 0.9;
/** A card whose memory lasts three weeks is mastered (the threshold). */
export const MASTERED_STABILITY_DAYS = 21;

/** The ts-fsrs ratings by name, as the store keeps them (1 Again, 2 Hard, 3 Good, 4 Easy). */
export type ReviewRating = 'again' | 'hard' | 'good' | 'easy';
export const RATINGS: Readonly<Record<ReviewRating, Grade>> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** ts-fsrs's own card states, by name. */
export type CardPhase = 'new' | 'learning' | 'review' | 'relearning';
/** In ts-fsrs's State order (0 New … 3 Relearning), which is how backends store a phase. */
export const CARD_PHASES: readonly CardPhase[] = ['new', 'learning', 'review', 'relearning'];
const PHASE_STATE: Readonly<Record<CardPhase, State>> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/** What a learner sees: `learning` covers a card just failed, `mastered` a review card stable for 21 days. */
export type ProgressState = 'new' | 'learning' | 'review' | 'mastered';
export const PROGRESS_STATES: readonly ProgressState[] = ['new', 'learning', 'review', 'mastered'];

export type ReviewKind = 'daily' | 'practice' | 'review';

/** The FSRS memory of one learner on one topic, as every backend stores it. */
export interface ReviewCard {
  readonly phase: CardPhase;
  readonly due: Date;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly lastReview: Date | null;
  readonly lastRating: ReviewRating | null;
}

/**
 * The rating a graded answer earns: a fail is Again; a pass is Hard, Good or Easy by how far it clears the
 * pass mark, as a share of the room above it: under a quarter Hard, under three quarters Good, else Easy
 * (pass mark 60: 60–69 Hard, 70–89 Good, 90–100 Easy).
 */
export function ratingFor(score: number, passed: boolean, passMark: number): ReviewRating {
  if (!passed) return 'again';
  const room = Math.max(1, 100 - passMark);
  const margin = (Math.min(100, Math.max(passMark, score)) - passMark) / room;
  if (margin < 0.25) return 'hard';
  if (margin < 0.75) return 'good';
  return 'easy';
}

/**
 * One scheduler per retention. Short-term steps are off: a chat tutor asks at most daily, so FSRS sets
 * every interval in whole days (a failed topic comes back the next day). No fuzz: the same history
 * always gives the same schedule.
 */
const schedulers = new Map<number, FSRS>();
function schedulerFor(retention: number): FSRS {
  let scheduler = schedulers.get(retention);
  if (!scheduler) {
    scheduler = fsrs({ request_retention: retention, enable_fuzz: false, enable_short_term: false });
    schedulers.set(retention, scheduler);
  }
  return scheduler;
}

export function newCard(at: Date): ReviewCard {
  return fromFsrs(createEmptyCard(at), null);
}

function toFsrs(card: ReviewCard): Card {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: PHASE_STATE[card.phase],
    ...(card.lastReview ? { last_review: card.lastReview } : {}),
  };
}

function fromFsrs(card: Card, lastRating: ReviewRating | null): ReviewCard {
  return {
    phase: CARD_PHASES[card.state] ?? 'new',
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.last_review ?? null,
    lastRating,
  };
}

/** The FSRS step: the card after a review with `rating` at `at` (a missing card is a new one). */
export function reviewCard(card: ReviewCard | null, rating: ReviewRating, at: Date, retention: number): ReviewCard {
  const before = toFsrs(card ?? newCard(at));
  const next = schedulerFor(retention).next(before, at, RATINGS[rating]).card;
  return fromFsrs(next, rating);
}

export function progressState(card: ReviewCard): ProgressState {
  if (card.reps === 0) return 'new';
  if (card.phase === 'learning' || card.phase === 'relearning' || card.lastRating === 'again') return 'learning';
  return card.stability >= MASTERED_STABILITY_DAYS ? 'mastered' : 'review';
}

/** The probability, by FSRS's forgetting curve, that the learner still recalls the topic at `now`. */
export function retrievability(card: ReviewCard, now: Date, retention: number): number {
  if (card.reps === 0) return 0;
  return schedulerFor(retention).get_retrievability(toFsrs(card), now, false);
}

/** The mean recall probability over reviewed cards, or null with none reviewed yet. */
export function retentionEstimate(cards: readonly ReviewCard[], now: Date, retention: number): number | null {
  const reviewed = cards.filter((card) => card.reps > 0);
  if (reviewed.length === 0) return null;
  return reviewed.reduce((sum, card) => sum + retrievability(card, now, retention), 0) / reviewed.length;
}

/** Whole days from `now` until `due`, at least 0 (a due card comes back today). */
export function daysUntil(due: Date, now: Date): number {
  return Math.max(0, Math.round((due.getTime() - now.getTime()) / 86_400_000));
}

export const ACTIVITY_WEEKS = 12;
/** One mark per day, oldest first: no answer, one, a few, many. */
const ACTIVITY_MARKS = ['·', '░', '▒', '█'] as const;

/**
 * The last `weeks` weeks up to `today` as text, one line per week (Monday first), a mark per day by how many
 * graded answers it saw; days after `today` are blank.
 */
export function activityStrip(
  answeredAt: readonly Date[],
  today: Day,
  zone: string,
  weeks: number = ACTIVITY_WEEKS,
): string {
  const counts = new Map<Day, number>();
  for (const at of answeredAt) {
    const day = dayInZone(at, zone);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const firstMonday = activityStart(today, weeks);
  const lines: string[] = [];
  for (let week = 0; week < weeks; week++) {
    let line = '';
    for (let d = 0; d < 7; d++) {
      const day = addDays(firstMonday, week * 7 + d);
      if (day > today) break;
      const count = counts.get(day) ?? 0;
      line += ACTIVITY_MARKS[Math.min(count, 3)] ?? '█';
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** The first `weeks` weeks' start: what an activity query needs to read back. */
export function activityStart(today: Day, weeks: number = ACTIVITY_WEEKS): Day {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, -weekday - (weeks - 1) * 7);
}
