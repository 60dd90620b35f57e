/**
 * Autocomplete: titles holding the typed fragment (its last Latin word may be unfinished), then titles an alias
 * of a glossary term starting with the fragment names. Direct before alias, prefix before infix, then short,
 * shallow, early titles; the best page is kept while walking instead of sorting every candidate.
 */
import { isHanToken, normalizeForIndex, tokenize } from '../../text/tokenize.js';
import type { KnowledgeNode } from '../types.js';
import type { Candidates } from './candidates.js';
import type { TopicRef } from './results.js';
import { AUTOCOMPLETE_LIMIT, toRef } from './scoring.js';
import { joinHan, lowerBound, type IndexTables } from './tables.js';

const MAX_COMPLETIONS = 50;
const MAX_GLOSSARY_COMPLETIONS = 20;

interface Suggestion {
  readonly index: number;
  readonly rank: number;
  readonly length: number;
  readonly depth: number;
}

/** Ranking of suggestions: direct before alias, prefix before infix, then short, shallow, early titles. */
function suggestsBefore(a: Suggestion, b: Suggestion): boolean {
  const order = a.rank - b.rank || a.length - b.length || a.depth - b.depth || a.index - b.index;
  return order < 0;
}

/** Inserts `item` into the sorted `page` when it ranks among the first `max`; the page never grows beyond. */
function insertBounded(page: Suggestion[], max: number, item: Suggestion): void {
  if (page.length === max && !suggestsBefore(item, page[max - 1] as Suggestion)) return;
  let at = page.length;
  while (at > 0 && suggestsBefore(item, page[at - 1] as Suggestion)) at--;
  page.splice(at, 0, item);
  if (page.length > max) page.pop();
}

export function autocomplete(
  tables: IndexTables,
  candidates: Candidates,
  hubs: readonly TopicRef[],
  fragment: string,
  limit = AUTOCOMPLETE_LIMIT,
): readonly TopicRef[] {
  const { titles, nodeAt, sortedTitleWords, sortedGlossaryTerms, graph } = tables;
  const f = joinHan(normalizeForIndex(fragment));
  const max = Math.min(Math.max(1, limit), AUTOCOMPLETE_LIMIT);
  if (f.length === 0) return hubs.slice(0, max);
  const direct = new Set<number>();
  candidates.containing(f, 'title', direct);
  const tokens = tokenize(f);
  const last = tokens[tokens.length - 1] as string;
  if (!isHanToken(last)) {
    const head = f.slice(0, f.length - last.length);
    let at = lowerBound(sortedTitleWords, last);
    for (let n = 0; n < MAX_COMPLETIONS && sortedTitleWords[at]?.startsWith(last); n++, at++) {
      candidates.containing(head + (sortedTitleWords[at] as string), 'title', direct);
    }
  }
  const viaAlias = new Set<number>();
  let at = lowerBound(sortedGlossaryTerms, f);
  for (let n = 0; n < MAX_GLOSSARY_COMPLETIONS && sortedGlossaryTerms[at]?.startsWith(f); n++, at++) {
    for (const synonym of graph.glossary.synonyms(sortedGlossaryTerms[at] as string))
      candidates.containing(synonym, 'title', viaAlias);
  }
  // Up to a thousand candidates for a page of 25: keep the best page while walking instead of sorting them all.
  const page: Suggestion[] = [];
  const offer = (index: number, base: number) => {
    const title = titles[index] as string;
    const hopeful = { index, rank: base, length: title.length, depth: (nodeAt[index] as KnowledgeNode).depth };
    // Most candidates lose even as a prefix match: only then is the prefix test worth making.
    if (page.length === max && !suggestsBefore(hopeful, page[max - 1] as Suggestion)) return;
    insertBounded(page, max, title.startsWith(f) ? hopeful : { ...hopeful, rank: base + 1 });
  };
  for (const index of direct) offer(index, 0);
  // A direct match always ranks above an alias match, so an alias only adds titles not found directly.
  for (const index of viaAlias) if (!direct.has(index)) offer(index, 2);
  return page.map(({ index }) => toRef(nodeAt[index] as KnowledgeNode));
}
