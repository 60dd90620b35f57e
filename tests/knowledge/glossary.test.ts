import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGlossary, parseGlossary } from '../../src/knowledge/glossary.js';
import { KNOWLEDGE_DIR, seedGraph, shippedGlossary, topicIndexOf } from './helpers.js';

describe('glossary', () => {
  it('maps terms both ways, folded for case, width and script', () => {
    const glossary = createGlossary([{ terms: ['k8s', 'Kubernetes'] }, { terms: ['缓存', 'cache'] }]);
    expect(glossary.synonyms('k8s')).toEqual(['k8s', 'kubernetes']);
    expect(glossary.synonyms('ＫＵＢＥＲＮＥＴＥＳ')).toEqual(['k8s', 'kubernetes']);
    expect(glossary.synonyms('CACHE')).toEqual(['缓存', 'cache']);
    expect(glossary.synonyms('unknown')).toEqual([]);
  });

  it('merges entries that share a term, with a warning at the later entry', () => {
    const parsed = parseGlossary(
      '{"entries": [\n{"terms": ["mq", "消息队列"]},\n{"terms": ["MQ", "message queue"]}\n]}',
      'g.json',
    );
    expect(parsed.glossary.synonyms('message queue')).toEqual(
      expect.arrayContaining(['mq', '消息队列', 'message queue']),
    );
    expect(parsed.warnings).toEqual([expect.objectContaining({ file: 'g.json', line: 3, code: 'glossary-duplicate' })]);
  });

  it('reports an invalid entry at its own line and keeps the others', () => {
    const text = [
      '{',
      '  "entries": [',
      '    { "terms": ["k8s", "kubernetes"] },',
      '    { "terms": ["lonely"] },',
      '    { "terms": ["缓存", ""] },',
      '    "just a string",',
      '    { "terms": ["幂等", "idempotent"] }',
      '  ]',
      '}',
    ].join('\n');
    const parsed = parseGlossary(text, 'glossary.json');
    expect(parsed.warnings.map((w) => `${w.file}:${w.line} ${w.code}`)).toEqual([
      'glossary.json:4 glossary-entry',
      'glossary.json:5 glossary-entry',
      'glossary.json:6 glossary-entry',
    ]);
    expect(parsed.glossary.entries).toHaveLength(2);
    expect(parsed.glossary.synonyms('idempotent')).toContain('幂等');
  });

  it('reports broken JSON with the line of the error', () => {
    const parsed = parseGlossary(
      '{\n  "entries": [\n    { "terms": ["a", "b"] }\n    { "terms": ["c", "d"] }\n  ]\n}',
      'glossary.json',
    );
    expect(parsed.warnings).toEqual([expect.objectContaining({ line: 4, code: 'glossary-json', severity: 'error' })]);
    expect(parsed.glossary.entries).toEqual([]);
  });

  it('reports a file of the wrong shape', () => {
    expect(parseGlossary('[]', 'glossary.json').warnings[0]).toMatchObject({ line: 1, code: 'glossary-schema' });
  });

  it('ships at least 80 clean entries', () => {
    const { glossary, warnings } = shippedGlossary();
    expect(warnings).toEqual([]);
    // Every entry of the file is kept.
    const file = JSON.parse(readFileSync(`${KNOWLEDGE_DIR}glossary.json`, 'utf8')) as { entries: unknown[] };
    expect(glossary.entries).toHaveLength(file.entries.length);
    expect(glossary.entries.length).toBeGreaterThanOrEqual(80);
  });

  it('lets an English speaker find every major topic of the seed by its English name', () => {
    const index = topicIndexOf(seedGraph());
    const expectations: [string, string][] = [
      ['kubernetes', '容器编排'],
      ['container orchestration', '容器编排'],
      ['cloud native', '云原生'],
      ['twelve-factor app', '12要素'],
      ['microservices', '微服务'],
      ['continuous delivery', '持续交付'],
      ['agile infrastructure', '敏捷基础设施'],
      ['distributed transaction', '分布式事务'],
      ['distributed lock', '分布式锁'],
      ['message queue', '消息系统'],
      ['service governance', '服务治理'],
      ['distributed tracing', '全链路跟踪系统'],
      ['task scheduling', '任务调度'],
      ['active-active', '同城多活'],
      ['intrusion detection', '基于网络的入侵检测系统'],
      ['eventual consistency', '最终一致性 模式'],
      ['strong consistency', '强一致性 模式'],
      ['security design', '安全设计'],
      ['fault diagnosis', '故障诊断'],
      ['horizontal scaling', '后端系统水平扩展'],
      ['sharding', '数据库水平扩展'],
      ['flash sale', '秒杀'],
      ['stateless service', '无状态服务'],
      ['high availability', '高可用设计'],
      ['configuration center', '统一配置中心'],
      ['service discovery', '服务发现和配置管理'],
      ['capacity planning', '容量规划'],
      ['tcc', 'TCC补偿'],
      ['rate limiting', '流量控制-服务降级'],
      ['cache selection', '缓存选型'],
    ];
    const misses = expectations.filter(([query, title]) => {
      const top = index.lookup(query, 3).results.map((r) => r.title);
      return !top.includes(title);
    });
    expect(misses).toEqual([]);
  });
});
