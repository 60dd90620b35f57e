/**
 * A topic query to its challenge, and a reply to its grade: the one path behind `/practice <topic>` with
 * `/practice-answer`, the daily answer, and `tutor grade --topic`, so chat and the command line cannot
 * disagree on which topic a query names or what a reply scores.
 */
import type { KnowledgeBase, TopicRef } from '../../challenges/types.js';
import { gradeAnswer } from '../../grading/grade.js';
import { rejectAnswer } from '../../grading/reject.js';
import { gradeResultJson, type GradeResultJson } from '../../grading/result-json.js';
import { gradingToolsFor } from '../../grading/tools.js';
import type { AnswerRejection, Challenge, Grade } from '../../grading/types.js';
import { detectLocale } from '../../text/script.js';

export type { GradeResultJson, KnowledgeBase, TopicRef };

/** What grading needs of the core: the notes and the pass mark. `Core` is one; `tutor grade` builds another. */
export interface Grading {
  readonly knowledge: () => KnowledgeBase;
  readonly config: { readonly passMark: number };
}

export type ChallengeResolution =
  | { readonly kind: 'found'; readonly topic: TopicRef; readonly challenge: Challenge }
  /** The best hit has no content to grade against. */
  | { readonly kind: 'no-challenge'; readonly topic: TopicRef }
  /** Nothing above the similarity floor; `nearest` may be empty, and is when no note was loaded at all. */
  | { readonly kind: 'unknown-topic'; readonly nearest: readonly TopicRef[]; readonly emptyKnowledge: boolean };

const topicRef = (topic: TopicRef): TopicRef => ({ id: topic.id, title: topic.title, path: topic.path });

export function resolveChallenge(kb: KnowledgeBase, query: string): ChallengeResolution {
  const resolution = kb.resolveTopic(query);
  if (!resolution.found) {
    return { kind: 'unknown-topic', nearest: resolution.nearest, emptyKnowledge: kb.graph.nodes.size === 0 };
  }
  const topic = topicRef(resolution.topic);
  return resolution.challenge
    ? { kind: 'found', topic, challenge: resolution.challenge }
    : { kind: 'no-challenge', topic };
}

/** Grades a reply against a challenge with the notes' grading tools (segmenter, dictionary, glossary). */
export function gradeReply(grading: Grading, challenge: Challenge, text: string): Grade {
  return gradeAnswer(challenge, text, {
    passMark: grading.config.passMark,
    ...gradingToolsFor(grading.knowledge().graph),
  });
}

export type TopicGradeOutcome =
  | { readonly kind: 'graded'; readonly result: GradeResultJson }
  | { readonly kind: 'rejected'; readonly id: AnswerRejection['id']; readonly message: string }
  | Exclude<ChallengeResolution, { readonly kind: 'found' }>;

/**
 * A reply to the topic a query resolves to, as chat grades it: refused when empty or over-long (explained in
 * the reply's language, else the query's), else resolved and graded.
 */
export function gradeTopicReply(
  grading: Grading,
  query: string,
  text: string,
  resolve: (query: string) => ChallengeResolution = (q) => resolveChallenge(grading.knowledge(), q),
): TopicGradeOutcome {
  const rejection = rejectAnswer(text, detectLocale(text, detectLocale(query)));
  if (rejection) return { kind: 'rejected', id: rejection.id, message: rejection.message };
  const target = resolve(query);
  if (target.kind !== 'found') return target;
  return { kind: 'graded', result: gradeResultJson(target.topic, gradeReply(grading, target.challenge, text)) };
}

/**
 * `gradeTopicReply` for a batch over fixed notes: each distinct query is resolved once, however many replies
 * name it.
 */
export function topicGrader(grading: Grading): (query: string, text: string) => TopicGradeOutcome {
  const targets = new Map<string, ChallengeResolution>();
  const resolve = (query: string) => {
    let target = targets.get(query);
    if (!target) targets.set(query, (target = resolveChallenge(grading.knowledge(), query)));
    return target;
  };
  return (query, text) => gradeTopicReply(grading, query, text, resolve);
}
