import { beforeAll, describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import type { ChallengeKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { buildGraph } from '../../src/knowledge/graph.js';
import type { KnowledgeGraph } from '../../src/knowledge/types.js';
import { nodeAt, seedGraph, words } from './seed.js';

let graph: KnowledgeGraph;
/** Derivation alone: no overlay. */
let kb: ChallengeKnowledgeBase;

beforeAll(async () => {
  graph = await seedGraph();
  kb = buildKnowledgeBase(graph);
});

function derived(...titles: string[]) {
  const challenge = kb.challengeFor(nodeAt(graph, ...titles).id);
  expect(challenge).not.toBeNull();
  return challenge!;
}

describe('derived challenges on the seed', () => {
  it('举动-痛点 → 解法/解决方案: pain about resources and operations, fix is cloud native', () => {
    const c = derived('举动-痛点');
    expect(c.origin).toBe('derived');
    expect(words(c.pain).some((w) => w.includes('资源消耗') || w.includes('运维'))).toBe(true);
    expect(words(c.fix)).toContain('云原生');
    expect(words(c.fix)).toContain('cloud native');
    expect(c.modelAnswer).toMatch(/^痛点：.*资源消耗/);
    expect(c.modelAnswer).toMatch(/解法：.*云原生应用架构/);
  });

  it('Redis Cluster > 缺点: its drawbacks as the pain, the proxy + sentinel alternative as the fix', () => {
    const c = derived('Redis Cluster', '缺点');
    expect(c.pain.map((k) => k.label).join(' ')).toMatch(/gossip|客户端|节点故障|实现复杂/);
    expect(words(c.fix).join(' ')).toMatch(/sentinel|hash|监控/);
    expect(c.modelAnswer).toContain('Redis Cluster 缺点：客户端实现复杂');
    expect(c.modelAnswer).toContain('Twemproxy+sentinel');
  });

  it('微服务 > 引入的问题: the introduced problems as the pain, the notes they name as the fix', () => {
    const c = derived('微服务', '引入的问题');
    expect(c.pain.map((k) => k.label).join(' ')).toMatch(/故障诊断|性能|集成测试|分布式事务/);
    expect(c.fix.map((k) => k.label).join(' ')).toMatch(/日志收集|分布式事务|数据一致性/);
  });

  it('reads a body that states both: `…解法：https` and `解决了…问题`', () => {
    const hijack = derived('流量劫持');
    expect(words(hijack.fix)).toContain('https');
    expect(words(hijack.pain)).toContain('流量劫持');
    const az = derived('跨AZ负载均衡');
    expect(az.pain.map((k) => k.label).join(' ')).toContain('流量入口');
    expect(az.fix.map((k) => k.label)).toContain('负载均衡');
  });

  it('pain and fix never share a concept', () => {
    for (const id of kb.dailyTopics()) {
      const c = kb.challengeFor(id)!;
      const pain = new Set(words(c.pain));
      expect(words(c.fix).filter((w) => pain.has(w))).toEqual([]);
    }
  });

  it('weights are 1–2 and the best concept of a group weighs 2', () => {
    const c = derived('举动-痛点');
    for (const k of [...c.pain, ...c.fix]) expect(k.weight).toBeGreaterThanOrEqual(1);
    expect(Math.max(...c.fix.map((k) => k.weight))).toBe(2);
  });
});

describe('challengeFor any node with content', () => {
  it('a plain leaf: the parent is the pain side, its own text the fix', () => {
    const leaf = nodeAt(graph, '稳定期服务化应用架构实践', '微服务架构测试', 'Mock');
    const c = kb.challengeFor(leaf.id)!;
    expect(c.topicId).toBe(leaf.id);
    expect(c.path).toEqual(leaf.path);
    expect(words(c.fix)).toContain('mock');
    expect(c.pain.length).toBeGreaterThan(0);
    expect(c.modelAnswer).toContain('MockServer');
  });

  it('a title-only leaf still yields a challenge (2pc under 分布式事务)', () => {
    const c = kb.challengeFor(nodeAt(graph, '数据一致性实践', '分布式事务', '2pc').id)!;
    expect(c.fix.map((k) => k.label)).toEqual(['2pc']);
    expect(words(c.pain)).toContain('分布式事务');
  });

  it('null for an empty node and for an unknown id', () => {
    const g = buildGraph([{ path: 'n.txt', text: '--背景：服务很多，运维困难\n>方案\n>...\n' }]);
    const local = buildKnowledgeBase(g);
    const [marker, dots] = [...g.nodes.values()].filter((n) => n.depth === 1);
    expect(local.challengeFor(marker!.id)).toBeNull();
    expect(local.challengeFor(dots!.id)).toBeNull();
    expect(local.challengeFor('no-such-node')).toBeNull();
  });

  it('is cached: the same object on a second call', () => {
    const id = nodeAt(graph, '举动-痛点').id;
    expect(kb.challengeFor(id)).toBe(kb.challengeFor(id));
  });
});

describe('long bodies', () => {
  it('derive from the opening of the text, so a huge body costs no more than a long one', () => {
    const opening = '缓存击穿：热点 key 过期瞬间大量请求打到数据库；解法：互斥锁重建缓存。';
    const g = buildGraph([{ path: 'n.txt', text: `--缓存击穿：${opening}${'填充文字'.repeat(20_000)}\n` }]);
    const c = buildKnowledgeBase(g).challengeFor(g.roots[0]!)!;
    expect(c.fix.map((k) => k.label).join(' ')).toMatch(/互斥锁|重建/);
    expect(c.modelAnswer.length).toBeLessThanOrEqual(900);
  });
});

describe('top-level notes', () => {
  it('a top-level sentence with no body is a fix-only challenge; with a body, its title frames the pain', () => {
    const g = buildGraph([
      { path: 'n.txt', text: '--把自己当做cpu,调用各个服务接口\n--消息堆积：消费者扩容，批量消费\n' },
    ]);
    const local = buildKnowledgeBase(g);
    const [sentence, note] = g.roots.map((id) => local.challengeFor(id)!);
    expect(sentence!.pain).toEqual([]);
    expect(words(sentence!.fix)).toContain('cpu');
    expect(note!.pain.map((k) => k.label)).toContain('消息堆积');
    expect(note!.fix.map((k) => k.label).join(' ')).toMatch(/消费者|扩容|批量/);
  });
});
