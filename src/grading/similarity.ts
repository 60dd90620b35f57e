/**
 * Similarity of the reply to the notes' own pain and fix text (`Challenge.reference`), one visible component of
 * the score. The reply is cut into its pain part and its fix part — each clause goes to the one side whose words
 * (concepts and the notes' words) it holds more of, the pain on a tie — and each part is compared with that side of the notes:
 * the share of the notes' content words it says too (in either language), saturating at `SATURATION` words,
 * since a learner states the point, not the whole section.
 */
import { groupHits, type ClauseRange } from './groups.js';
import type { Occurrence } from './occurrence.js';
import type { PreparedChallenge } from './prepare.js';
import { statesTrouble } from './everyday-cues.js';
import type { WordGroup } from './patterns.js';
import type { Reply } from './reply.js';

export interface SideSimilarity {
  /** 0–1; null when the notes have no text for this side. */
  readonly pain: number | null;
  readonly fix: number | null;
}

/** Words of the notes a reply needs to say for full similarity on a side (fewer when the notes say fewer). */
export const SATURATION = 5;

/**
 * The pain similarity of a reply that names the fix and, in a clause of its own, says what goes wrong in its
 * own words (`everyday-cues.ts`): as much as saying two of the notes' pain words. Less than a pain concept earns,
 * since it shows there is a pain side, not that it is the notes' pain.
 */
export const TROUBLE_SIMILARITY = 0.3;

/**
 * The reference words each clause says. Word by word over the reply's (memoized) hits, not clause by clause
 * over every word: most words occur nowhere, and those cost one lookup.
 */
function hitsPerClause(
  reply: Reply,
  clauses: readonly ClauseRange[],
  words: readonly WordGroup[],
  prepared: PreparedChallenge,
): Set<number>[] {
  const out = clauses.map(() => new Set<number>());
  const clauseOf = new Int32Array(reply.tokens.length).fill(-1);
  clauses.forEach((clause, index) => clauseOf.fill(index, clause.first, clause.last + 1));
  words.forEach((word, index) => {
    const hits = groupHits(reply, word, prepared.dictionary);
    for (let i = 0; i < hits.length; i++) {
      const [first, last] = hits[i] as readonly [number, number];
      const at = clauseOf[first] as number;
      if (at >= 0 && clauseOf[last] === at) (out[at] as Set<number>).add(index);
    }
  });
  return out;
}

function conceptsPerClause(
  reply: Reply,
  clauses: readonly ClauseRange[],
  occurrences: readonly Occurrence[],
  prepared: PreparedChallenge,
  group: 'pain' | 'fix',
): number[] {
  const counts = clauses.map(() => 0);
  for (const occ of occurrences) {
    if (prepared.concepts[occ.concept]?.group !== group) continue;
    const at = clauses.findIndex((c) => c.first <= occ.first && occ.first <= c.last);
    if (at >= 0) counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts;
}

function share(hits: ReadonlySet<number>, total: number): number | null {
  if (total === 0) return null;
  return Math.min(1, hits.size / Math.min(total, SATURATION));
}

export function referenceSimilarity(
  prepared: PreparedChallenge,
  reply: Reply,
  clauses: readonly ClauseRange[],
  occurrences: readonly Occurrence[],
): SideSimilarity | null {
  const reference = prepared.reference;
  if (!reference) return null;
  const painHits = hitsPerClause(reply, clauses, reference.pain, prepared);
  const fixHits = hitsPerClause(reply, clauses, reference.fix, prepared);
  const painConcepts = conceptsPerClause(reply, clauses, occurrences, prepared, 'pain');
  const fixConcepts = conceptsPerClause(reply, clauses, occurrences, prepared, 'fix');
  const pain = new Set<number>();
  const fix = new Set<number>();
  clauses.forEach((_, i) => {
    const towardPain = (painHits[i] as Set<number>).size + (painConcepts[i] ?? 0);
    const towardFix = (fixHits[i] as Set<number>).size + (fixConcepts[i] ?? 0);
    // A clause says one thing: it counts toward one side, never both (one clause filled both sides' similarity,
    // so a one-line half answer scored as a whole one). On a tie, the pain's: replies open with it.
    if (towardPain > 0 && towardPain >= towardFix) for (const w of painHits[i] as Set<number>) pain.add(w);
    else if (towardFix > 0) for (const w of fixHits[i] as Set<number>) fix.add(w);
  });
  const painShare = share(pain, reference.pain.length);
  const namesFix = fixConcepts.some((count) => count > 0);
  const troubleStated = namesFix && clauses.some((clause, i) => fixConcepts[i] === 0 && statesTrouble(reply, clause));
  return {
    pain: painShare !== null && troubleStated ? Math.max(painShare, TROUBLE_SIMILARITY) : painShare,
    fix: share(fix, reference.fix.length),
  };
}
