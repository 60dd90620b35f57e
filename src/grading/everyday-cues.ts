/**
 * What a reply says in everyday words, whatever the subject: that something goes wrong (扛不住, 放不下, 太慢,
 * "gets expensive", "couldn't keep up"), and that something simple settles it (…就行, 只要…, "just …"). A
 * learner states the pain in their own words, and notes often state it as benefits of the fix or not at all, so
 * a pain clause may share no word with the notes' pain text; and a reply that settles the matter with a remedy
 * the notes never name proposes a wrong fix. General words, not phrases of one subject: they show that a reply
 * has a pain side or a remedy, never which one (see `similarity.ts` and `grade.ts`).
 */
import type { ClauseRange } from './groups.js';
import { phraseSet } from './phrases.js';
import type { Reply, Token } from './reply.js';

const ZH_TROUBLE = phraseSet([
  '扛不住',
  '撑不住',
  '顶不住',
  '受不了',
  '放不下',
  '装不下',
  '存不下',
  '跟不上',
  '来不及',
  '不够',
  '太慢',
  '很慢',
  '变慢',
  '慢了',
  '太大',
  '太多',
  '太贵',
  '太高',
  '很贵',
  '成本高',
  '瓶颈',
  '单点',
  '故障',
  '宕机',
  '挂了',
  '挂掉',
  '崩溃',
  '丢失',
  '丢数据',
  '不一致',
  '冲突',
  '阻塞',
  '卡住',
  '堆积',
  '过载',
  '超时',
  '浪费',
  '麻烦',
  '困难',
  '难以',
  '无法',
  '没法',
  '不能',
  '不了',
  '出错',
  '报错',
  '泄漏',
  '泄露',
  '风险',
  '牵一发',
]);

/** English words of trouble, by Porter stem (expensive, slower, bottlenecks, overloaded, failing…). */
const EN_TROUBLE_STEMS = new Set([
  'slow',
  'slower',
  'expens',
  'costli',
  'bottleneck',
  'overload',
  'crash',
  'fail',
  'failur',
  'outag',
  'lost',
  'lose',
  'leak',
  'stall',
  'spike',
  'conflict',
  'inconsist',
  'stale',
  'wast',
  'unabl',
  'block',
  'bog',
  'bogg',
  'timeout',
  'hard',
  'difficult',
  'pain',
  'risk',
  'broken',
  'break',
  'suffer',
]);

/** Modal negatives are trouble (can't route by content) unless they deny a thing's existence (can't be conflicts). */
const EN_MODAL_NEGATIVES = new Set(["can't", 'cant', 'cannot', "couldn't", 'couldnt', "won't", 'wont']);
/** Words that, just before a word of trouble, deny it (不会丢数据, 没有瓶颈, never fails, can't be conflicts). */
const ZH_DENIERS = new Set(['不', '没', '无', '别', '未']);
const EN_DENIERS = new Set(['no', 'not', 'never', 'without', "don't", 'dont', "doesn't", 'doesnt', "isn't", 'isnt']);
/** How many tokens before a word of trouble a denier reaches (不会丢, never really fails). */
const DENIER_REACH = 2;

function englishTrouble(reply: Reply, index: number): boolean {
  const token = reply.tokens[index] as Token;
  if (EN_MODAL_NEGATIVES.has(token.text)) return reply.tokens[index + 1]?.text !== 'be';
  return EN_TROUBLE_STEMS.has(token.stem) || EN_TROUBLE_STEMS.has(token.text);
}

function deniedBefore(reply: Reply, index: number, first: number): boolean {
  for (let i = Math.max(first, index - DENIER_REACH); i < index; i++) {
    const token = reply.tokens[i] as Token;
    if (token.han ? ZH_DENIERS.has(token.text) : EN_DENIERS.has(token.text) || EN_MODAL_NEGATIVES.has(token.text))
      return true;
  }
  return false;
}

/** Whether some word of trouble in the clause is (`denied`) or is not denied just before. */
function troubleIn(reply: Reply, clause: ClauseRange, denied: boolean): boolean {
  for (let i = clause.first; i <= clause.last; i++) {
    const token = reply.tokens[i] as Token;
    const trouble = token.han
      ? ZH_TROUBLE.at(reply.compact, token.compactStart) !== undefined
      : englishTrouble(reply, i);
    if (trouble && deniedBefore(reply, i, clause.first) === denied) return true;
  }
  return false;
}

/** Whether the clause says something is wrong: a word of trouble in either language, not denied just before. */
export function statesTrouble(reply: Reply, clause: ClauseRange): boolean {
  return troubleIn(reply, clause, false);
}

/** Whether the clause says some trouble does not happen (不会丢数据, 没有瓶颈, "there can't be conflicts"). */
export function deniesTrouble(reply: Reply, clause: ClauseRange): boolean {
  return troubleIn(reply, clause, true);
}

/**
 * Words that offer a remedy as settling the matter (…就行, 只要…, 换成…, "just …", "instead") or announce one
 * (解决办法是…, "the fix is …", "the solution is …").
 */
const ZH_REMEDY = phraseSet([
  '就行',
  '就好',
  '就可以',
  '就能',
  '就解决',
  '就完事',
  '就没问题',
  '只要',
  '换成',
  '解决办法',
]);
/** English remedy words, by text or Porter stem (fix, fixes, solution). */
const EN_REMEDY = new Set(['just', 'instead', 'simply', 'fix', 'solut']);

/** Whether the reply offers a remedy in everyday words anywhere (what it names is for the concepts to tell). */
export function offersRemedy(reply: Reply): boolean {
  return reply.tokens.some((token) =>
    token.han
      ? ZH_REMEDY.at(reply.compact, token.compactStart) !== undefined
      : EN_REMEDY.has(token.text) || EN_REMEDY.has(token.stem),
  );
}
