import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/knowledge/graph.js';
import { gradingToolsFor } from '../../src/grading/tools.js';
import { queryWords } from '../../src/knowledge/search/plan.js';
import { bilingualIndexOf, createBilingualDictionary } from '../../src/text/bilingual.js';
import { PRIMER_DIR, seedGraph, topicIndexOf } from './helpers.js';

const index = topicIndexOf(seedGraph());
const titles = (query: string, limit = 5) => index.lookup(query, limit).results.map((r) => r.title);

describe('topic lookup on the seed', () => {
  it('ranks an exact Chinese title first', () => {
    expect(titles('容器编排')[0]).toBe('容器编排');
    expect(titles('分布式事务').slice(0, 2)).toEqual(['分布式事务', '分布式事务']);
    expect(titles('分布式事务')[2]).toBe('分布式事务方案');
  });

  it('finds a Chinese substring and words split by spaces', () => {
    expect(titles('分布式')).toEqual(expect.arrayContaining(['分布式锁', '分布式事务', '分布式协调服务']));
    expect(titles('分布式 事务')[0]).toBe('分布式事务');
    expect(titles('云原生 12要素')[0]).toBe('12要素');
  });

  it("cuts an unspaced Chinese query into the grader's words and finds a title holding them in any order", () => {
    const graph = seedGraph();
    const words = (han: string) => gradingToolsFor(graph).segmenter.words(han);
    expect(queryWords(['缓存的一致性方案'], words)).toEqual(['缓存', '一致性', '方案']);
    expect(titles('一致性缓存方案')[0]).toBe('缓存数据一致性方案');
    expect(titles('事务分布式')[0]).toBe('分布式事务');
    expect(titles('存储静态资源')[0]).toBe('静态资源存储');
    // A word no title holds leaves the run to substring matching: no title that only shares `存储`.
    expect(titles('键值存储')).toEqual([]);
  });

  it('ranks an exact English title first, case-insensitively', () => {
    expect(titles('redis cluster')[0]).toBe('Redis Cluster');
    expect(titles('DEVOPS').slice(0, 2)).toEqual(['DevOps', 'DevOps']);
  });

  it('finds Chinese notes through English aliases', () => {
    expect(titles('kubernetes')[0]).toBe('容器编排');
    expect(titles('k8s')[0]).toBe('容器编排');
    expect(titles('distributed transaction')[0]).toBe('分布式事务');
    expect(titles('Eventual Consistency')).toContain('最终一致性 模式');
  });

  it('is width-insensitive and folds traditional characters', () => {
    expect(titles('ＫＵＢＥＲＮＥＴＥＳ')[0]).toBe('容器编排');
    expect(titles('分佈式事務')[0]).toBe('分布式事务');
    expect(titles('ＲＥＤＩＳ ＣＬＵＳＴＥＲ')[0]).toBe('Redis Cluster');
  });

  it('tolerates typos in Latin words', () => {
    expect(titles('kubernetse')[0]).toBe('容器编排');
    expect(titles('kubrenetes')[0]).toBe('容器编排');
    expect(titles('distribted transaction')[0]).toBe('分布式事务');
    expect(titles('redsi cluster')[0]).toBe('Redis Cluster');
  });

  it('returns children and related topics with a hit', () => {
    const hit = index.lookup('容器编排', 1).results[0];
    expect(hit?.children.map((c) => c.title)).toEqual(['Pod', 'Replication Controller']);
    expect(hit?.related).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: 'DevOps', relation: 'mentioned-by' })]),
    );
    const pain = index.lookup('举动-痛点', 1).results[0];
    expect(pain?.related[0]).toMatchObject({ title: '解法/解决方案', relation: 'fix' });
  });

  it('offers close topics only above a similarity floor: none for a query that resembles nothing', () => {
    for (const query of ['xyzzyq', '！！！', '量子纠缠', 'xyzzy frobnicate']) {
      const result = index.lookup(query);
      expect(result.results).toEqual([]);
      expect(result.nearest).toEqual([]);
    }
    expect(index.lookup('分布式系统设计题').nearest.map((n) => n.title)).toContain('保证分布式系统一致性的算法');
  });

  it('respects the limit', () => {
    expect(index.lookup('服务', 3).results).toHaveLength(3);
  });
});

describe('autocomplete', () => {
  it('offers titles that start with, then contain, a fragment', () => {
    const found = index.autocomplete('redis').map((r) => r.title);
    expect(found[0]).toBe('redis');
    expect(found).toEqual(
      expect.arrayContaining(['Redis Cluster', 'redis服务水平扩展', '用redis 来实现基本的统计功能']),
    );
    expect(index.autocomplete('分布').map((r) => r.title)).toContain('分布式锁');
  });

  it('completes a word prefix and goes through aliases', () => {
    expect(index.autocomplete('Replic').map((r) => r.title)).toContain('Replication Controller');
    expect(index.autocomplete('kube').map((r) => r.title)).toContain('容器编排');
  });

  it('returns at most 25 choices', () => {
    expect(index.autocomplete('服务').length).toBe(25);
    expect(index.autocomplete('服务', 100).length).toBe(25);
    expect(index.autocomplete('').length).toBeGreaterThan(0);
  });
});

describe('lookup on a Markdown tree', () => {
  it('finds a heading among bullets of the same name', () => {
    const graph = buildGraph([{ path: 'n.md', text: '# Caching\n- cache aside\n## Cache aside\n- Write through\n' }]);
    const search = topicIndexOf(graph);
    expect(search.lookup('write-through').results[0]?.title).toBe('Write through');
    expect(
      search
        .lookup('Cache aside')
        .results.map((r) => r.title)
        .slice(0, 2),
    ).toEqual(['cache aside', 'Cache aside']);
  });
});

describe('English queries on Chinese headings (bilingual dictionary)', () => {
  const primer = readFileSync(`${PRIMER_DIR}README-zh-Hans.md`, 'utf8');
  const graph = buildGraph([{ path: 'README-zh-Hans.md', text: primer }]);
  const dictionary = createBilingualDictionary({ titles: [...graph.nodes.values()].map((n) => n.title) });
  const bilingual = topicIndexOf(graph, dictionary);
  const top3 = (query: string) => bilingual.lookup(query, 3).results.map((r) => r.path.at(-1));

  it('finds the Chinese heading of an English term, in the top 3', () => {
    expect(top3('sharding')).toContain('分片');
    expect(top3('reverse proxy')).toContain('反向代理（web 服务器）');
    expect(top3('write-behind')).toContain('回写模式');
    expect(top3('back pressure')[0]).toBe('背压');
    expect(top3('service discovery')[0]).toBe('服务发现');
  });

  it('renders an English prefix the dictionary has no entry for (micro-services → 微 + 服务)', () => {
    expect(top3('microservices')[0]).toBe('微服务');
  });

  it('reads a word the dictionary lacks whole as the two words it is made of (backpressure → back + pressure)', () => {
    expect(top3('backpressure')[0]).toBe('背压');
  });

  it('counts a word the heading spells itself as rendered, beside the words it translates', () => {
    expect(top3('CDN caching')[0]).toBe('CDN 缓存');
    expect(top3('SQL tuning')[0]).toBe('SQL 调优');
    expect(top3('RPC disadvantages')[0]).toBe('缺点：RPC');
  });

  it('without the dictionary the same queries find nothing or something else', () => {
    const plain = topicIndexOf(graph);
    expect(plain.lookup('back pressure', 3).results.map((r) => r.title)).not.toContain('背压');
    expect(plain.lookup('sharding', 3).results.map((r) => r.title)).not.toContain('分片');
  });

  it('leaves a query the headings spell to the direct match', () => {
    expect(top3('push CDN')[0]).toBe('CDN 推送（push）');
  });
});

describe('English lookup on Chinese notes that gloss a heading in a list', () => {
  // A CEDICT-shaped base that knows none of the notes' terms: the pairs come from the headings.
  const base = bilingualIndexOf([['時間', '时间', 'shi2 jian1', ['time']]]);
  const notes = [
    '# 系统设计',
    '## 主题',
    '* 限流（Rate limiting）',
    '* 熔断（Circuit breaker）',
    '## 保护',
    '### 限流',
    '按令牌桶放行请求，超出的请求直接拒绝。',
    '### 熔断',
    '下游连续失败时暂停调用，过一段时间再试探。',
  ].join('\n');
  const graph = buildGraph([{ path: 'notes.md', text: notes }]);
  const dictionary = createBilingualDictionary({ base, titles: [...graph.nodes.values()].map((n) => n.title) });
  const paths = (query: string) =>
    topicIndexOf(graph, dictionary)
      .lookup(query, 3)
      .results.map((r) => r.path.join(' › '));

  it('finds the section under the Chinese name beside the list item that spells the query', () => {
    const found = paths('rate limiting');
    expect(found[0]).toBe('系统设计 › 主题 › 限流（Rate limiting）');
    expect(found).toContain('系统设计 › 保护 › 限流');
    expect(paths('circuit breaker')).toContain('系统设计 › 保护 › 熔断');
  });
});

describe('English lookup where only part of a translation is in a heading', () => {
  const base = bilingualIndexOf([['論理', '论理', 'lun4 li3', ['reasoning']]]);
  const graph = buildGraph([{ path: 'notes.md', text: '# 笔记\n## 理论基础\n正文。\n## 论述的理由\n正文。' }]);
  const search = topicIndexOf(graph, createBilingualDictionary({ base }));

  it('ranks the heading holding the characters in the translation’s order above one holding them reversed', () => {
    expect(search.lookup('reasoning', 3).results.map((r) => r.title)).toEqual(['论述的理由', '理论基础']);
  });
});
