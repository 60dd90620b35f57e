import { describe, expect, it } from 'vitest';
import { statesPain, statesTrouble } from '../../src/challenges/prose-cues.js';

describe('which sentence of prose states the pain', () => {
  it('takes sentences that say something goes wrong, in either language', () => {
    for (const sentence of [
      '每次请求都同步写磁盘，速度太慢',
      '主库离线后无法写入',
      '比垂直扩展更贵的硬件',
      'Remote calls are slower and less reliable than local calls',
      'The whole cluster is a single point of failure',
      'Scaling up one server on more expensive hardware',
      'If the master goes offline, writes stop',
    ]) {
      expect(statesPain(sentence), sentence).toBe(true);
    }
  });

  it('takes what a fix relieves when the sentence does not praise (避免单点, "avoids expensive joins")', () => {
    expect(statesPain('把数据冗余一份，避免昂贵的联结')).toBe(true);
    expect(statesPain('Copies are written to several tables to avoid expensive joins')).toBe(true);
    expect(statesPain('这样可以减少对数据库的请求')).toBe(true);
  });

  it('never takes praise or description: advantages, help, improvements, what keeps working', () => {
    for (const sentence of [
      '负载均衡器还能帮助水平扩展，提高性能和可用性',
      '好处是减少了复制延迟',
      '也减少了索引，查询更快',
      '如果一个节点出问题，其他的仍能运行',
      'Similar to the advantages of replication, it results in less read traffic',
      'Queues help reduce request times',
      'Index size is also reduced, which improves performance',
      'If one node goes down, the others are still operational',
      'If either server fails, the system can continue to operate',
      'A load balancer distributes requests to the servers',
    ]) {
      expect(statesPain(sentence), sentence).toBe(false);
    }
  });

  it('weighs praise clause by clause: a trouble clause stays a pain beside a helpful remark', () => {
    expect(statesTrouble('远程调用一般较慢而且可靠性更差，因此区分两者是有帮助的')).toBe(true);
    expect(statesTrouble('Remote calls are slow, so it helps to tell them apart')).toBe(true);
    // A trouble word (耦合) keeps its clause a pain; relief alone in a sentence that praises is an advantage.
    expect(statesPain('它减少了耦合，有助于独立发布')).toBe(true);
    expect(statesPain('减少了流量，有助于扩展')).toBe(false);
  });
});
