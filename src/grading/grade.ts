/**
 * The grading entry point: a pure function from a challenge and a reply to a score with the reasons for it.
 * Score = pain share × pain coverage + fix share × fix coverage (half each when both groups exist), each
 * coverage weighted by the concepts' weights; a concept counts once, and only if some mention of it is not
 * negated. A bare keyword list or a too-short reply is capped below the pass mark.
 */
import { detectLocale } from '../text/script.js';
import { feedbackFor } from './feedback.js';
import { findOccurrences, type Occurrence } from './match.js';
import { findCues, isNegated } from './negation.js';
import { prepareChallenge, type Group, type PreparedChallenge } from './prepare.js';
import { analyzeReply, type Reply } from './reply.js';
import { contentUnits, isKeywordList, MIN_UNITS } from './style.js';
import type { Challenge, ConceptHit, Grade, GradeFlag, GradeOptions, GroupGrade } from './types.js';

/** Where a capped reply lands: three quarters of the pass mark, and always below it. */
export function capFor(passMark: number): number {
  return Math.max(0, Math.min(passMark - 1, Math.floor(passMark * 0.75)));
}

interface Mention {
  readonly occurrence: Occurrence;
  readonly negated: boolean;
}

function gradeGroup(prepared: PreparedChallenge, group: Group, mentions: readonly Mention[]): GroupGrade {
  const matched: ConceptHit[] = [];
  const missing: string[] = [];
  const negated: string[] = [];
  let total = 0;
  let earned = 0;
  prepared.concepts.forEach(({ concept, group: g }, index) => {
    if (g !== group) return;
    const weight = Number.isFinite(concept.weight) && concept.weight > 0 ? concept.weight : 0;
    total += weight;
    const own = mentions.filter((m) => m.occurrence.concept === index);
    const positive = own.filter((m) => !m.negated);
    if (positive.length > 0) {
      earned += weight;
      matched.push({ label: concept.label, words: [...new Set(positive.map((m) => m.occurrence.words))] });
    } else if (own.length > 0) negated.push(concept.label);
    else missing.push(concept.label);
  });
  return { score: total > 0 ? Math.round((100 * earned) / total) : 0, matched, missing, negated };
}

/**
 * Each occurrence with its negation. A negated pain after a stated fix is the fix's effect, not a denial
 * of the pain ("用幂等，重试就不会重复扣款"; "idempotency means retries cause no duplicates"): it counts.
 */
function mentionsIn(prepared: PreparedChallenge, reply: Reply): { mentions: Mention[]; occurrences: Occurrence[] } {
  const occurrences = findOccurrences(prepared, reply);
  const covered = new Uint8Array(reply.tokens.length);
  for (const occ of occurrences) covered.fill(1, occ.first, occ.last + 1);
  const cues = findCues(reply, covered);
  const groupOf = (occ: Occurrence) => prepared.concepts[occ.concept]?.group;
  const negated = occurrences.map((occ) => isNegated(reply, occ, cues, covered));
  const firstFix = occurrences.findIndex((occ, i) => groupOf(occ) === 'fix' && !negated[i]);
  const firstFixToken = firstFix < 0 ? Infinity : (occurrences[firstFix] as Occurrence).last;
  return {
    mentions: occurrences.map((occurrence, i) => ({
      occurrence,
      negated: (negated[i] ?? false) && !(groupOf(occurrence) === 'pain' && occurrence.first > firstFixToken),
    })),
    occurrences,
  };
}

function firstPositive(prepared: PreparedChallenge, mentions: readonly Mention[], group: Group): number {
  const hit = mentions.find((m) => !m.negated && prepared.concepts[m.occurrence.concept]?.group === group);
  return hit ? hit.occurrence.first : -1;
}

export function gradeAnswer(challenge: Challenge, answer: string, options: GradeOptions): Grade {
  const prepared = prepareChallenge(challenge, options.glossary);
  const reply = analyzeReply(answer);
  const { mentions, occurrences } = mentionsIn(prepared, reply);
  const pain = gradeGroup(prepared, 'pain', mentions);
  const fix = gradeGroup(prepared, 'fix', mentions);

  const painShare = challenge.pain.length === 0 ? 0 : challenge.fix.length === 0 ? 1 : 0.5;
  const fixShare = challenge.fix.length === 0 ? 0 : 1 - painShare;
  let score = Math.round(painShare * pain.score + fixShare * fix.score);

  const named = new Set(mentions.map((m) => m.occurrence.concept)).size;
  const flags: GradeFlag[] = [];
  if (pain.negated.length + fix.negated.length > 0) flags.push('negation');
  const keywordList = isKeywordList(reply, occurrences, named);
  if (keywordList) flags.push('keyword-list');
  if (fix.matched.length > 0 && pain.matched.length === 0 && challenge.pain.length > 0) flags.push('fix-only');
  if (pain.matched.length > 0 && fix.matched.length === 0 && challenge.fix.length > 0) flags.push('pain-only');
  const tooShort = contentUnits(reply) < MIN_UNITS;
  if (tooShort) flags.push('too-short');
  if (named === 0) flags.push('off-topic');
  const firstPain = firstPositive(prepared, mentions, 'pain');
  const firstFix = firstPositive(prepared, mentions, 'fix');
  if (firstPain >= 0 && firstFix >= 0 && firstFix < firstPain) flags.push('fix-before-pain');

  if (keywordList || tooShort) score = Math.min(score, capFor(options.passMark));
  const passed = score >= options.passMark;
  const language = detectLocale(answer, detectLocale(challenge.title));
  const grade = { score, passed, pain, fix, flags, language };
  return { ...grade, feedback: feedbackFor(grade, options.passMark) };
}
