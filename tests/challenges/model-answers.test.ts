/**
 * The model answer is revealed when a daily challenge closes, as the example of a good answer: on the real
 * knowledge, each one must pass its own grading, and read as an explanation that states the pain before the fix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, type ChallengeKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { gradeAnswer } from '../../src/grading/grade.js';
import type { Challenge, Grade } from '../../src/grading/types.js';
import { SEED_DIR } from './seed.js';

const PASS_MARK = 60;

interface Graded {
  readonly challenge: Challenge;
  readonly curated: boolean;
  readonly grade: Grade;
}

let kb: ChallengeKnowledgeBase;
let daily: Graded[];

/** One line per answer, so a failure names the topic and why. */
function describeGrade({ challenge, grade }: Graded): string {
  const missing = [...grade.pain.missing, ...grade.fix.missing].join(';');
  return `${challenge.path.join(' > ')}: ${grade.score} [${grade.flags.join(',')}] missing: ${missing}`;
}

beforeAll(async () => {
  kb = await loadKnowledgeBase(SEED_DIR);
  daily = kb.dailyTopics().map((id) => {
    const challenge = kb.challengeFor(id);
    if (!challenge) throw new Error(`daily topic ${id} has no challenge`);
    const grade = gradeAnswer(challenge, challenge.modelAnswer, { passMark: PASS_MARK, glossary: kb.graph.glossary });
    return { challenge, curated: kb.isCurated(id), grade };
  });
});

describe('model answers of the daily topics', () => {
  it('cover curated and derived challenges alike', () => {
    expect(daily.filter((d) => d.curated).length).toBeGreaterThan(0);
    expect(daily.filter((d) => !d.curated).length).toBeGreaterThan(0);
  });

  it('each pass their own grading at the pass mark', () => {
    expect(daily.filter((d) => !d.grade.passed).map(describeGrade)).toEqual([]);
  });

  it('are written in sentences, not as a keyword list, when curated', () => {
    expect(daily.filter((d) => d.curated && d.grade.flags.includes('keyword-list')).map(describeGrade)).toEqual([]);
  });

  it('state the pain point, then the fix', () => {
    const unordered = daily.filter(
      (d) => d.grade.flags.includes('fix-only') || d.grade.flags.includes('fix-before-pain'),
    );
    expect(unordered.map(describeGrade)).toEqual([]);
  });
});
