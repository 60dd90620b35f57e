/**
 * How a reply is written, apart from what it names: a bare list of keywords (terms separated by punctuation
 * or spaces, no clause of it a sentence) and a reply too short to state both a pain and a fix. Length does
 * not decide: a short complete answer has function words joining its terms; a long list has none.
 */
import { phraseSet } from './phrases.js';
import type { Reply, Token } from './reply.js';

export interface TokenSpan {
  readonly first: number;
  readonly last: number;
}

/** Connecting and function words: their presence is what turns a list of terms into an explanation. */
const ZH_CONNECTIVES = phraseSet([
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
]);
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
 * A bare list of terms: it names at least two concepts, and no clause of it is a sentence — no connective or
 * function word outside the concepts' own words, whatever separates the terms (commas, 、, spaces).
 */
export function isKeywordList(reply: Reply, spans: readonly TokenSpan[], conceptsNamed: number): boolean {
  if (conceptsNamed < 2) return false;
  const covered = new Uint8Array(reply.tokens.length);
  for (const span of spans) covered.fill(1, span.first, span.last + 1);
  for (let i = 0; i < reply.tokens.length; i++) {
    const token = reply.tokens[i] as Token;
    const apostrophe = !token.han && token.text.includes("'");
    const plain = apostrophe ? { ...token, text: token.text.replace(/'/gu, '') } : token;
    if (!covered[i] && isConnective(reply, plain)) return false;
  }
  return true;
}
