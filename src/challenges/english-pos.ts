/**
 * Word classes of English note text, from compromise's part-of-speech tagger, so English concepts are noun
 * phrases (load balancers, geographic location) rather than any run of words, which crossed verbs (masters
 * serve, handles traffic) and ended on modifiers (name initial). The tagger reads whole sentences: a word's
 * class depends on its neighbours (`reads` is a verb in "serves reads" and a noun in "reads and writes").
 */
import { createRequire } from 'node:module';

type Tagger = typeof import('compromise/two').default;

let tagger: Tagger | null = null;

/**
 * Loaded on the first English text to tag, not at import: loading the tagger costs a quarter second, which every
 * process start (the console, each CLI command, notes with no English prose) would otherwise pay.
 */
function nlp(text: string): ReturnType<Tagger> {
  tagger ??= createRequire(import.meta.url)('compromise/two') as Tagger;
  return tagger(text);
}

/**
 * `noun`: a head of a noun phrase (nouns, acronyms, gerunds such as caching); `modifier`: may stand before a
 * head (adjectives, participles such as reserved or resized); `other`: ends a phrase (verbs, adverbs, grammar).
 */
export type WordClass = 'noun' | 'modifier' | 'other';

interface TaggedTerm {
  readonly tags: readonly string[];
  readonly offset: { readonly start: number; readonly length: number };
}

function classOf(tags: readonly string[]): WordClass {
  const has = (tag: string) => tags.includes(tag);
  if (has('Gerund') || has('Noun') || has('Acronym')) return 'noun';
  if (has('Adjective') || has('Participle') || has('PastTense')) return 'modifier';
  return 'other';
}

/**
 * The class of each word of `text` by where it starts and ends: a word the tagger split (active-passive) takes
 * the class of its last part, the head of a compound. `null` where no tagged term covers the span.
 */
export function englishWordClasses(text: string): (start: number, end: number) => WordClass | null {
  const sentences = nlp(text).json({ offset: true, terms: { offset: true } }) as { terms: TaggedTerm[] }[];
  const terms = sentences.flatMap((s) => s.terms);
  return (start, end) => {
    let found: WordClass | null = null;
    for (const term of terms) {
      const termEnd = term.offset.start + term.offset.length;
      if (term.offset.start >= end) break;
      if (termEnd > start) found = classOf(term.tags);
    }
    return found;
  };
}
