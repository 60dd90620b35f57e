/**
 * The grading entry point: a pure function from a challenge and a reply to a score with the reasons for it.
 *
 * Each side (pain, fix) scores its concept coverage — concepts' weights times their credit (1 for a whole term
 * or all its words in a clause, less for a soft bigram match), counted once and only if some mention is not
 * denied — blended with the similarity of the reply's part for that side to the notes' text for it
 * (`REFERENCE_WEIGHT`, when the challenge has a reference). A denied concept takes its weight off its side.
 * Score = half each side when both exist. A bare keyword list or a too-short reply is capped below the pass mark;
 * a reply that fails here but passes a neighbouring topic (`Challenge.neighbours`) lands with the denials.
 */
import { detectLocale } from '../text/script.js';
import { deniesTrouble, offersRemedy, statesTrouble } from './everyday-cues.js';
import { feedbackFor } from './feedback.js';
import { clausesOf, type ClauseRange } from './groups.js';
import { findOccurrences, type Occurrence } from './match.js';
import { clauseDenies, denialOf, findCues, type Cue } from './negation.js';
import { prepareChallenge, type Group, type PreparedChallenge } from './prepare.js';
import { analyzeReply, type Reply, type Token } from './reply.js';
import { referenceSimilarity } from './similarity.js';
import { contentUnits, isKeywordList, listItems, MIN_ONE_SIDED_LIST_ITEMS, MIN_UNITS } from './style.js';
import type { Challenge, ConceptHit, Grade, GradeFlag, GradeOptions, GroupGrade } from './types.js';

/** Share of a side's score that comes from the similarity to the notes' text (the rest: concept coverage). */
export const REFERENCE_WEIGHT = 0.5;
/**
 * A side's blended coverage v earns 1 − (1 − v)^SIDE_CURVE: a learner states the point in a few words, not every
 * concept the notes list, so the first points count most (half the side earns 0.75), yet saying more always
 * earns more (no plateau where a partial answer ties a complete one). Chosen on the tuning half of the labeled set.
 */
export const SIDE_CURVE = 2;

/** Where a too-short reply lands at most: three quarters of the pass mark, and always below it. */
export function capFor(passMark: number): number {
  return Math.max(0, Math.min(passMark - 1, Math.floor(passMark * 0.75)));
}

/**
 * Where a bare keyword list lands at most: a sixth of the pass mark. Naming the terms without saying how they
 * connect is worth less than stating one side properly (a partial answer).
 */
export function listCapFor(passMark: number): number {
  return Math.max(0, Math.min(passMark - 1, Math.floor(passMark / 6)));
}

/**
 * Where a reply that denies as many of the notes' concepts as it affirms lands at most: a twelfth of the pass
 * mark, below a bare keyword list. It says the notes are wrong more than it says they are right, which is worse
 * than saying half of what they say (a partial answer) or only naming their terms.
 */
export function denialCapFor(passMark: number): number {
  return Math.floor(listCapFor(passMark) / 2);
}

/** Below this similarity to the notes' fix text, a reply's fix says little of what the notes say. */
export const WRONG_FIX_SIMILARITY = 0.5;

/**
 * A reply that settles the matter with a remedy of its own (…就行, "just …", "the fix is …") while naming none of
 * the notes' fix concepts and saying little of their fix text proposes a wrong fix: as wrong as denying the notes.
 */
function offersWrongFix(challenge: Challenge, fix: GroupGrade, fixSimilarity: number | null, reply: Reply): boolean {
  if (challenge.fix.length === 0 || fix.matched.length > 0) return false;
  if (fixSimilarity !== null && fixSimilarity >= WRONG_FIX_SIMILARITY) return false;
  return offersRemedy(reply);
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
      const credit = Math.max(...positive.map((m) => m.occurrence.degree));
      earned += weight * credit;
      matched.push({
        label: concept.label,
        credit: Math.round(credit * 100) / 100,
        words: [...new Set(positive.map((m) => m.occurrence.words))],
      });
    } else if (own.length > 0) {
      // Denying what the notes say is worse than leaving it out: the concept's weight is taken off.
      earned -= weight;
      negated.push(concept.label);
    } else missing.push(concept.label);
  });
  return { score: total > 0 ? Math.max(0, Math.round((100 * earned) / total)) : 0, matched, missing, negated };
}

/**
 * Each occurrence with its denial. A pain dismissed after a stated fix is the fix's effect, not a denial of the
 * pain ("用幂等，重复扣款就不是问题了"): it counts.
 */
function mentionsIn(
  prepared: PreparedChallenge,
  reply: Reply,
  occurrences: readonly Occurrence[],
  cues: readonly Cue[],
  covered: Uint8Array,
): Mention[] {
  const groupOf = (occ: Occurrence): Group => prepared.concepts[occ.concept]?.group ?? 'fix';
  const denials = occurrences.map((occ) => denialOf(reply, occ, groupOf(occ), cues, covered));
  const firstFix = occurrences.findIndex((occ, i) => groupOf(occ) === 'fix' && denials[i] === null);
  const firstFixToken = firstFix < 0 ? Infinity : (occurrences[firstFix] as Occurrence).last;
  return occurrences.map((occurrence, i) => {
    const denial = denials[i] ?? null;
    const effectOfFix = denial === 'dismissal' && occurrence.first > firstFixToken;
    return { occurrence, negated: denial !== null && !effectOfFix };
  });
}

function firstPositive(prepared: PreparedChallenge, mentions: readonly Mention[], group: Group): number {
  const hit = mentions.find((m) => !m.negated && prepared.concepts[m.occurrence.concept]?.group === group);
  return hit ? hit.occurrence.first : -1;
}

/** A side's score, 0–1: concept coverage, blended with the similarity when the notes have text for the side. */
function sideScore(coverage: number, similarity: number | null, hasConcepts: boolean): number {
  const blended =
    similarity === null
      ? coverage
      : !hasConcepts
        ? similarity
        : (1 - REFERENCE_WEIGHT) * coverage + REFERENCE_WEIGHT * similarity;
  return 1 - (1 - Math.max(0, Math.min(1, blended))) ** SIDE_CURVE;
}

/** Tokens a clause needs to say something of its own (a Han character or a Latin word each). */
const MIN_OWN_CLAUSE_TOKENS = 4;

/**
 * Notes with no pain text ask the learner for one in their own words. A reply has given one when, beside
 * another clause (where the fix can be), a clause says something goes wrong (`everyday-cues.ts`) or says
 * something besides the fix: a clause of its own naming none of the fix's concepts, unless it says some trouble
 * does not happen (that is a claim about the fix, not a pain). A one-clause reply, or one whose every clause names
 * the fix, has stated one side only, however well.
 */
function saysMoreThanTheFix(
  prepared: PreparedChallenge,
  reply: Reply,
  clauses: readonly ClauseRange[],
  positive: readonly Occurrence[],
): boolean {
  if (clauses.length < 2) return false;
  const fixStarts = positive.filter((o) => prepared.concepts[o.concept]?.group === 'fix').map((o) => o.first);
  return clauses.some(
    (clause) =>
      statesTrouble(reply, clause) ||
      (clause.last - clause.first + 1 >= MIN_OWN_CLAUSE_TOKENS &&
        !fixStarts.some((at) => clause.first <= at && at <= clause.last) &&
        !deniesTrouble(reply, clause)),
  );
}

interface OwnGrade {
  readonly grade: Omit<Grade, 'feedback' | 'language'>;
  readonly prepared: PreparedChallenge;
}

/**
 * Graded against a challenge's own pain and fix, then checked against its neighbours: a reply that fails here
 * but passes a topic beside this one answers that topic (a correct answer to the wrong question). It earns no
 * more than a denial: it says nothing right about this topic, though it may share its subject's words.
 */
export function gradeAnswer(challenge: Challenge, answer: string, options: GradeOptions): Grade {
  const reply = analyzeReply(answer);
  const { grade, prepared } = gradeOwn(challenge, reply, options);
  // Each neighbour costs a grade: asked only where the cap would lower the score. A too-short reply passes no topic.
  const cap = denialCapFor(options.passMark);
  const answered =
    grade.passed || grade.score <= cap || grade.flags.includes('too-short')
      ? undefined
      : challenge.neighbours?.find((neighbour) => gradeOwn(neighbour, reply, options).grade.passed);
  const language = detectLocale(answer, detectLocale(challenge.title));
  const final = answered
    ? {
        ...grade,
        score: cap,
        flags: [...grade.flags, 'other-topic' as const],
        otherTopic: answered.title,
        language,
      }
    : { ...grade, language };
  return { ...final, feedback: feedbackFor(final, options.passMark, prepared.concepts) };
}

function gradeOwn(challenge: Challenge, reply: Reply, options: GradeOptions): OwnGrade {
  const prepared = prepareChallenge(challenge, options);
  const clauses = clausesOf(reply);
  const occurrences = findOccurrences(prepared, reply);
  const covered = new Uint8Array(reply.tokens.length);
  for (const occ of occurrences) for (const [a, b] of occ.parts) covered.fill(1, a, b + 1);
  const cues = findCues(reply, covered);
  const mentions = mentionsIn(prepared, reply, occurrences, cues, covered);
  const pain = gradeGroup(prepared, 'pain', mentions);
  const fix = gradeGroup(prepared, 'fix', mentions);
  const positive = mentions.filter((m) => !m.negated).map((m) => m.occurrence);
  // A clause that denies a concept, or says something is not needed, says the opposite of the notes: it adds
  // no similarity.
  const deniedClauses = new Set(
    mentions.filter((m) => m.negated).map((m) => (reply.tokens[m.occurrence.first] as Token).clause),
  );
  const affirming = clauses.filter(
    (clause, index) => !deniedClauses.has(index) && !clauseDenies(reply, clause.first, clause.last, cues),
  );
  const similarity = referenceSimilarity(prepared, reply, affirming, positive);

  const hasPain = challenge.pain.length > 0 || (similarity?.pain ?? null) !== null;
  const hasFix = challenge.fix.length > 0 || (similarity?.fix ?? null) !== null;
  const painShare = !hasPain ? 0 : !hasFix ? 1 : 0.5;
  const fixShare = !hasFix ? 0 : 1 - painShare;
  const painSide = sideScore(pain.score / 100, similarity?.pain ?? null, challenge.pain.length > 0);
  const fixSide = sideScore(fix.score / 100, similarity?.fix ?? null, challenge.fix.length > 0);
  let score = Math.round(100 * (painShare * painSide + fixShare * fixSide));

  const named = new Set(occurrences.map((o) => o.concept)).size;
  const flags: GradeFlag[] = [];
  if (pain.negated.length + fix.negated.length > 0) flags.push('negation');
  const spans = occurrences.flatMap((o) => o.parts.map(([first, last]) => ({ first, last })));
  const sidesNamed = new Set(occurrences.map((o) => prepared.concepts[o.concept]?.group)).size;
  const keywordList =
    (sidesNamed === 2 || listItems(reply) >= MIN_ONE_SIDED_LIST_ITEMS) &&
    isKeywordList(reply, spans, named, options.segmenter);
  if (keywordList) flags.push('keyword-list');
  const painUnsaid = !hasPain && hasFix && !saysMoreThanTheFix(prepared, reply, affirming, positive);
  if (fix.matched.length > 0 && (painUnsaid || (pain.matched.length === 0 && challenge.pain.length > 0)))
    flags.push('fix-only');
  if (pain.matched.length > 0 && fix.matched.length === 0 && challenge.fix.length > 0) flags.push('pain-only');
  const tooShort = contentUnits(reply) < MIN_UNITS;
  if (tooShort) flags.push('too-short');
  if (named === 0) flags.push('off-topic');
  const firstPain = firstPositive(prepared, mentions, 'pain');
  const firstFix = firstPositive(prepared, mentions, 'fix');
  if (firstPain >= 0 && firstFix >= 0 && firstFix < firstPain) flags.push('fix-before-pain');

  if (tooShort || painUnsaid) score = Math.min(score, capFor(options.passMark));
  if (keywordList) score = Math.min(score, listCapFor(options.passMark));
  const denied = pain.negated.length + fix.negated.length;
  if (denied > 0 && denied >= pain.matched.length + fix.matched.length) {
    score = Math.min(score, denialCapFor(options.passMark));
  }
  if (offersWrongFix(challenge, fix, similarity?.fix ?? null, reply))
    score = Math.min(score, denialCapFor(options.passMark));
  const passed = score >= options.passMark;
  return { grade: { score, passed, pain, fix, similarity, flags }, prepared };
}
