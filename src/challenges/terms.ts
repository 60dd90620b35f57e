/**
 * Candidate concept terms in note text. Chinese has no spaces and `Intl.Segmenter('zh')` splits domain terms
 * (运|维, 缓|存, 云|原生, 分布|式), so candidates are its words plus short spans of consecutive segments that
 * rebuild such terms, plus known terms (node titles, glossary terms) found as substrings, plus Latin words and
 * acronyms (k8s, 2pc, crc16). Document terms for TF-IDF use plain Han n-grams instead: the segmenter costs
 * microseconds per character, far too slow for a whole large tree.
 */
import { isHanToken, tokenize } from '../text/tokenize.js';

const MIN_NGRAM = 2;
export const MAX_NGRAM = 4;
/** Longest known term looked up as a substring of a Han run. */
const MAX_KNOWN_LENGTH = 10;
/** Spans of segments merged into one candidate: at most this many characters and segments. */
const MAX_MERGED_LENGTH = 4;
const MAX_MERGED_SEGMENTS = 3;

/** Function characters: a merged span containing one of these is grammar, not a term. */
const FUNCTION_CHARS = new Set(
  '的了是在和与及等就都也把被让对从向为而或则即且但着过个这那其之以于有无不没很更最要会能可已将还又并所如该每各此上下中后前里到好出来去给时得地'.split(
    '',
  ),
);

/** A segmenter word that starts or ends with one of these is a phrase fragment (这种, 新的, 为了, 不够). */
const FRAGMENT_START = new Set('这那该此每各其为被把让不也都就'.split(''));
const FRAGMENT_END = new Set('的了着过'.split(''));

function isFragment(word: string): boolean {
  return FRAGMENT_START.has(word[0] as string) || FRAGMENT_END.has(word[word.length - 1] as string);
}

/** Words every note uses: structure markers and filler that TF-IDF alone cannot demote in a small tree. */
const STOP_TERMS = new Set([
  '问题',
  '方案',
  '解法',
  '解决',
  '解决方案',
  '痛点',
  '原因',
  '缺点',
  '举动',
  '引入',
  '引进',
  '带来',
  '产生',
  '可以',
  '进行',
  '通过',
  '需要',
  '没有',
  '什么',
  '这个',
  '一个',
  '一种',
  '所有',
  '如果',
  '然后',
  '以及',
  '就是',
  '还是',
  '或者',
  '比如',
  '其他',
  '这些',
  '那些',
  '不同',
  '使用',
  '支持',
  '提供',
  '基于',
  '方式',
  '情况',
  '能够',
  '之间',
  '时候',
  '已经',
  '因为',
  '所以',
  '但是',
  '而且',
  '并且',
  '可能',
  '应该',
  '必须',
  '本身',
  '作为',
  '属于',
  '包含',
  '包括',
  '相关',
  '等等',
  '从而',
  '对于',
  '之后',
  '之前',
  '目前',
  '直接',
  '一些',
  '每个',
  '多个',
  '如何',
  '为什么',
  '怎么',
  '重要',
  '主要',
  '导致',
  '出现',
  '遇到',
  '描述',
  '实现',
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'by',
  'is',
  'are',
  'be',
  'as',
  'at',
  'from',
  'that',
  'this',
  'it',
  'its',
  'via',
  'not',
  'no',
  'into',
  'per',
  'vs',
  'etc',
  'problem',
  'problems',
  'solution',
  'fix',
  'pain',
  'issue',
  'issues',
]);

/** A Latin token worth keeping: two or more characters with a letter, or a known short name. */
function isLatinTerm(token: string): boolean {
  return token.length >= 2 && /[a-z]/.test(token) && !STOP_TERMS.has(token);
}

/**
 * Adds the document terms of an already normalized text (`normalizeForIndex`): Latin words and every Han
 * n-gram of 2–4 characters.
 */
export function addDocumentTerms(normalized: string, into: Set<string>): void {
  for (const token of tokenize(normalized)) {
    if (!isHanToken(token)) {
      if (isLatinTerm(token)) into.add(token);
      continue;
    }
    for (let i = 0; i + MIN_NGRAM <= token.length; i++) {
      for (let n = MIN_NGRAM; n <= MAX_NGRAM && i + n <= token.length; n++) into.add(token.slice(i, i + n));
    }
  }
}

export type CandidateKind = 'known' | 'word' | 'merged' | 'latin';

export interface Candidate {
  readonly term: string;
  readonly kind: CandidateKind;
  /** For a merged span: its segments of two or more characters. */
  readonly parts: readonly string[];
  /** Occurrences in the text. */
  readonly count: number;
}

let segmenter: Intl.Segmenter | null = null;

interface Segment {
  readonly text: string;
  readonly at: number;
}

function segmentsOf(run: string): Segment[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: Segment[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike) out.push({ text: s.segment, at: s.index });
  return out;
}

function hasFunctionChar(term: string): boolean {
  for (const ch of term) if (FUNCTION_CHARS.has(ch)) return true;
  return false;
}

/** Known terms: the normalized titles and glossary terms of the tree, looked up as substrings. */
export type Lexicon = ReadonlySet<string>;

type Add = (term: string, kind: CandidateKind, parts?: readonly string[]) => void;

/** A term ending in a generic word names the thing before it (运维问题 → 运维); `null` when nothing is left. */
function trimGenericSuffix(term: string): string | null {
  if (!term.endsWith('问题')) return term;
  const rest = term.slice(0, -2);
  return rest.length >= MIN_NGRAM && !isFragment(rest) ? rest : null;
}

function hanCandidates(run: string, lexicon: Lexicon, add: Add): void {
  const knownSpans: [number, number][] = [];
  for (let i = 0; i < run.length; i++) {
    for (let n = MIN_NGRAM; n <= MAX_KNOWN_LENGTH && i + n <= run.length; n++) {
      const sub = run.slice(i, i + n);
      if (!lexicon.has(sub)) continue;
      knownSpans.push([i, i + n]);
      const known = trimGenericSuffix(sub);
      if (known !== null) add(known, 'known');
    }
  }
  // A glued span that cuts into a known term (快速|成 of 快速成长期) is not a term; one that contains it may be.
  const cutsKnown = (start: number, end: number) =>
    knownSpans.some(([ks, ke]) => start < ke && ks < end && !(start <= ks && ke <= end));
  const segments = segmentsOf(run);
  segments.forEach((segment, i) => {
    if (segment.text.length >= MIN_NGRAM && !isFragment(segment.text)) add(segment.text, 'word');
    // Spans that rebuild a term the segmenter split (运|维, 云|原生, 资源|消耗).
    let span = segment.text;
    for (let j = i + 1; j < segments.length && j <= i + MAX_MERGED_SEGMENTS - 1; j++) {
      const next = segments[j] as Segment;
      if (next.at !== segment.at + span.length) break;
      span += next.text;
      if (span.length > MAX_MERGED_LENGTH) break;
      const parts = segments.slice(i, j + 1).map((s) => s.text);
      if (
        hasFunctionChar(span) ||
        parts.some((p) => STOP_TERMS.has(p)) ||
        cutsKnown(segment.at, segment.at + span.length)
      ) {
        continue;
      }
      add(
        span,
        'merged',
        parts.filter((p) => p.length >= MIN_NGRAM),
      );
    }
  });
}

function occurrences(text: string, term: string): number {
  let count = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) count++;
  return count;
}

/** Candidate terms of a normalized text (`normalizeForIndex`), each with its count; stop terms are left out. */
export function candidateTerms(normalized: string, lexicon: Lexicon): Candidate[] {
  const kinds = new Map<string, { kind: CandidateKind; parts: readonly string[] }>();
  const add: Add = (term, kind, parts = []) => {
    if (!STOP_TERMS.has(term) && !kinds.has(term)) kinds.set(term, { kind, parts });
  };
  let previousLatin: string | null = null;
  for (const token of tokenize(normalized)) {
    if (isHanToken(token)) {
      hanCandidates(token, lexicon, add);
      previousLatin = null;
      continue;
    }
    // Two-word names (redis cluster, cloud native) count when the tree knows them.
    if (previousLatin !== null && lexicon.has(`${previousLatin} ${token}`)) add(`${previousLatin} ${token}`, 'known');
    if (isLatinTerm(token)) add(token, lexicon.has(token) ? 'known' : 'latin');
    previousLatin = token;
  }
  return [...kinds].map(([term, { kind, parts }]) => ({
    term,
    kind,
    parts,
    count: Math.max(1, occurrences(normalized, term)),
  }));
}
