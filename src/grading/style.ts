/**
 * How a reply is written, apart from what it names: a bare list of keywords (terms separated by punctuation
 * or spaces, with no connecting words) and a reply too short to state both a pain and a fix.
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

// An item is bare when, besides concept words, it holds at most a word and no connective.
const BARE_RESIDUE_UNITS = 2;
const BARE_SHARE = 0.75;

/**
 * The reply split into items (at punctuation, and at spaces next to Han characters); it is a keyword list
 * when it names at least two concepts and three items in four are bare.
 */
export function isKeywordList(reply: Reply, spans: readonly TokenSpan[], conceptsNamed: number): boolean {
  if (conceptsNamed < 2) return false;
  const covered = new Uint8Array(reply.tokens.length);
  // A term's own punctuation (dev/prod parity, two-phase) starts no item.
  const inside = new Uint8Array(reply.tokens.length);
  for (const span of spans) {
    covered.fill(1, span.first, span.last + 1);
    inside.fill(1, span.first + 1, span.last + 1);
  }
  let items = 0;
  let bare = 0;
  let residue = 0;
  let connected = false;
  const close = (): void => {
    if (!connected && residue <= BARE_RESIDUE_UNITS) bare++;
  };
  for (let i = 0; i < reply.tokens.length; i++) {
    const token = reply.tokens[i] as Token;
    if (token.itemStart && !inside[i]) {
      if (items > 0) close();
      items++;
      residue = 0;
      connected = false;
    }
    if (covered[i]) continue;
    residue += units(token);
    if (!connected && isConnective(reply, token)) connected = true;
  }
  if (items > 0) close();
  return items > 0 && bare >= items * BARE_SHARE;
}
