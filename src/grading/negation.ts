/**
 * Negation: a cue shortly before a concept, in the same clause, takes the concept's credit away
 * (不需要两阶段提交, without idempotency). Idioms that merely contain a cue character (不仅, 不断, 无论,
 * 毫无疑问, not only, no matter) are no cues, and neither is a cue inside another concept's own words
 * (无状态服务). A conditional ("如果没有幂等", "没有熔断就会雪崩", "if we don't retry") describes the pain,
 * so it negates nothing.
 */
import type { Occurrence } from './match.js';
import { phraseSet, type PhraseSet } from './phrases.js';
import type { Reply, Token } from './reply.js';

const ZH_CUES = phraseSet(['不需要', '不需', '不用', '不必', '没有', '无需', '无须', '不', '没', '无', '未']);
const ZH_IDIOMS = phraseSet([
  '毫无疑问',
  '不得不',
  '不外乎',
  '不仅',
  '不断',
  '不但',
  '不管',
  '不论',
  '不过',
  '不只',
  '不止',
  '不光',
  '不同',
  '不少',
  '不停',
  '不错',
  '不久',
  '无论',
  '无非',
  '无数',
  '无疑',
  '无状态',
  '无共享',
  '无中心',
  '无损',
  '无缝',
  '无锁',
  '无感',
  '未来',
  '没错',
  // Potential complements negate the verb before them (扛不住, 离不开), not what follows.
  '不住',
  '不了',
  '不到',
  '不动',
  '不起',
  '不完',
  '不开',
]);
const EN_CUES = new Set([
  'not',
  'no',
  'without',
  'never',
  'nor',
  'cannot',
  'none',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wont',
  'cant',
  'shouldnt',
  'neednt',
]);
/** "not only", "no matter", "no doubt", "not just": the cue is part of an idiom. */
const EN_IDIOM_NEXT = new Set(['only', 'matter', 'doubt', 'just']);

const ZH_CONDITIONAL_BEFORE = phraseSet(['如果', '假如', '要是', '若是', '若', '一旦', '万一']);
const EN_CONDITIONAL_BEFORE = new Set(['if', 'unless']);
const ZH_CONSEQUENCE_AFTER = phraseSet(['的话', '就会', '会导致', '导致', '会出现', '会造成', '否则']);
/** Words that end a negation's reach: 不是两阶段提交而是 TCC, 扛不住写入就分片. */
const ZH_RESETS = phraseSet(['而是', '而', '就', '所以', '因此', '只需', '只要']);
const EN_RESETS = new Set(['instead', 'rather', 'but', 'so', 'because', 'which', 'only']);

/** Tokens between a cue and the concept it reaches, not counting other concepts' words. */
export const NEGATION_WINDOW = 4;

export interface Cue {
  readonly first: number;
  readonly last: number;
}

function isEnglishCue(token: Token, next: Token | undefined): boolean {
  const word = token.text;
  const cue = EN_CUES.has(word) || word.endsWith("n't");
  return cue && !(next && next.clause === token.clause && EN_IDIOM_NEXT.has(next.text));
}

/** Negation cues of the reply, skipping idioms and any cue inside a concept's matched words. */
export function findCues(reply: Reply, covered: Uint8Array): Cue[] {
  const cues: Cue[] = [];
  const tokens = reply.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (covered[i]) continue;
    if (!token.han) {
      if (isEnglishCue(token, tokens[i + 1])) cues.push({ first: i, last: i });
      continue;
    }
    const idiom = ZH_IDIOMS.at(reply.compact, token.compactStart);
    if (idiom) {
      i += [...idiom].length - 1;
      continue;
    }
    const cue = ZH_CUES.at(reply.compact, token.compactStart);
    if (cue) {
      const last = i + [...cue].length - 1;
      cues.push({ first: i, last });
      i = last;
    }
  }
  return cues;
}

function hasAnyIn(reply: Reply, from: number, to: number, zh: PhraseSet, en: ReadonlySet<string>): boolean {
  for (let i = from; i <= to; i++) {
    const token = reply.tokens[i] as Token;
    if (token.han ? zh.at(reply.compact, token.compactStart) !== undefined : en.has(token.text)) return true;
  }
  return false;
}

function clauseBounds(reply: Reply, index: number): { first: number; last: number } {
  const clause = (reply.tokens[index] as Token).clause;
  let first = index;
  let last = index;
  while (first > 0 && reply.tokens[first - 1]?.clause === clause) first--;
  while (last + 1 < reply.tokens.length && reply.tokens[last + 1]?.clause === clause) last++;
  return { first, last };
}

function isConditional(reply: Reply, cue: Cue, occ: Occurrence): boolean {
  const clause = clauseBounds(reply, occ.first);
  return (
    hasAnyIn(reply, clause.first, cue.first - 1, ZH_CONDITIONAL_BEFORE, EN_CONDITIONAL_BEFORE) ||
    hasAnyIn(reply, occ.last + 1, clause.last, ZH_CONSEQUENCE_AFTER, new Set())
  );
}

/** Whether a cue reaches this occurrence: same clause, within the window, nothing resetting in between. */
export function isNegated(reply: Reply, occ: Occurrence, cues: readonly Cue[], covered: Uint8Array): boolean {
  const clause = (reply.tokens[occ.first] as Token).clause;
  return cues.some((cue) => {
    if (cue.last >= occ.first || (reply.tokens[cue.last] as Token).clause !== clause) return false;
    let between = 0;
    for (let i = cue.last + 1; i < occ.first; i++) if (!covered[i]) between++;
    if (between > NEGATION_WINDOW) return false;
    if (hasAnyIn(reply, cue.last + 1, occ.first - 1, ZH_RESETS, EN_RESETS)) return false;
    return !isConditional(reply, cue, occ);
  });
}
