/**
 * Every graded answer, daily, practice or review, is a review of the learner's card for its topic: the
 * score gives the FSRS rating, the misses feed the weak concepts. The review is keyed by the answer it
 * comes from, so a retried event reviews the card once; it never touches streaks or points.
 */
import { DEFAULT_RETENTION, daysUntil, ratingFor, type ReviewKind } from '../../domain/review.js';
import type { Grade, Language } from '../../grading/types.js';
import type { AttemptReview, TopicCard } from '../../store/types.js';
import type { Actor } from '../api.js';
import { ensureWorkspace, userRef, type Core } from '../core.js';
import { t } from '../i18n.js';

export interface GradedTopic {
  readonly topicId: string;
  readonly kind: ReviewKind;
  readonly grade: Grade;
  /** `daily:<attempt id>`, `practice:<attempt id>` or `review:<platform>:<event id>`. */
  readonly dedupeKey: string;
}

/** The concepts an answer missed or denied, each once. */
export function missedConcepts(grade: Grade): string[] {
  return [...new Set([...grade.pain.missing, ...grade.fix.missing, ...grade.pain.negated, ...grade.fix.negated])];
}

/** What a graded answer's review of its topic's card records, whoever records it: the rating, the misses. */
export function reviewOf(core: Core, topicId: string, grade: Grade): AttemptReview {
  return {
    topicId,
    rating: ratingFor(grade.score, grade.passed, core.config.passMark),
    missed: missedConcepts(grade),
    retention: core.config.retention ?? DEFAULT_RETENTION,
  };
}

/** Reviews the learner's card; the card as rescheduled (`null`: the key was another learner's review). */
export async function reviewTopic(core: Core, actor: Actor, graded: GradedTopic): Promise<TopicCard | null> {
  const { grade } = graded;
  await ensureWorkspace(core, actor);
  const outcome = await core.store.recordReview({
    ...reviewOf(core, graded.topicId, grade),
    user: userRef(actor),
    kind: graded.kind,
    score: grade.score,
    at: core.clock.now(),
    dedupeKey: graded.dedupeKey,
  });
  return outcome.card;
}

/**
 * For daily and practice answers, whose grade is already recorded: a review that cannot be saved is logged
 * and the graded reply still goes out (its redelivery, keyed the same, reviews the card then).
 */
export async function reviewAlongside(core: Core, actor: Actor, graded: GradedTopic): Promise<TopicCard | null> {
  try {
    return await reviewTopic(core, actor, graded);
  } catch (error) {
    core.logger.error(
      { err: error, platform: actor.platform, userId: actor.userId, key: graded.dedupeKey },
      'could not record the review',
    );
    return null;
  }
}

/** "Next review of this topic in 6 day(s)." */
export function nextReviewLine(language: Language, card: TopicCard, now: Date): string {
  return t(language, 'review.next-in', { days: daysUntil(card.due, now) });
}
