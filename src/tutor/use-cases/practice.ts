/**
 * Practice: a personal challenge on demand, scored but counted for no streak or points and using none of
 * the daily's attempts. `/practice` starts one (on a topic, or the next by the clock; `chain`: the follow-up
 * of the last passed topic), `/practice-answer` answers the one waiting.
 */
import type { Challenge } from '../../grading/types.js';
import type { Actor, CommandReply } from '../api.js';
import { ensureWorkspace, userRef, type Core } from '../core.js';
import { refusal } from '../errors.js';
import { t } from '../i18n.js';
import type { OutMessage } from '../messages.js';
import { practiceMessage, unknownTopic } from '../views.js';
import { gradeReply, resolveChallenge } from './grade-topic.js';
import { nextReviewLine, reviewAlongside } from './review-record.js';
import { chainOffer, isChainQuery, practiceContent, startChainPractice } from './chain.js';

/** A practice challenge waits this long for its answer. */
const PRACTICE_TTL_MS = 60 * 60_000;

export async function startPractice(core: Core, actor: Actor, query: string | undefined): Promise<CommandReply> {
  const locale = actor.locale;
  if (query && isChainQuery(query)) {
    return startChainPractice(core, actor, (content, practiceId) => begin(core, actor, content, practiceId));
  }
  const kb = core.knowledge();
  let content: Challenge | null;
  if (query) {
    // The same resolution as `/topic` and `tutor grade --topic`: the best hit, or close topics when none.
    const target = resolveChallenge(kb, query);
    if (target.kind !== 'found') {
      const close = target.kind === 'no-challenge' ? [target.topic] : target.nearest;
      return { messages: [unknownTopic(locale, query, close)] };
    }
    content = target.challenge;
  } else {
    const topics = kb.dailyTopics();
    const topicId = topics[core.clock.now().getTime() % Math.max(topics.length, 1)];
    content = topicId ? kb.challengeFor(topicId) : null;
  }
  if (!content) return { messages: [refusal(locale, 'no-topics', 'challenge.no-topics')] };
  return begin(core, actor, content, content.topicId);
}

/** Sets the learner's waiting practice (`practiceId`: a topic, or a chain's follow-up) and asks it. */
async function begin(core: Core, actor: Actor, content: Challenge, practiceId: string): Promise<CommandReply> {
  // The practice waits in the store, so a restart keeps it; answering it (recordPractice) ends it.
  const now = core.clock.now();
  await ensureWorkspace(core, actor);
  await core.store.meetTopic(userRef(actor), content.topicId, now);
  await core.store.startPractice({
    user: userRef(actor),
    topicId: practiceId,
    at: now,
    expiresAt: new Date(now.getTime() + PRACTICE_TTL_MS),
  });
  return { messages: [practiceMessage(actor.locale, content)], practice: { title: content.title } };
}

/** Answers the learner's waiting practice challenge: it never touches the daily's attempts. */
export async function answerPractice(core: Core, actor: Actor, text: string): Promise<CommandReply> {
  const pending = await core.store.pendingPractice(userRef(actor), core.clock.now());
  const content = pending && practiceContent(core.knowledge(), pending.topicId, actor.locale);
  if (!pending || !content) {
    return { messages: [refusal(actor.locale, 'no-practice', 'practice.none')], practice: null };
  }
  return { messages: [await gradePractice(core, actor, content, pending.topicId, text)], practice: null };
}

async function gradePractice(
  core: Core,
  actor: Actor,
  content: Challenge,
  practiceId: string,
  text: string,
): Promise<OutMessage> {
  const grade = gradeReply(core, content, text);
  await ensureWorkspace(core, actor);
  const { attemptId } = await core.store.recordPractice({
    user: userRef(actor),
    topicId: practiceId,
    text,
    score: grade.score,
    passed: grade.passed,
    at: core.clock.now(),
  });
  const card = await reviewAlongside(core, actor, {
    topicId: content.topicId,
    kind: 'practice',
    grade,
    dedupeKey: `practice:${attemptId}`,
  });
  const language = grade.language;
  const mark = t(language, grade.passed ? 'mark.pass' : 'mark.fail');
  const offer = grade.passed ? chainOffer(core.knowledge(), practiceId, language) : null;
  return {
    title: t(language, 'answer.practice-title', { title: content.title, score: grade.score, mark }),
    text: [
      grade.feedback,
      '',
      t(language, 'answer.practice-note'),
      ...(card ? [nextReviewLine(language, card, core.clock.now())] : []),
      ...(offer ? ['', offer] : []),
    ].join('\n'),
    tone: grade.passed ? 'success' : 'failure',
    private: true,
  };
}
