import { describe, expect, it } from 'vitest';
import { clausesOf } from '../../src/grading/groups.js';
import { statesTrouble } from '../../src/grading/pain-cues.js';
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
