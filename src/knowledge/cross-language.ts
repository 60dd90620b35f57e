/**
 * English queries on Chinese headings: each English word (or a phrase the dictionary knows: `domain name
 * system` → 域名系统) is translated through the bilingual dictionary, and a heading scores by how many of the
 * query's words it renders and how much of the heading they explain. A translation counts whole (服务发现 in
 * `服务发现`), else by the characters it shares in order (`sharding` → 破片 shares 片 with 分片; `back
 * pressure` → 背 + 压 in 背压): CC-CEDICT often gives an everyday word where the notes use a technical one, and
 * the characters usually survive. A query word the heading spells itself (`CDN` in `CDN 缓存`, `RPC` in `缺点：RPC`) counts as
 * rendered, and a word the dictionary lacks whole is read as the two words it is made of (backpressure → back +
 * pressure, writeback → write + back). The other way round too: a heading renders a query word when one of
 * its Chinese words (cut by `text/segment.ts` with jieba's dictionary alone, since the notes' titles as user
 * words would keep each title whole) translates back to it by one of its main senses (对象 → object, 文档 →
 * document): the senses an English word's capped list of translations leaves out.
 */
import { bilingualKey, type BilingualDictionary } from '../text/bilingual.js';
import { isStopword } from '../text/stopwords.js';
import { isAsciiWordCode } from '../text/tokenize.js';
import type { HanWords } from './search/plan.js';

/** Words a query joins others with, which no heading renders. */
const QUERY_STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'at',
  'in',
  'on',
  'for',
  'to',
  'and',
  'or',
  'vs',
  'with',
  'by',
  'versus',
]);
/** Translations read per word or phrase, most specific first. */
const MAX_TRANSLATIONS = 16;
/** Headings walked per rendering. */
const MAX_POOL = 1000;
/** Longest phrase of the query looked up whole. */
const MAX_PHRASE = 3;
/** Han characters of a heading; a longer one is a sentence, weighed down in proportion. */
const HEADING_CHARS = 12;
/** A heading with nothing under it (a table-of-contents link) ranks just below the section it names. */
const LINK_ONLY = 0.95;
/** Shared characters count less than a whole translation in the heading. */
const PARTIAL = 0.6;

const HAN = /\p{Script=Han}/u;

export interface HeadingTable {
  /** Normalized headings (lower case, spaces between Han characters removed), by position. */
  readonly titles: readonly string[];
  /** Whether any heading holds Han text (notes in English have nothing to translate a query into). */
  readonly hasHan: boolean;
  /** Whether the heading has a body or children: a section, not a link to one (a table of contents). */
  hasContent(index: number): boolean;
  /** Positions of the headings holding a Han character (ascending). */
  charPostings(code: number): Int32Array | undefined;
  /** Positions of the headings holding a Latin word (ascending). */
  wordPostings(word: string): Int32Array | undefined;
  /** The headings holding a Chinese word with this English sense (a `bilingualKey`), each with the word's length. */
  senses(key: string): ReadonlyMap<number, number> | undefined;
}

const HAN_RUN = /\p{Script=Han}+/gu;
/**
 * A Chinese word is read back by its first senses only: further down CEDICT's list come loose ones (文章 →
 * "writings", which stems to "write").
 */
const MAIN_SENSES = 2;
/** A word read back ranks below a translation of the query found in the heading. */
const SENSED = 0.8;
/** A heading longer than this (in Han characters) is a sentence: its words are not read back into English. */
const MAX_SENSED_HEADING = 2 * HEADING_CHARS;

/**
 * The English senses of the headings' Chinese words, by sense key: per heading position, the length of the
 * word that carries the sense. Filler words (的, 问题) are skipped, and so are one-character words.
 */
export function senseIndex(
  titles: readonly string[],
  hanWords: HanWords,
  dictionary: BilingualDictionary,
): Map<string, Map<number, number>> {
  const index = new Map<string, Map<number, number>>();
  const keysOf = new Map<string, readonly string[]>();
  titles.forEach((title, at) => {
    const runs = title.match(HAN_RUN);
    if (!runs || runs.reduce((n, run) => n + run.length, 0) > MAX_SENSED_HEADING) return;
    for (const run of runs) {
      for (const word of hanWords(run)) {
        if (word.length < 2 || isStopword(word)) continue;
        let keys = keysOf.get(word);
        if (!keys) keysOf.set(word, (keys = dictionary.translate(word).slice(0, MAIN_SENSES).map(bilingualKey)));
        for (const key of keys) {
          let headings = index.get(key);
          if (!headings) index.set(key, (headings = new Map()));
          headings.set(at, Math.max(headings.get(at) ?? 0, word.length));
        }
      }
    }
  });
  return index;
}

export interface ScoredHeading {
  readonly index: number;
  readonly value: number;
}

/*
 * English word-formation the dictionary often lacks a whole entry for: a prefix with a Chinese equivalent
 * (de-normalization → 非/去 + 规范化, micro-services → 微 + 服务).
 */
const PREFIXES: readonly [string, readonly string[]][] = [
  ['micro', ['微']],
  ['multi', ['多']],
  ['inter', ['互', '间']],
  ['super', ['超']],
  ['anti', ['反']],
  ['non', ['非']],
  ['sub', ['子']],
  ['pre', ['预']],
  ['de', ['非', '去', '反']],
  ['un', ['不', '非', '未']],
  ['re', ['重', '再']],
];
/** The rest of a word after a prefix is a word of its own only this long. */
const MIN_STEM = 4;

/** Renderings of a word the dictionary has no entry for: its prefix's joined to its stem's, and its stem's. */
function affixRenderings(word: string, dictionary: BilingualDictionary): string[] {
  for (const [prefix, chinese] of PREFIXES) {
    const stem = word.slice(prefix.length).replace(/^-/, '');
    if (!word.startsWith(prefix) || stem.length < MIN_STEM) continue;
    const rest = dictionary
      .translate(stem)
      .filter((t) => HAN.test(t))
      .slice(0, MAX_TRANSLATIONS);
    if (rest.length > 0) return [...rest.flatMap((t) => chinese.map((c) => c + t)), ...rest];
  }
  return [];
}

/** One part of the query: its English words and the Han texts that render it. */
interface Unit {
  readonly words: readonly string[];
  readonly renderings: readonly string[];
}

/** The parts of a compound the dictionary knows separately, each at least this long. */
const MIN_PART = 3;

const hanRenderings = (text: string, dictionary: BilingualDictionary) =>
  dictionary
    .translate(text)
    .filter((t) => HAN.test(t))
    .map((t) => t.replace(/\s+/g, ''));

/**
 * A word the dictionary and the headings lack, as the two words it is made of (longest first part first), or
 * itself: backpressure → back, pressure.
 */
function splitCompound(word: string, table: HeadingTable, dictionary: BilingualDictionary): string[] {
  if (word.length < 2 * MIN_PART || table.wordPostings(word) || hanRenderings(word, dictionary).length > 0) {
    return [word];
  }
  for (let at = word.length - MIN_PART; at >= MIN_PART; at--) {
    const [head, tail] = [word.slice(0, at), word.slice(at)];
    if (hanRenderings(head, dictionary).length > 0 && hanRenderings(tail, dictionary).length > 0) return [head, tail];
  }
  return [word];
}

/** The query's units: phrases the dictionary translates whole, else single words, with their Han renderings. */
function units(words: readonly string[], dictionary: BilingualDictionary): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < words.length;) {
    let taken = 1;
    let renderings: string[] = [];
    for (let n = Math.min(MAX_PHRASE, words.length - i); n >= 1; n--) {
      const han = hanRenderings(words.slice(i, i + n).join(' '), dictionary);
      if (han.length > 0 || n === 1) {
        taken = n;
        renderings = han.slice(0, MAX_TRANSLATIONS);
        break;
      }
    }
    out.push({
      words: words.slice(i, i + taken),
      renderings: renderings.length > 0 || taken > 1 ? renderings : affixRenderings(words[i] as string, dictionary),
    });
    i += taken;
  }
  return out;
}

/** Whether a normalized heading holds `word` as a whole Latin word. */
function spells(title: string, word: string): boolean {
  for (let at = title.indexOf(word); at >= 0; at = title.indexOf(word, at + 1)) {
    const before = title.charCodeAt(at - 1);
    const after = title.charCodeAt(at + word.length);
    if (!isAsciiWordCode(before) && !isAsciiWordCode(after)) return true;
  }
  return false;
}

/**
 * How many characters of `rendering` the heading holds in the rendering's order (the longest common
 * subsequence): 论理 shares both characters with 理论 but is another word.
 */
function inOrder(rendering: string, title: string): number {
  // One row over the rendering (a few characters), rolled along the title: row[i] is the subsequence of the
  // rendering's first i characters in the title read so far.
  const row = new Int32Array(rendering.length + 1);
  for (let j = 0; j < title.length; j++) {
    const code = title.charCodeAt(j);
    let diagonal = 0;
    for (let i = 1; i <= rendering.length; i++) {
      const above = row[i] as number;
      row[i] = rendering.charCodeAt(i - 1) === code ? diagonal + 1 : Math.max(above, row[i - 1] as number);
      diagonal = above;
    }
  }
  return row[rendering.length] as number;
}

/**
 * How well one heading renders one unit: 1 for a whole translation or the unit's own words, less for shared
 * characters; `chars` are the Han characters it explains.
 */
function unitScore(title: string, unit: Unit, sensed: number): { score: number; chars: number } {
  if (unit.words.every((w) => spells(title, w))) return { score: 1, chars: 0 };
  for (const t of unit.renderings) if (title.includes(t)) return { score: 1, chars: t.length };
  if (sensed > 0) return { score: SENSED, chars: sensed };
  let best = { score: 0, chars: 0 };
  for (const t of unit.renderings) {
    const shared = inOrder(t, title);
    const score = shared === 0 ? 0 : (PARTIAL * shared) / t.length;
    if (score > best.score) best = { score, chars: shared };
  }
  return best;
}

/**
 * Headings that render at least half of the query's English words, best first: the share of words rendered,
 * times how much of the heading's Han text they explain (a short heading that says just this ranks first).
 */
export function translatedHeadings(
  latinWords: readonly string[],
  table: HeadingTable,
  dictionary: BilingualDictionary,
  limit: number,
): ScoredHeading[] {
  const words = latinWords.filter((w) => !QUERY_STOP.has(w)).flatMap((w) => splitCompound(w, table, dictionary));
  if (words.length === 0) return [];
  const parts = units(words, dictionary);
  const need = Math.ceil(parts.length / 2);
  // Per heading, which units reach it (a bit per unit), through the characters of each rendering: all those
  // few headings hold (a partial rendering, 破片 → 分片, shares one), and the rarest one in any case (a
  // heading holding the whole rendering holds it).
  const reach = new Map<number, number>();
  const mark = (postings: Int32Array, unit: number) => {
    for (let n = 0; n < postings.length && n < MAX_POOL; n++) {
      const index = postings[n] as number;
      reach.set(index, (reach.get(index) ?? 0) | (1 << unit));
    }
  };
  const sensed = parts.map((part) => table.senses(bilingualKey(part.words.join(' '))));
  parts.forEach(({ words: own, renderings }, unit) => {
    const meaning = sensed[unit];
    if (meaning) for (const index of meaning.keys()) reach.set(index, (reach.get(index) ?? 0) | (1 << unit));
    // A heading spelling the unit's words holds its rarest one.
    let spelt: Int32Array | undefined;
    for (const word of own) {
      const postings = table.wordPostings(word);
      if (!postings) {
        spelt = undefined;
        break;
      }
      if (!spelt || postings.length < spelt.length) spelt = postings;
    }
    if (spelt) mark(spelt, unit);
    for (const rendering of renderings) {
      let rarest: Int32Array | undefined;
      for (const ch of new Set(rendering)) {
        const postings = table.charPostings(ch.charCodeAt(0));
        if (!postings) continue;
        if (postings.length <= MAX_POOL) mark(postings, unit);
        else if (!rarest || postings.length < rarest.length) rarest = postings;
      }
      if (rarest) mark(rarest, unit);
    }
  });
  const scored: ScoredHeading[] = [];
  for (const [index, bits] of reach) {
    let covered = 0;
    for (let b = bits; b !== 0; b &= b - 1) covered++;
    if (covered < need) continue;
    const title = table.titles[index] as string;
    let sum = 0;
    let explained = 0;
    for (const [unit, part] of parts.entries()) {
      const { score, chars } = unitScore(title, part, sensed[unit]?.get(index) ?? 0);
      sum += score;
      explained += chars;
    }
    // Precision is over the Han text: a Latin word in a Chinese heading is mostly a gloss (传输控制协议（TCP）).
    const han = (title.match(/\p{Script=Han}/gu) ?? []).length;
    const precision = han === 0 ? 0 : Math.min(1, explained / han);
    // A sentence that happens to hold the words is not the heading for them.
    const brevity = han <= HEADING_CHARS ? 1 : HEADING_CHARS / han;
    const section = table.hasContent(index) ? 1 : LINK_ONLY;
    const value = (100 * sum * (0.5 + 0.5 * precision) * brevity * section) / parts.length;
    if (value > 0) scored.push({ index, value });
  }
  return scored.sort((a, b) => b.value - a.value || a.index - b.index).slice(0, limit);
}
