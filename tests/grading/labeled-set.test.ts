/**
 * The hand-labeled set: replies over 20+ seed topics with the pass/fail a teacher would give. The grader
 * must agree on at least 90% of them, and within each topic rank strong > partial > off-topic replies.
 */
import { describe, expect, it } from 'vitest';
import { gradeAnswer } from '../../src/grading/grade.js';
import { CLASSES, loadLabeledSet } from './labeled-set.js';

const set = loadLabeledSet();
const graded = set.topics.map((topic) => ({
  topic,
  replies: topic.replies.map((reply) => ({
    ...reply,
    grade: gradeAnswer(topic.challenge, reply.answer, { passMark: set.passMark }),
  })),
}));
const all = graded.flatMap((t) => t.replies.map((r) => ({ ...r, topic: t.topic.id })));

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('labeled set', () => {
  it('is big and varied enough: 80+ replies, 20+ topics, every class', () => {
    expect(all.length).toBeGreaterThanOrEqual(80);
    expect(set.topics.length).toBeGreaterThanOrEqual(20);
    expect(new Set(all.map((r) => r.class))).toEqual(new Set(CLASSES));
  });

  it('agrees with the expected pass/fail on at least 90% of replies', () => {
    const disagreements = all.filter((r) => r.grade.passed !== r.pass);
    const agreement = 1 - disagreements.length / all.length;
    const report = disagreements.map(
      (r) => `${r.topic}/${r.class} score ${r.grade.score} [${r.grade.flags.join(',')}]: ${r.answer}`,
    );
    expect(agreement, report.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it.each(graded.map((t) => [t.topic.id, t] as const))('ranks strong > partial > off-topic within %s', (_id, t) => {
    const scores = (cls: string) => t.replies.filter((r) => r.class === cls).map((r) => r.grade.score);
    expect(mean(scores('strong'))).toBeGreaterThan(mean(scores('partial')));
    expect(mean(scores('partial'))).toBeGreaterThan(mean(scores('off-topic')));
  });

  it('fails every off-topic, negated, keyword-list, pain-only and fix-only reply', () => {
    const mustFail = all.filter((r) =>
      ['off-topic', 'negated', 'keyword-list', 'pain-only', 'fix-only'].includes(r.class),
    );
    expect(mustFail.filter((r) => r.grade.passed).map((r) => `${r.topic}/${r.class}: ${r.answer}`)).toEqual([]);
  });
});
