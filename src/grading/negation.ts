/**
 * Negation, by clause. A fix is denied by a cue shortly before it (不需要两阶段提交, without idempotency) or by a
 * denial that ends its clause after it (连接池用不上, "X 跟这个没什么关系", "X is not needed"). A pain is phrased
 * with negations by nature (速度不匹配, 无法扩展, cannot hold the data): only a dismissal (会话放本地没问题, "… is
 * not a problem") or a "not needed" (没必要设 TTL, TTL 用不上) denies it. Idioms that merely contain a cue character (不仅, 不断, 无论,
 * 毫无疑问, not only, no matter) are no cues, and neither is a cue inside a concept's own words (无状态服务).
 * A conditional ("如果没有幂等", "没有熔断就会雪崩", "if we don't retry") describes the pain, so it negates nothing.
 */
import type { Occurrence } from './match.js';
import { phraseSet, type PhraseSet } from './phrases.js';
import type { Reply, Token } from './reply.js';

/** 不需要, 没必要…: they say a thing is not needed (see `Cue.need`). */
const ZH_NEED_WORDS = ['不需要', '不需', '不用', '不必', '没必要', '用不着', '用不上', '无需', '无须'] as const;

const ZH_CUES = phraseSet([...ZH_NEED_WORDS, '没有', '不', '没', '无', '未', '别']);
/** Denials that close a clause after what they deny: 连接池用不上, 跟这个没什么关系. */
const ZH_DENIALS_AFTER = phraseSet([
  '没什么关系',
  '没有关系',
  '没关系',
  '无关',
  '用不上',
  '用不着',
  '没必要',
  '不必要',
  '不需要',
  '不用',
  '没用',
  '没啥用',
  '不重要',
  '多余',
]);
/** Dismissals of a pain: the only way a reply denies one (会话放本地没问题). */
const ZH_DISMISSALS = phraseSet([
  '没问题',
  '没什么问题',
  '不是问题',
  '不是什么问题',
  '不成问题',
  '没关系',
  '没什么关系',
  '无所谓',
  '不要紧',
  '不影响',
  '没影响',
]);
const EN_DENIALS_AFTER: readonly (readonly string[])[] = [
  ['not', 'needed'],
  ['isnt', 'needed'],
  ['arent', 'needed'],
  ['not', 'necessary'],
  ['unnecessary'],
  ['not', 'required'],
  ['useless'],
  ['irrelevant'],
  ['doesnt', 'matter'],
  ['dont', 'matter'],
  ['doesnt', 'help'],
  ['wont', 'help'],
  ['not', 'useful'],
];
const EN_DISMISSALS: readonly (readonly string[])[] = [
  ['no', 'problem'],
  ['not', 'a', 'problem'],
  ['not', 'an', 'issue'],
  ['no', 'issue'],
  ['doesnt', 'matter'],
  ['dont', 'matter'],
  ['is', 'fine'],
  ['are', 'fine'],
  ['harmless'],
];
/** Particles that may follow a clause-final denial (用不上了, 没关系的). */
const ZH_FINAL_PARTICLES = new Set(['了', '的', '啊', '吧', '呢', '呀', '嘛', '啦']);
/** A denial after the concept still reaches it across this many other tokens (也, 跟这个, here). */
const AFTER_WINDOW = 5;
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
  // Inability describes a pain (没法水平扩展, 无法继续执行), it denies no fix.
  '没法',
  '没办法',
  '无法',
  '不能',
  '不可能',
  '难以',
  '别的',
  '区别',
  '差别',
  '特别',
  '分别',
  '级别',
  '类别',
  '识别',
  '告别',
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
  'none',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wont',
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
  /** 不需要, 没必要, "don't need": it says the thing is not needed, which denies a pain as much as a fix. */
  readonly need: boolean;
}

const ZH_NEED_CUES: ReadonlySet<string> = new Set(ZH_NEED_WORDS);

/** "don't need", "no need", "needn't", "not needed" at token `i`. */
function isEnglishNeedCue(token: Token, next: Token | undefined): boolean {
  if (token.text === "needn't" || token.text === 'neednt') return true;
  const negation = ['not', 'no', 'dont', "don't", 'doesnt', "doesn't", 'didnt', "didn't"].includes(token.text);
  return negation && next !== undefined && next.clause === token.clause && next.stem === 'need';
}

function isEnglishCue(token: Token, next: Token | undefined): boolean {
  const word = token.text;
  // can't / cannot: inability describes a pain ("one machine cannot hold the data"), it denies no fix.
  const cue = EN_CUES.has(word) || (word.endsWith("n't") && word !== "can't");
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
      if (isEnglishCue(token, tokens[i + 1]))
        cues.push({ first: i, last: i, need: isEnglishNeedCue(token, tokens[i + 1]) });
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
      cues.push({ first: i, last, need: ZH_NEED_CUES.has(cue) });
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

function plain(token: Token): string {
  return token.text.includes("'") ? token.text.replace(/'/gu, '') : token.text;
}

/** Length in tokens of an English phrase of `phrases` starting at token `at` of the clause, or 0. */
function englishPhraseAt(reply: Reply, at: number, last: number, phrases: readonly (readonly string[])[]): number {
  for (const phrase of phrases) {
    if (at + phrase.length - 1 > last) continue;
    if (phrase.every((word, k) => plain(reply.tokens[at + k] as Token) === word)) return phrase.length;
  }
  return 0;
}

interface Span {
  readonly first: number;
  readonly last: number;
}

/** Occurrences of `zh` / `en` phrases in tokens [from, to], not inside a concept's own words. */
function phrasesIn(
  reply: Reply,
  from: number,
  to: number,
  zh: PhraseSet,
  en: readonly (readonly string[])[],
  covered: Uint8Array,
): Span[] {
  const out: Span[] = [];
  for (let i = from; i <= to; i++) {
    if (covered[i]) continue;
    const token = reply.tokens[i] as Token;
    let length = 0;
    if (token.han) {
      const phrase = zh.at(reply.compact, token.compactStart);
      if (phrase && token.compactStart + phrase.length <= reply.compact.length) length = [...phrase].length;
    } else length = englishPhraseAt(reply, i, to, en);
    if (length > 0) {
      out.push({ first: i, last: i + length - 1 });
      i += length - 1;
    }
  }
  return out;
}

/** Tokens strictly between two positions that are not another concept's words. */
function uncoveredBetween(covered: Uint8Array, after: number, before: number): number {
  let count = 0;
  for (let i = after + 1; i < before; i++) if (!covered[i]) count++;
  return count;
}

/** A denial placed after the occurrence, closing its clause (at most one word and particles after it). */
function deniedAfter(
  reply: Reply,
  occ: Occurrence,
  clauseLast: number,
  covered: Uint8Array,
  zh: PhraseSet,
  en: readonly (readonly string[])[],
): boolean {
  return phrasesIn(reply, occ.last + 1, clauseLast, zh, en, covered).some((denial) => {
    if (uncoveredBetween(covered, occ.last, denial.first) > AFTER_WINDOW) return false;
    if (hasAnyIn(reply, occ.last + 1, denial.first - 1, ZH_RESETS, EN_RESETS)) return false;
    // An English predicate right after its subject ("X isn't needed for Y", "X doesn't matter here") denies it
    // whatever the clause goes on to say.
    const predicate =
      !(reply.tokens[denial.first] as Token).han && uncoveredBetween(covered, occ.last, denial.first) <= 1;
    if (predicate) return true;
    let trailing = 0;
    for (let i = denial.last + 1; i <= clauseLast; i++) {
      const token = reply.tokens[i] as Token;
      if (!(token.han && ZH_FINAL_PARTICLES.has(token.text))) trailing++;
    }
    return trailing <= 1;
  });
}

/** A dismissal anywhere in the occurrence's clause (会话放本地没问题; "losing a message is not a problem"). */
function dismissed(reply: Reply, occ: Occurrence, covered: Uint8Array): boolean {
  const clause = clauseBounds(reply, occ.first);
  return (
    phrasesIn(reply, clause.first, occ.first - 1, ZH_DISMISSALS, EN_DISMISSALS, covered).length > 0 ||
    phrasesIn(reply, occ.last + 1, clause.last, ZH_DISMISSALS, EN_DISMISSALS, covered).length > 0
  );
}

/** Whether a cue placed before reaches this occurrence: same clause, within the window, nothing resetting in between. */
function deniedBefore(reply: Reply, occ: Occurrence, cues: readonly Cue[], covered: Uint8Array): boolean {
  const clause = (reply.tokens[occ.first] as Token).clause;
  return cues.some((cue) => {
    if (cue.last >= occ.first || (reply.tokens[cue.last] as Token).clause !== clause) return false;
    if (uncoveredBetween(covered, cue.last, occ.first) > NEGATION_WINDOW) return false;
    if (hasAnyIn(reply, cue.last + 1, occ.first - 1, ZH_RESETS, EN_RESETS)) return false;
    return !isConditional(reply, cue, occ);
  });
}

/** How a reply denies a mention: it dismisses a pain (没问题), or it says the thing is not there or not needed. */
export type Denial = 'dismissal' | 'denial';

/**
 * Whether and how the reply denies this occurrence. A fix: a cue before it, or a denial closing its clause after
 * it. A pain: a dismissal in its clause, or a "not needed" before or after it.
 */
export function denialOf(
  reply: Reply,
  occ: Occurrence,
  group: 'pain' | 'fix',
  cues: readonly Cue[],
  covered: Uint8Array,
): Denial | null {
  const clause = clauseBounds(reply, occ.first);
  if (group === 'pain') {
    if (dismissed(reply, occ, covered)) return 'dismissal';
    const needCues = cues.filter((cue) => cue.need);
    const denied =
      deniedBefore(reply, occ, needCues, covered) ||
      deniedAfter(reply, occ, clause.last, covered, ZH_DENIALS_AFTER, EN_DENIALS_AFTER);
    return denied ? 'denial' : null;
  }
  // Words found apart (需要…幂等 in 需要不幂等): a cue between them denies what they say together.
  if (cues.some((cue) => cue.first > occ.first && cue.last < occ.last)) return 'denial';
  if (deniedBefore(reply, occ, cues, covered)) return 'denial';
  return deniedAfter(reply, occ, clause.last, covered, ZH_DENIALS_AFTER, EN_DENIALS_AFTER) ? 'denial' : null;
}

/**
 * Whether a clause denies or dismisses something, whatever it names: a "not needed" cue (没必要, 用不上, "no
 * need"), a denial that closes it, or a dismissal (没问题). Plain 不/没 are left out: a pain is said with them.
 */
// Nothing covered, for `clauseDenies`: one zero buffer, only ever read, instead of a typed array per clause (each
// has a buffer outside the heap that young collections must sweep).
let nothingCovered = new Uint8Array(0);

export function clauseDenies(reply: Reply, first: number, last: number, cues: readonly Cue[]): boolean {
  if (cues.some((cue) => cue.need && cue.first >= first && cue.last <= last)) return true;
  if (nothingCovered.length < reply.tokens.length) nothingCovered = new Uint8Array(reply.tokens.length);
  const none = nothingCovered;
  return (
    phrasesIn(reply, first, last, ZH_DISMISSALS, EN_DISMISSALS, none).length > 0 ||
    phrasesIn(reply, first, last, ZH_DENIALS_AFTER, EN_DENIALS_AFTER, none).length > 0
  );
}
