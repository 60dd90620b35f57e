/**
 * How a reply is written, apart from what it names: a bare list of keywords (terms separated by punctuation
 * or spaces, no clause of it a sentence) and a reply too short to state both a pain and a fix. Length does
 * not decide: a short complete answer has function words joining its terms; a long list has none.
 */
import { phraseSet } from './phrases.js';
import type { Segmenter } from '../text/segment.js';
import type { Reply, Token } from './reply.js';

export interface TokenSpan {
  readonly first: number;
  readonly last: number;
}

/** Connecting and function words: their presence is what turns a list of terms into an explanation. */
const ZH_CONNECTIVE_WORDS = [
  '因为',
  '由于',
  '导致',
  '所以',
  '因此',
  '通过',
  '使用',
  '采用',
  '利用',
  '可以',
  '能够',
  '需要',
  '如果',
  '从而',
  '于是',
  '造成',
  '引起',
  '带来',
  '解决',
  '避免',
  '保证',
  '确保',
  '防止',
  '为了',
  '然后',
  '否则',
  '引入',
  '借助',
  '依靠',
  '用',
  '会',
  '是',
  '就',
  '让',
  '使',
  '把',
  '被',
  '来',
  '在',
  '对',
  '从',
  '则',
  '即',
  '的',
  '了',
  '能',
  '要',
  '将',
  '给',
  '而',
  '才',
  '再',
  '也',
  '靠',
  '都',
  '还',
  '又',
  '很',
  '太',
  '不',
  '没',
  '无法',
  '没法',
  '不能',
  '放',
  '存',
  '改',
  '加',
  '做',
  '让',
  '时',
  '后',
  '里',
  '上',
  '到',
  '给',
  // Verbs of cause and effect join a pain to what causes it (可靠性机制拖慢吞吐量).
  '影响',
  '降低',
  '提高',
  '增加',
  '减少',
  '拖慢',
  '拖垮',
  '加快',
  '变慢',
  '变快',
  '变差',
  '变成',
  '引发',
  '触发',
  '阻塞',
  '依赖',
  '决定',
];
const ZH_CONNECTIVES = phraseSet(ZH_CONNECTIVE_WORDS);
const ZH_CONNECTIVE_SET: ReadonlySet<string> = new Set(ZH_CONNECTIVE_WORDS);
const EN_CONNECTIVES = new Set([
  'because',
  'since',
  'so',
  'thus',
  'therefore',
  'hence',
  'by',
  'which',
  'that',
  'who',
  'when',
  'if',
  'then',
  'the',
  'a',
  'an',
  'is',
  'are',
  'was',
  'were',
  'be',
  'it',
  'this',
  'to',
  'of',
  'for',
  'with',
  'via',
  'through',
  'using',
  'use',
  'uses',
  'can',
  'could',
  'will',
  'would',
  'should',
  'must',
  'need',
  'needs',
  'may',
  'might',
  'cause',
  'causes',
  'lead',
  'leads',
  'make',
  'makes',
  'let',
  'lets',
  'into',
  'from',
  'on',
  'in',
  'as',
  'while',
  'after',
  'until',
  'instead',
  'not',
  'no',
  'cannot',
  'dont',
  'doesnt',
  'cant',
  'get',
  'gets',
  'have',
  'has',
  'and',
  'or',
  'but',
  'at',
  'up',
  'out',
  'too',
  'more',
  'less',
  // Pronouns, prepositions and auxiliaries: grammar, never a term of a list.
  'they',
  'them',
  'their',
  'its',
  'we',
  'you',
  'our',
  'your',
  'he',
  'she',
  'there',
  'before',
  'over',
  'under',
  'between',
  'about',
  'without',
  'than',
  'do',
  'does',
  'did',
  'been',
  'being',
  'had',
  'also',
  'just',
]);

/** A Latin word carries about as much as two Han characters. */
function units(token: Token): number {
  return token.han ? 1 : 2;
}

/** Content of the reply in Han-character units; below `MIN_UNITS` it cannot state a pain and a fix. */
export function contentUnits(reply: Reply): number {
  return reply.tokens.reduce((sum, t) => sum + units(t), 0);
}

export const MIN_UNITS = 6;

function isConnective(reply: Reply, token: Token): boolean {
  if (!token.han) return EN_CONNECTIVES.has(token.text);
  return ZH_CONNECTIVES.at(reply.compact, token.compactStart) !== undefined;
}

/**
 * A reply that touches one side only (or none) is a list when it has this many items at least: fewer
 * (主库写，从库读; font-display swap) is a short partial statement, which its one side already scores as such.
 */
export const MIN_ONE_SIDED_LIST_ITEMS = 4;

const ITEM_SEPARATORS = /[\s,;.!?、，；。！？/]+/u;

/** Items of the reply: its runs of text between spaces and punctuation. */
export function listItems(reply: Reply): number {
  return reply.text.split(ITEM_SEPARATORS).filter((item) => item.length > 0).length;
}

/** Fewer words than this, and naming fewer than two concepts, a reply is too small to call a list. */
const MIN_LIST_WORDS = 3;

function plainText(text: string): string {
  return text.includes("'") ? text.replace(/'/gu, '') : text;
}

/** Runs of the reply's text outside the concepts' own words, with their first and last token. */
function uncoveredRuns(reply: Reply, covered: Uint8Array): { text: string; first: number; last: number }[] {
  const runs: { text: string; first: number; last: number }[] = [];
  let first = -1;
  for (let i = 0; i <= reply.tokens.length; i++) {
    const open = i < reply.tokens.length && !covered[i];
    if (open && first < 0) first = i;
    if (!open && first >= 0) {
      const text = reply.text.slice((reply.tokens[first] as Token).start, (reply.tokens[i - 1] as Token).end);
      runs.push({ text, first, last: i - 1 });
      first = -1;
    }
  }
  return runs;
}

/**
 * A bare list of terms: it names two concepts or holds three words or more, and no clause of it is a
 * sentence — no connective or function word outside the concepts' own words, whatever separates the terms
 * (commas, 、, spaces). With a segmenter, Chinese function words count only as words of their own (从 in 从库 is
 * no "from").
 */
export function isKeywordList(
  reply: Reply,
  spans: readonly TokenSpan[],
  conceptsNamed: number,
  segmenter?: Segmenter,
): boolean {
  // One run of text with nothing separating its words (限制一下队列大小) is a phrase: a list has items.
  if (!reply.tokens.some((token, i) => i > 0 && token.itemStart) && !/\s/u.test(reply.text.trim())) return false;
  const covered = new Uint8Array(reply.tokens.length);
  for (const span of spans) covered.fill(1, span.first, span.last + 1);
  const connectiveAt = (i: number): boolean => {
    const token = reply.tokens[i] as Token;
    const plain = token.han ? token : { ...token, text: plainText(token.text) };
    return !covered[i] && isConnective(reply, plain);
  };
  const candidates = reply.tokens.map((_, i) => i).filter(connectiveAt);
  if (conceptsNamed < 2) {
    const words = segmenter ? segmenter.words(reply.text).length : reply.tokens.length;
    if (words < MIN_LIST_WORDS) return false;
  }
  if (candidates.length === 0) return true;
  if (!segmenter) return false;
  // An English connective is a whole word for the segmenter too: no need to segment.
  if (candidates.some((i) => !(reply.tokens[i] as Token).han)) return false;
  // Segmenting costs more than the rest of the check: only the runs holding a candidate are cut into words.
  const runs = uncoveredRuns(reply, covered).filter((run) => candidates.some((i) => run.first <= i && i <= run.last));
  return !runs.some((run) =>
    segmenter.words(run.text).some((word) => {
      const plain = plainText(word);
      return ZH_CONNECTIVE_SET.has(plain) || EN_CONNECTIVES.has(plain);
    }),
  );
}
