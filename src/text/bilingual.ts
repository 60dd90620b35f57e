/**
 * A Chinese ⇄ English technical dictionary: CC-CEDICT (`cedict.ts`) underneath, and on top of it the team's
 * own pairs — written in the notes' headings (分片（Sharding）, Write-behind (回写)), the glossary's sets of
 * interchangeable terms, and a heading's name glossed in the text (熔断（circuit breaker）) — which come first, as
 * the most specific.
 *
 * Keys are folded: NFKC, lower case, simplified; Chinese without spaces; English words stemmed, hyphens as
 * spaces, so "starts", "start" and "starting" meet, and so do "keep-alive" and "keep alive".
 *
 * CEDICT is loaded on first use, once per process (an app warms it at start with `warmBilingual`); after that a
 * lookup is a few map reads, memoized per dictionary.
 */
import { cedictIndexOnce, indexCedict, type BilingualIndex } from './cedict.js';
import { foldText } from './normalize.js';
import { stem } from './stem.js';

export { DictionaryLoadError } from './cedict.js';

export interface BilingualDictionary {
  /**
   * Translations of a term, most specific first: Chinese → English phrases, English (a word or a phrase) →
   * Chinese words. Empty when the term is unknown; the term itself is never among them.
   */
  translate(term: string): readonly string[];
}

export interface BilingualOptions {
  /** Sets of interchangeable terms (the glossary): each Chinese term of a set pairs with each English one. */
  readonly termSets?: readonly (readonly string[])[];
  /** Headings of the notes, mined for pairs written as 分片（Sharding） or Write-behind (回写). */
  readonly titles?: readonly string[];
  /** The notes' text (bodies), mined for a heading's name glossed in brackets: 熔断（circuit breaker）. */
  readonly texts?: readonly string[];
  /** Those glosses, already found (`glossPairsOf`, on a reload's worker thread): taken instead of `texts`. */
  readonly textPairs?: readonly (readonly [string, string])[];
  /** The base dictionary; defaults to CC-CEDICT from the `cc-cedict` package, loaded once per process. */
  readonly base?: BilingualIndex;
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
const NONE: readonly string[] = Object.freeze([]);
/** Terms remembered as asked; past this many (hostile input), the memo starts over. */
const MAX_REMEMBERED = 50_000;

function remember(memo: Map<string, readonly string[]>, term: string, result: readonly string[]): void {
  if (memo.size >= MAX_REMEMBERED) memo.clear();
  memo.set(term, result);
}

/** Folded lookup key of a term (see the file comment). */
export function bilingualKey(term: string): string {
  const folded = foldText(term).trim();
  if (HAN.test(folded)) return folded.replace(/\s+/gu, '');
  const words = folded.match(LATIN_WORD) ?? [];
  return words.map((w) => stem(w.replace(/['’]/gu, ''))).join(' ');
}

/** CC-CEDICT's index, built on first call and kept for the process; throws `DictionaryLoadError` when the data is missing or changed. */
export function cedictBilingualIndex(): BilingualIndex {
  return cedictIndexOnce(bilingualKey);
}

/** Loads CC-CEDICT now, both directions, so no grade or lookup pays for it later. */
export function warmBilingual(): void {
  const index = cedictBilingualIndex();
  index.chineseOf('');
}

// 分片（Sharding）, 反向代理（web 服务器）, Write-behind (回写): a term, then its other-language name in brackets.
const BRACKETED = /^\s*([^()（）]+?)\s*[(（]\s*([^()（）]+?)\s*[)）]\s*$/u;

/** Chinese–English pairs written in headings as "term (other-language term)". */
export function pairsFromTitles(titles: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const title of titles) {
    const match = BRACKETED.exec(title.normalize('NFKC'));
    if (!match) continue;
    const [outer, inner] = [match[1] as string, match[2] as string];
    const outerHan = HAN.test(outer);
    const innerHan = HAN.test(inner);
    if (outerHan && !innerHan && /\p{L}/u.test(inner)) pairs.push([outer, inner]);
    else if (!outerHan && innerHan && /\p{L}/u.test(outer)) pairs.push([inner, outer]);
  }
  return pairs;
}

// 熔断（circuit breaker） inside a sentence: a run of Han text, then a short Latin term in brackets.
const OPENING = /[(（]/gu;
const GLOSS_AFTER_OPENING = /\s*(\p{Script=Latin}[\p{Script=Latin}\p{N} .'+/-]*?)\s*[)）]/uy;
const HAN_CHAR = /^\p{Script=Han}$/u;
/** A gloss of more words is a remark, not a name. */
const MAX_GLOSS_WORDS = 4;

/** The run of Han characters that ends where `end` is (spaces before `end` skipped), at most `max` long. */
function hanRunBefore(text: string, end: number, max: number): string {
  let stop = end;
  while (stop > 0 && /\s/u.test(text[stop - 1] as string)) stop--;
  let start = stop;
  while (start > 0 && stop - start < max && HAN_CHAR.test(text[start - 1] as string)) start--;
  return text.slice(start, stop);
}

/**
 * Pairs glossed in the notes' text (`两种保护: 限流（rate limiting）和熔断（circuit breaker）`). Where the Chinese
 * term starts is not written, so the pair is taken only when the run ends with one of the names `namesOf` gives
 * (the notes' own headings), the longest: 和熔断 gives 熔断 when a heading is 熔断, and nothing when none is.
 */
export function pairsFromTexts(texts: readonly string[], namesOf: () => ReadonlySet<string>): [string, string][] {
  const pairs: [string, string][] = [];
  // The names are folded only once a gloss is found: on a large tree without one, that is most of the cost.
  let names: ReadonlySet<string> | undefined;
  let longest = 0;
  for (const text of texts) {
    // Found from each bracket, not by a pattern over the Han runs: most bodies have no bracket at all.
    if (!text.includes('(') && !text.includes('（')) continue;
    for (const opening of text.matchAll(OPENING)) {
      GLOSS_AFTER_OPENING.lastIndex = opening.index + 1;
      const gloss = GLOSS_AFTER_OPENING.exec(text)?.[1]?.normalize('NFKC');
      if (!gloss || gloss.split(' ').length > MAX_GLOSS_WORDS) continue;
      if (!names) {
        names = namesOf();
        for (const name of names) longest = Math.max(longest, name.length);
      }
      const run = hanRunBefore(text, opening.index, longest).normalize('NFKC');
      for (let at = 0; at <= run.length - 2; at++) {
        if (names.has(run.slice(at))) {
          pairs.push([run.slice(at), gloss]);
          break;
        }
      }
    }
  }
  return pairs;
}

/** The Chinese names the headings give: whole titles, and the Chinese half of a bracketed pair. */
function chineseNames(titles: readonly string[], titlePairs: readonly (readonly [string, string])[]): Set<string> {
  const names = new Set<string>();
  for (const title of titles) {
    const name = title.normalize('NFKC').replace(/\s+/gu, '');
    if (HAN.test(name)) names.add(name);
  }
  for (const [zh] of titlePairs) names.add(zh.replace(/\s+/gu, ''));
  return names;
}

/** The pairs glossed in `texts` whose Chinese half is one of the names the `titles` give. */
export function glossPairsOf(titles: readonly string[], texts: readonly string[]): [string, string][] {
  return pairsFromTexts(texts, () => chineseNames(titles, pairsFromTitles(titles)));
}

/** Pairs of each set's Chinese terms with its English terms. */
function pairsFromSets(sets: readonly (readonly string[])[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const set of sets) {
    const chinese = set.filter((t) => HAN.test(t));
    const english = set.filter((t) => !HAN.test(t) && /\p{L}/u.test(t));
    for (const zh of chinese) for (const en of english) pairs.push([zh, en]);
  }
  return pairs;
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function overlayIndex(pairs: readonly (readonly [string, string])[]): BilingualIndex {
  const english = new Map<string, string[]>();
  const chinese = new Map<string, string[]>();
  for (const [zh, en] of pairs) {
    add(english, bilingualKey(zh), en.trim());
    add(chinese, bilingualKey(en), zh.trim());
  }
  return {
    englishOf: (key) => english.get(key) ?? NONE,
    chineseOf: (key) => chinese.get(key) ?? NONE,
  };
}

/** The notes' own pairs, most specific first: headings, the glossary, then glosses in the text. */
function notesPairs(options: BilingualOptions): (readonly [string, string])[] {
  const titles = options.titles ?? [];
  const fromTexts = options.textPairs ?? (options.texts ? glossPairsOf(titles, options.texts) : []);
  return [...pairsFromTitles(titles), ...pairsFromSets(options.termSets ?? []), ...fromTexts];
}

/** A CEDICT-shaped base from a few entries (tests, tools). */
export function bilingualIndexOf(entries: Parameters<typeof indexCedict>[0]): BilingualIndex {
  return indexCedict(entries, bilingualKey);
}

/**
 * A dictionary: the notes' pairs (headings first, then the glossary) over the base (CC-CEDICT unless given).
 * Both are only read on the first `translate`.
 */
export function createBilingualDictionary(options: BilingualOptions = {}): BilingualDictionary {
  // Built on the first `translate` too: folding every heading is a loading cost that a bot answering no English
  // query, and a process only listing topics, need not pay.
  let overlay: BilingualIndex | null = null;
  const overlayOnce = (): BilingualIndex => (overlay ??= overlayIndex(notesPairs(options)));
  const cache = new Map<string, readonly string[]>();
  // By the term as given, before folding: grading asks for the same words again and again, and folding costs more
  // than the lookup.
  const byTerm = new Map<string, readonly string[]>();
  return {
    translate(term) {
      const asked = byTerm.get(term);
      if (asked) return asked;
      const key = bilingualKey(term);
      if (key.length === 0) return NONE;
      const known = cache.get(key);
      if (known) {
        remember(byTerm, term, known);
        return known;
      }
      const base = options.base ?? cedictBilingualIndex();
      const chinese = HAN.test(key);
      const own = chinese ? overlayOnce().englishOf(key) : overlayOnce().chineseOf(key);
      const fromBase = chinese ? base.englishOf(key) : base.chineseOf(key);
      const seen = new Set<string>([key]);
      const out: string[] = [];
      for (const text of [...own, ...fromBase]) {
        const textKey = bilingualKey(text);
        if (seen.has(textKey)) continue;
        seen.add(textKey);
        out.push(text);
      }
      const result = out.length === 0 ? NONE : out;
      cache.set(key, result);
      remember(byTerm, term, result);
      return result;
    },
  };
}
