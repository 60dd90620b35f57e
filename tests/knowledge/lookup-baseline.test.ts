import { describe, expect, it } from 'vitest';
import { naiveLookup } from '../../bench/eval/lookup.js';
import { buildGraph } from '../../src/knowledge/graph.js';

const graph = buildGraph([
  {
    path: 'notes.md',
    text: '# 分片（Sharding）\n\n把数据分到多台机器。\n\n# 复制\n\nsharding 之外的另一种扩展。\n\n# 背压\n\n队列满时拒绝请求。\n',
  },
]);

describe('the naive lookup baseline', () => {
  it('ranks headings by the query words their title spells, then their text', () => {
    expect(naiveLookup(graph, 'Sharding', 3).map((p) => p.join(' › '))).toEqual(['分片（Sharding）', '复制']);
  });

  it('finds nothing for English words no note spells', () => {
    expect(naiveLookup(graph, 'back pressure', 3)).toEqual([]);
    expect(naiveLookup(graph, '？？', 3)).toEqual([]);
  });
});
