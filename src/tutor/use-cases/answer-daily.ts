/**
 * Answering the daily challenge, by `/answer` or by a reply in its thread: grade the text against the topic's
 * challenge and record the attempt in one store transaction (dedupe, cap, best-of-day, streak, points, and the
 * review of the learner's card for the topic).
 * Rejections and refusals use no attempt.
 */
import type { ChannelRecord, DailyChallengeRecord } from '../../store/types.js';
import type { Actor, ThreadAnswerReply } from '../api.js';
import { syncPlatformTeam, userRef, type Core } from '../core.js';
import { refusal } from '../errors.js';
import { t } from '../i18n.js';
import type { OutMessage } from '../messages.js';
import { pointsLine } from '../views.js';
import { gradeReply } from './grade-topic.js';
import { nextReviewLine, reviewAlongside, reviewOf } from './review-record.js';
import { chainOffer } from './chain.js';

/** A passed topic that leads on to a new pain offers the follow-up, in a paragraph of its own after the feedback. */
const offerLines = (offer: string | null): string[] => (offer ? [offer, ''] : []);

export type DailyAnswerOutcome =
  | { readonly kind: 'graded'; readonly reply: ThreadAnswerReply }
  | { readonly kind: 'refused'; readonly message: OutMessage }
  /** The same platform event was recorded before: a command says so, a thread stays silent. */
  | { readonly kind: 'duplicate'; readonly message: OutMessage };

export async function answerDaily(
  core: Core,
  actor: Actor,
  channel: ChannelRecord,
  record: DailyChallengeRecord,
  text: string,
  eventId: string | undefined,
): Promise<DailyAnswerOutcome> {
  const { config, store, clock } = core;
  const locale = actor.locale;
  const today = core.dayOf(clock.now(), channel.timeZone);
  if (record.closedAt || record.day !== today) {
    return { kind: 'refused', message: refusal(locale, 'challenge-closed', 'challenge.closed') };
  }
  const content = core.knowledge().challengeFor(record.topicId);
  if (!content) return { kind: 'refused', message: refusal(locale, 'internal', 'error.internal') };
  const grade = gradeReply(core, content, text);
  await syncPlatformTeam(core, actor);
  const outcome = await store.recordAttempt({
    challengeId: record.id,
    user: userRef(actor),
    text,
    score: grade.score,
    passed: grade.passed,
    concepts: {
      pain: grade.pain.matched.map((m) => m.label),
      fix: grade.fix.matched.map((m) => m.label),
      negated: [...grade.pain.negated, ...grade.fix.negated],
    },
    feedback: grade.feedback,
    at: clock.now(),
    maxAttempts: config.maxAttempts,
    ...(eventId ? { eventKey: `${actor.platform}:${eventId}` } : {}),
    // In the attempt's transaction: the answer and its review of the learner's card are kept together, before
    // the learner is told.
    review: reviewOf(core, record.topicId, grade),
  });
  if (outcome.status === 'duplicate') {
    // The attempt's id keys its review: a redelivery completes a review an earlier version recorded apart and missed.
    await reviewAlongside(core, actor, {
      topicId: record.topicId,
      kind: 'daily',
      grade,
      dedupeKey: `daily:${outcome.attemptId}`,
    });
  }
  switch (outcome.status) {
    case 'attempt-cap':
      return { kind: 'refused', message: refusal(locale, 'attempt-cap', 'answer.cap', { max: config.maxAttempts }) };
    case 'closed':
      return { kind: 'refused', message: refusal(locale, 'challenge-closed', 'challenge.closed') };
    case 'duplicate':
      return { kind: 'duplicate', message: refusal(locale, 'duplicate', 'answer.duplicate') };
    case 'recorded': {
      // A graded reply speaks the language its feedback is written in (the reply's), throughout.
      const language = grade.language;
      const mark = t(language, grade.passed ? 'mark.pass' : 'mark.fail');
      const details = [
        grade.feedback,
        '',
        ...offerLines(grade.passed ? chainOffer(core.knowledge(), record.topicId, language) : null),
        t(language, 'answer.attempts-left', { left: outcome.attemptsLeft, best: outcome.bestScore }),
        pointsLine(language, outcome),
        t(language, 'answer.streak', {
          current: outcome.streak.current,
          longest: outcome.streak.longest,
          freezes: outcome.streak.freezes,
        }),
        ...(outcome.freezesUsed > 0 ? [t(language, 'answer.freezes-used', { count: outcome.freezesUsed })] : []),
        ...(outcome.card ? [nextReviewLine(language, outcome.card, clock.now())] : []),
      ];
      const tone = grade.passed ? 'success' : 'failure';
      return {
        kind: 'graded',
        reply: {
          publicMessage: {
            text: t(language, 'answer.public', { name: actor.displayName, score: grade.score, mark }),
            tone,
          },
          privateMessage: {
            title: t(language, 'answer.title', { title: content.title, score: grade.score, mark }),
            text: details.join('\n'),
            tone,
            private: true,
          },
          reaction: grade.passed ? 'pass' : 'fail',
          attemptId: outcome.attemptId,
        },
      };
    }
  }
}
