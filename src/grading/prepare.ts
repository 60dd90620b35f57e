/**
 * A challenge compiled for matching, once per challenge object (cached), so callers just pass the challenge.
 *
 * Each concept becomes patterns of three strengths:
 * - whole terms — its label, aliases and alternatives, their glossary synonyms and their translations (the
 *   bilingual dictionary) — found as Chinese substrings or consecutive Latin words (`compact`, `words`);
 * - the same terms cut into words (the segmenter), each word with its translations and near-synonyms, all
 *   found in one clause in any order (队列…暂存, "starts fast" for 启动快) (`groups`);
 * - for Chinese terms of three characters or more, their character bigrams, mostly present in one clause
 *   (`bigrams`, soft).
 *
 * One phrase credits one concept: a glossary synonym shared by two concepts of the challenge, or by a concept and
 * the topic's own name, belongs to neither (投递模型 ⇄ exactly once ⇄ at most once is one glossary entry).
 */
import type { Glossary } from '../knowledge/types.js';
import type { BilingualDictionary } from '../text/bilingual.js';
import type { Segmenter } from '../text/segment.js';
import { compileTerm, termWords, type AliasPattern, type WordGroup } from './patterns.js';
import { compileReference, type PreparedReference } from './reference.js';
import type { Challenge, Concept, MatchTools } from './types.js';

export type { AliasPattern, WordGroup, WordPattern } from './patterns.js';
export { FUZZY_MIN_LENGTH } from './patterns.js';

export type Group = 'pain' | 'fix';

export type { MatchTools } from './types.js';

export interface PreparedConcept {
  readonly concept: Concept;
  readonly group: Group;
  readonly patterns: readonly AliasPattern[];
  /** The concept named in each language, for feedback: `en` is an English term of the concept or its translation. */
  readonly names: { readonly zh: string; readonly en: string };
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
  /** The notes' pain and fix text, as word groups; null when the challenge has no reference. */
  readonly reference: PreparedReference | null;
  readonly dictionary: BilingualDictionary | undefined;
}

const HAN = /\p{Script=Han}/u;
const TRANSLATIONS_PER_TERM = 6;

function ownTerms(concept: Concept): string[] {
  return [concept.label, ...concept.aliases, ...(concept.alternatives ?? [])];
}

/** Folded form used to compare terms across concepts. */
function termKey(term: string): string {
  return term
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_]+/gu, ' ')
    .trim();
}

/**
 * Glossary synonyms of each concept, minus those that are also another concept's (or the topic name's): such a
 * phrase would credit several concepts at once.
 */
function synonymsByConcept(
  challenge: Challenge,
  concepts: readonly Concept[],
  glossary: Glossary | undefined,
): string[][] {
  if (!glossary) return concepts.map(() => []);
  const own = concepts.map((c) => new Set(ownTerms(c).map(termKey)));
  const synonyms = concepts.map((c) => [...new Set(ownTerms(c).flatMap((t) => glossary.synonyms(t)))]);
  const topicNames = new Set([challenge.title, ...glossary.synonyms(challenge.title)].map(termKey));
  const owners = new Map<string, number>();
  synonyms.forEach((list, index) => {
    for (const term of list) {
      const key = termKey(term);
      owners.set(key, owners.has(key) && owners.get(key) !== index ? -1 : index);
    }
  });
  return synonyms.map((list, index) =>
    list.filter((term) => {
      const key = termKey(term);
      if ((own[index] as Set<string>).has(key)) return true;
      return owners.get(key) === index && !topicNames.has(key);
    }),
  );
}

function translationsOf(terms: readonly string[], dictionary: BilingualDictionary | undefined): string[] {
  if (!dictionary) return [];
  return terms.flatMap((term) => dictionary.translate(term).slice(0, TRANSLATIONS_PER_TERM));
}

function namesOf(concept: Concept, translations: readonly string[]): { zh: string; en: string } {
  const terms = ownTerms(concept);
  const zh = terms.find((t) => HAN.test(t)) ?? concept.label;
  const en = terms.find((t) => !HAN.test(t)) ?? translations.find((t) => !HAN.test(t)) ?? concept.label;
  return { zh, en };
}

/**
 * One word group object per word of the challenge: the same word in several terms, or in a term and the notes'
 * text, is looked up in a reply once (a reply memoizes its hits by group object). `wordGroup` is a function of
 * the word (and the challenge's dictionary), so sharing the object changes no result.
 */
type InternGroup = (group: WordGroup) => WordGroup;

function groupInterner(): InternGroup {
  const byKey = new Map<string, WordGroup>();
  return (group) => {
    const known = byKey.get(group.key);
    if (known) return known;
    byKey.set(group.key, group);
    return group;
  };
}

function prepareConcept(
  concept: Concept,
  group: Group,
  synonyms: readonly string[],
  tools: MatchTools,
  intern: InternGroup,
): PreparedConcept {
  const own = ownTerms(concept);
  const whole = [...new Set([...own, ...synonyms])];
  const translations = translationsOf(whole, tools.dictionary);
  const patterns: AliasPattern[] = [];
  const seen = new Set<string>();
  const add = (pattern: AliasPattern | null): void => {
    if (!pattern || seen.has(pattern.key)) return;
    seen.add(pattern.key);
    patterns.push(pattern);
  };
  for (const term of whole) add(compileTerm(term, 'exact'));
  for (const term of translations) add(compileTerm(term, 'translation'));
  for (const term of whole) {
    const groups = termWords(term, tools)?.map(intern);
    if (groups) add({ kind: 'groups', key: `g:${groups.map((g) => g.key).join('+')}`, groups, strength: 'groups' });
    if (HAN.test(term)) add(compileTerm(term, 'bigrams'));
  }
  return { concept, group, patterns, names: namesOf(concept, translations) };
}

function compile(challenge: Challenge, tools: MatchTools): PreparedChallenge {
  const all = [...challenge.pain, ...challenge.fix];
  const synonyms = synonymsByConcept(challenge, all, tools.glossary);
  const intern = groupInterner();
  const concepts = all.map((concept, index) =>
    prepareConcept(concept, index < challenge.pain.length ? 'pain' : 'fix', synonyms[index] ?? [], tools, intern),
  );
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
  const compiled = challenge.reference ? compileReference(challenge.reference, tools) : null;
  const reference = compiled && { pain: compiled.pain.map(intern), fix: compiled.fix.map(intern) };
  return { challenge, concepts, homophoneIndex, reference, dictionary: tools.dictionary };
}

interface Cached {
  readonly glossary: Glossary | undefined;
  readonly dictionary: BilingualDictionary | undefined;
  readonly segmenter: Segmenter | undefined;
  readonly prepared: PreparedChallenge;
}

const cache = new WeakMap<Challenge, Cached>();

/** The compiled form of `challenge` (built on first use, then cached for as long as the challenge lives). */
export function prepareChallenge(challenge: Challenge, tools: MatchTools = {}): PreparedChallenge {
  const cached = cache.get(challenge);
  if (
    cached &&
    cached.glossary === tools.glossary &&
    cached.dictionary === tools.dictionary &&
    cached.segmenter === tools.segmenter
  )
    return cached.prepared;
  const prepared = compile(challenge, tools);
  cache.set(challenge, {
    ...tools,
    glossary: tools.glossary,
    dictionary: tools.dictionary,
    segmenter: tools.segmenter,
    prepared,
  });
  return prepared;
}
