import { describe, expect, it } from 'vitest';
import { clausesOf } from '../../src/grading/groups.js';
import { deniesTrouble, offersRemedy, statesTrouble } from '../../src/grading/everyday-cues.js';
import { analyzeReply } from '../../src/grading/reply.js';

const troubled = (text: string) => {
  const reply = analyzeReply(text);
  return clausesOf(reply).some((clause) => statesTrouble(reply, clause));
};

describe('a clause of trouble', () => {
  it('is a problem said in everyday words, Chinese or English', () => {
    for (const text of [
      '一个库根本放不下全部数据',
      '读写也扛不住',
      'it gets expensive',
      "a single DB can't route by content",
      'the box can fail',
    ])
      expect(troubled(text), text).toBe(true);
  });
  it('is not a fix, nor a trouble denied just before it', () => {
    for (const text of [
      '用负载均衡器分流',
      'put a cache in front',
      '所以永远不会丢数据',
      "there can't be conflicts",
      'it never fails',
    ])
      expect(troubled(text), text).toBe(false);
  });
});

describe('a clause denying trouble', () => {
  const denies = (text: string) => {
    const reply = analyzeReply(text);
    return clausesOf(reply).some((clause) => deniesTrouble(reply, clause));
  };
  it('says some trouble does not happen', () => {
    for (const text of ['所以永远不会丢数据', "there can't be conflicts", 'it never fails'])
      expect(denies(text), text).toBe(true);
  });
  it('is not a trouble stated, nor a clause with no trouble at all', () => {
    for (const text of ['读写也扛不住', 'the box can fail', 'put a cache in front'])
      expect(denies(text), text).toBe(false);
  });
});

describe('a remedy in everyday words', () => {
  it('settles the matter (…就行, 只要…, "just …") or announces a fix (解决办法是…, "the fix is …")', () => {
    for (const text of [
      '重启一下就行',
      '只要多发一遍',
      'just send plain text',
      '解决办法是多加几台机器',
      'the fix is adding more replicas',
      'the solution is a bigger box',
    ])
      expect(offersRemedy(analyzeReply(text)), text).toBe(true);
  });
  it('is not a plain statement', () => {
    for (const text of ['写数据库太慢了', 'the cache fills up with cold data'])
      expect(offersRemedy(analyzeReply(text)), text).toBe(false);
  });
});
