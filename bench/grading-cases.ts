/**
 * What the grading benchmarks grade (`grading.ts` and its child `grading-cpu.ts`): the labeled set's 23
 * challenges with the seed's grading tools, as in production — the glossary, the segmenter with the seed's titles
 * and glossary terms, the bilingual dictionary (CC-CEDICT loaded before measuring). Each challenge is given a
 * reference text (its first strong reply, standing in for the notes' pain and fix text), so the similarity is
 * computed too.
 */
import { gradeAnswer } from '../src/grading/grade.js';
import type { Challenge, GradeOptions } from '../src/grading/types.js';
import { gradingToolsFor, warmGradingTools } from '../src/grading/tools.js';
import { loadKnowledgeGraph } from '../src/knowledge/load.js';
import { loadLabeledSet } from '../tests/grading/labeled-set.js';

const PASS_MARK = 60;

export const labeled = loadLabeledSet();
const seed = await loadKnowledgeGraph(new URL('../knowledge', import.meta.url).pathname);
warmGradingTools(seed);
export const tools = gradingToolsFor(seed);
export const options: GradeOptions = { passMark: PASS_MARK, ...tools };
const challenges = new Map(
  labeled.topics.map((topic) => {
    const strong = topic.replies.find((r) => r.class === 'strong')?.answer ?? '';
    const challenge: Challenge = { ...topic.challenge, reference: { pain: strong, fix: strong } };
    return [topic.id, challenge];
  }),
);
export const challengeOf = (topic: (typeof labeled.topics)[number]): Challenge => challenges.get(topic.id) as Challenge;

const HAN = /\p{Script=Han}/u;

export type ReplyKind = 'zh' | 'mixed';

export interface GradeCase {
  readonly challenge: Challenge;
  readonly reply: string;
}

/** Replies of exactly `length` characters for each topic, its own answers first, then the others' as padding. */
export function repliesOf(length: number, kind: ReplyKind): GradeCase[] {
  const pool = labeled.topics.flatMap((t) => t.replies.map((r) => r.answer));
  const fits = (answer: string) => {
    const han = [...answer].filter((c) => HAN.test(c)).length;
    return kind === 'zh' ? han / answer.length > 0.6 : han > 0 && han / answer.length <= 0.6;
  };
  return labeled.topics.map((topic) => {
    const own = topic.replies.map((r) => r.answer).filter(fits);
    const padding = pool.filter(fits);
    let text = '';
    for (let i = 0; text.length < length; i++) text += (i < own.length ? own[i] : padding[i % padding.length]) ?? '';
    return { challenge: challengeOf(topic), reply: [...text].slice(0, length).join('') };
  });
}

/** The bot grades for days: measure the steady state, after the JIT has compiled the grading path. */
export const WARMUP_GRADES = 2000;

export function warmUp(cases: readonly GradeCase[]): void {
  for (let i = 0; i < WARMUP_GRADES; i++) {
    const c = cases[i % cases.length] as GradeCase;
    gradeAnswer(c.challenge, c.reply, options);
  }
}
