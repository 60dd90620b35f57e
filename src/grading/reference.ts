/**
 * The notes' own pain and fix text (`Challenge.reference`) as content words, each with its spellings in both
 * languages, so a reply can be compared with it word by word: how much of what the notes say on each side
 * does the reply's matching part say too.
 */
import { isStopword } from '../text/stopwords.js';
import { wordGroup, type WordGroup } from './patterns.js';
import { foldForGrading } from './reply.js';
import type { ChallengeReference, MatchTools } from './types.js';

export interface PreparedReference {
  readonly pain: readonly WordGroup[];
  readonly fix: readonly WordGroup[];
}

/** A long section says much more than a pain and a fix; its first distinct content words carry the point. */
export const MAX_REFERENCE_WORDS = 40;

const HAN = /\p{Script=Han}/u;

function isContent(word: string): boolean {
  if (isStopword(word)) return false;
  // A single Han character or a single letter is too common to show that two texts say the same thing.
  return HAN.test(word) ? word.length >= 2 : word.length >= 2 && /\p{L}/u.test(word);
}

/** Without a segmenter: Latin words, and each Han run as its character bigrams. */
function bigramWords(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []) {
    if (!HAN.test(run)) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

function contentWords(text: string, tools: MatchTools): WordGroup[] {
  const folded = foldForGrading(text);
  const words = tools.segmenter ? tools.segmenter.words(folded) : bigramWords(folded);
  const distinct = [...new Set(words.filter(isContent))].slice(0, MAX_REFERENCE_WORDS);
  return distinct.map((w) => wordGroup(w, tools.dictionary));
}

export function compileReference(reference: ChallengeReference, tools: MatchTools): PreparedReference {
  return { pain: contentWords(reference.pain, tools), fix: contentWords(reference.fix, tools) };
}
