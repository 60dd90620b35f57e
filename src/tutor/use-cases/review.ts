/**
 * `/review`: the learner's most overdue topic, asked privately and kept waiting in the store (like a
 * practice), answered with `/review answer`, graded, rescheduled by FSRS and never counted for streaks or
 * points; and the daily reminder opt-in of a channel.
 */
import { dayEnd } from '../../domain/calendar.js';
import { daysUntil } from '../../domain/review.js';
import { rejectAnswer } from '../../grading/reject.js';
import type { Actor, CommandReply, Place } from '../api.js';
import { channelOf, ensureWorkspace, userRef, zoneOf, type Core } from '../core.js';
import { errorMessage, refusal } from '../errors.js';
import { t } from '../i18n.js';
import { askOf, breadcrumb, notice, reply } from '../views.js';
import { gradeReply } from './grade-topic.js';
import { nextReviewLine, reviewTopic } from './review-record.js';

/** A review question waits this long for its answer. */
const REVIEW_TTL_MS = 60 * 60_000;
/** Due cards read to find one whose topic the current notes still hold. */
const DUE_SCAN = 500;

export async function askReview(core: Core, actor: Actor, place: Place): Promise<CommandReply> {
  const { locale } = actor;
  const now = core.clock.now();
  const user = userRef(actor);
  const zone = await zoneOf(core, place);
  // Intervals are whole days: a card due later today is today's review.
  const due = await core.store.dueCards(user, dayEnd(core.dayOf(now, zone), zone), DUE_SCAN);
  const kb = core.knowledge();
  // A topic the notes dropped since (a reload) stays scheduled but cannot be asked.
  const card = due.find((c) => kb.challengeFor(c.topicId) !== null);
  const content = card ? kb.challengeFor(card.topicId) : null;
  if (!card || !content) return reply(await nothingDue(core, actor, place));
  await ensureWorkspace(core, actor);
  await core.store.startReview({
    user,
    topicId: card.topicId,
    at: now,
    expiresAt: new Date(now.getTime() + REVIEW_TTL_MS),
  });
  return reply({
    title: t(locale, 'review.title', { title: content.title }),
    text: [
      `_${breadcrumb(content.path)}_`,
      '',
      askOf(locale, content),
      '',
      t(locale, 'review.due-since', { date: core.dayOf(card.due, zone), count: due.length }),
      t(locale, 'review.how'),
    ].join('\n'),
    tone: 'neutral',
    private: true,
  });
}

async function nothingDue(core: Core, actor: Actor, place: Place) {
  const next = await core.store.nextDue(userRef(actor));
  if (next === null) return { ...notice(t(actor.locale, 'review.no-cards')), private: true };
  const now = core.clock.now();
  const date = core.dayOf(next, await zoneOf(core, place));
  return { ...notice(t(actor.locale, 'review.nothing-due', { date, days: daysUntil(next, now) })), private: true };
}

export async function answerReview(core: Core, actor: Actor, text: string): Promise<CommandReply> {
  const rejection = rejectAnswer(text, actor.locale);
  if (rejection) return reply(errorMessage(rejection.id, rejection.message));
  const pending = await core.store.pendingReview(userRef(actor), core.clock.now());
  const content = pending === null ? null : core.knowledge().challengeFor(pending.topicId);
  if (!pending || !content) return reply(refusal(actor.locale, 'no-review', 'review.none-waiting'));
  const grade = gradeReply(core, content, text);
  // The waiting question is the review's identity: answering it ends it in the same transaction, so a
  // second answer to one question (a retry racing the first) reviews the card once.
  const card = await reviewTopic(core, actor, {
    topicId: content.topicId,
    kind: 'review',
    grade,
    dedupeKey: `review:${actor.platform}:${actor.workspaceId}:${actor.userId}:${pending.startedAt.getTime()}`,
  });
  const language = grade.language;
  const mark = t(language, grade.passed ? 'mark.pass' : 'mark.fail');
  return reply({
    title: t(language, 'review.answer-title', { title: content.title, score: grade.score, mark }),
    text: [
      grade.feedback,
      '',
      t(language, 'review.note'),
      ...(card ? [nextReviewLine(language, card, core.clock.now())] : []),
    ].join('\n'),
    tone: grade.passed ? 'success' : 'failure',
    private: true,
  });
}

export async function setReviewReminder(
  core: Core,
  actor: Actor,
  place: Place,
  enabled: boolean,
): Promise<CommandReply> {
  const channel = await channelOf(core, place);
  await core.store.setReminder(userRef(actor), channel.id, enabled);
  const text = enabled
    ? t(actor.locale, 'review.remind-on', { time: channel.scheduleTime, zone: channel.timeZone })
    : t(actor.locale, 'review.remind-off');
  return reply({ ...notice(text, 'success'), private: true });
}
