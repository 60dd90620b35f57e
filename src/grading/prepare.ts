/**
 * A challenge compiled for matching: every way to say each concept (label, aliases, and their glossary
 * synonyms in both directions), folded and tokenized once, and an index from Han characters to the
 * aliases that may be mistyped as homophones. Cached per challenge object, so callers just pass the challenge.
 */
import type { Glossary } from '../knowledge/types.js';
import { foldForGrading, analyzeFolded } from './reply.js';
import type { Challenge, Concept } from './types.js';

export type Group = 'pain' | 'fix';

export interface WordPattern {
  readonly text: string;
  readonly stem: string;
  /** Acronyms and words with digits (2PC, HPA, crc16, k8s): exact only. */
  readonly exact: boolean;
  /** Long words (≥ 7 letters) also match with one edit. */
  readonly fuzzy: boolean;
}

/**
 * `compact`: an alias with Han characters, found as a substring of the reply's compact form, on token
 * boundaries. `words`: a Latin alias, matched word by word on consecutive tokens.
 */
export type AliasPattern =
  | {
      readonly kind: 'compact';
      readonly compact: string;
      readonly chars: readonly string[];
      readonly homophones: boolean;
    }
  | { readonly kind: 'words'; readonly words: readonly WordPattern[] };

export interface PreparedConcept {
  readonly concept: Concept;
  readonly group: Group;
  readonly patterns: readonly AliasPattern[];
}

export interface HomophoneEntry {
  readonly concept: number;
  /** Numbers the homophone-eligible aliases of the challenge, 0, 1, 2…: one alias, one id. */
  readonly alias: number;
  /** The alias's characters. */
  readonly chars: readonly string[];
  /** The alias as text: a homophone window must read the same in context (computed only for candidates). */
  readonly text: string;
  /** Position of the character inside the alias. */
  readonly offset: number;
}

export interface PreparedChallenge {
  readonly challenge: Challenge;
  readonly concepts: readonly PreparedConcept[];
  /** Han character → the homophone-eligible aliases containing it. */
  readonly homophoneIndex: ReadonlyMap<string, readonly HomophoneEntry[]>;
}

export const FUZZY_MIN_LENGTH = 7;
// Two characters are the shortest alias worth a homophone check; past eight, typos are not homophones.
const HOMOPHONE_MIN_CHARS = 2;
const HOMOPHONE_MAX_CHARS = 8;

const LATIN_WORD = /(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)*/gu;

function isAcronym(original: string): boolean {
  return /\p{N}/u.test(original) || (original.length >= 2 && !/\p{Ll}/u.test(original));
}

function compileAlias(term: string): AliasPattern | null {
  const folded = analyzeFolded(foldForGrading(term));
  const tokens = folded.tokens;
  if (tokens.length === 0) return null;
  if (tokens.some((t) => t.han)) {
    const allHan = tokens.every((t) => t.han);
    return {
      kind: 'compact',
      compact: folded.compact,
      chars: tokens.map((t) => t.text),
      homophones: allHan && tokens.length >= HOMOPHONE_MIN_CHARS && tokens.length <= HOMOPHONE_MAX_CHARS,
    };
  }
  // Same tokens as the folded alias, before lower-casing, to tell acronyms from words.
  const originals = term.normalize('NFKC').match(LATIN_WORD) ?? [];
  return {
    kind: 'words',
    words: tokens.map((t, i) => {
      const exact = isAcronym(originals[i] ?? t.text);
      return { text: t.text, stem: t.stem, exact, fuzzy: !exact && t.text.length >= FUZZY_MIN_LENGTH };
    }),
  };
}

function patternKey(pattern: AliasPattern): string {
  return pattern.kind === 'compact' ? `c:${pattern.compact}` : `w:${pattern.words.map((w) => w.text).join(' ')}`;
}

function termsOf(concept: Concept, glossary: Glossary | undefined): string[] {
  const terms = [concept.label, ...concept.aliases];
  if (!glossary) return terms;
  return [...terms, ...terms.flatMap((term) => glossary.synonyms(term))];
}

function prepareConcept(concept: Concept, group: Group, glossary: Glossary | undefined): PreparedConcept {
  const byKey = new Map<string, AliasPattern>();
  for (const term of termsOf(concept, glossary)) {
    const pattern = compileAlias(term);
    if (pattern) {
      const key = patternKey(pattern);
      const known = byKey.get(key);
      // An acronym spelled in capitals anywhere stays exact: `HPA` and `hpa` are one alias.
      if (!known || (pattern.kind === 'words' && pattern.words.some((w) => w.exact))) byKey.set(key, pattern);
    }
  }
  return { concept, group, patterns: [...byKey.values()] };
}

function compile(challenge: Challenge, glossary: Glossary | undefined): PreparedChallenge {
  const concepts = [
    ...challenge.pain.map((c) => prepareConcept(c, 'pain', glossary)),
    ...challenge.fix.map((c) => prepareConcept(c, 'fix', glossary)),
  ];
  const homophoneIndex = new Map<string, HomophoneEntry[]>();
  let alias = 0;
  concepts.forEach((prepared, concept) =>
    prepared.patterns.forEach((pattern) => {
      if (pattern.kind !== 'compact' || !pattern.homophones) return;
      const chars = pattern.chars;
      const id = alias++;
      chars.forEach((char, offset) => {
        const entry = { concept, alias: id, chars, text: pattern.compact, offset };
        const list = homophoneIndex.get(char);
        if (list) list.push(entry);
        else homophoneIndex.set(char, [entry]);
      });
    }),
  );
  return { challenge, concepts, homophoneIndex };
}

const cache = new WeakMap<
  Challenge,
  { readonly glossary: Glossary | undefined; readonly prepared: PreparedChallenge }
>();

/** The compiled form of `challenge` (built on first use, then cached for as long as the challenge lives). */
export function prepareChallenge(challenge: Challenge, glossary?: Glossary): PreparedChallenge {
  const cached = cache.get(challenge);
  if (cached && cached.glossary === glossary) return cached.prepared;
  const prepared = compile(challenge, glossary);
  cache.set(challenge, { glossary, prepared });
  return prepared;
}
