import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildKnowledgeBase,
  loadKnowledgeBase,
  type ChallengeKnowledgeBase,
} from '../../src/challenges/knowledge-base.js';
import { challengeReport, curatedLines } from '../../src/challenges/report.js';
import type { KnowledgeGraph, NodeId } from '../../src/knowledge/types.js';
import { nodeAt, SEED_DIR, seedGraph } from './seed.js';

let graph: KnowledgeGraph;
let kb: ChallengeKnowledgeBase;
let overlayText: string;
const HAN = /\p{Script=Han}/u;
const LATIN = /[a-z]/i;

beforeAll(async () => {
  graph = await seedGraph();
  overlayText = await readFile(path.join(SEED_DIR, 'challenges.json'), 'utf8');
  kb = buildKnowledgeBase(graph, overlayText);
});

describe('the curated overlay of the seed', () => {
  it('has at least 30 entries, every one resolving to exactly one node, with no warnings', () => {
    const entries = (JSON.parse(overlayText) as { entries: unknown[] }).entries;
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(kb.overlayWarnings).toEqual([]);
    expect(kb.curated).toHaveLength(entries.length);
    expect(new Set(kb.curated.map((e) => e.topicId)).size).toBe(entries.length);
  });

  it('covers the whole breadth of the seed', () => {
    const curatedTitles = new Set(kb.curated.map((e) => graph.nodes.get(e.topicId)!.title));
    const breadth = [
      ['云原生', '12要素', '敏捷基础设施', '持续交付', 'DevOps', '微服务', '引入的问题'],
      ['缓存选型', '缓存引进的 必要原因', '缓存数据一致性方案'],
      ['redis服务水平扩展', 'Redis Cluster', 'Twemproxy+sentinel 方案'],
      ['容器编排', 'Pod', 'Replication Controller', '服务扩容'],
      ['镜像的版本化', '镜像-容器-仓库', '快速搭建开发环境'],
      ['rabbitmq', '投递模型'],
      ['任务调度'],
      ['基于n个独立redis节点的分布式锁Redlock'],
      [
        '分布式事务',
        '2pc',
        'BASE',
        '最终一致性 模式',
        'eBay事件队列方案',
        '类似 本地消息事务表',
        'TCC补偿',
        'Quorum NRW',
        '强一致性解决方案',
      ],
      ['全链路跟踪系统', '故障诊断'],
      ['服务治理', '流量控制-服务降级', '分布式协调服务'],
      ['同城多活', '跨AZ负载均衡', 'AZ容量冗余'],
      ['基于网络的入侵检测系统', '流量劫持', 'HTTPDNS'],
      ['数据库水平扩展', '无状态服务', '业务拆分', '微服务架构测试'],
    ].flat();
    expect(breadth.filter((t) => !curatedTitles.has(t))).toEqual([]);
  });

  it('gives every curated challenge Chinese and English words on both sides, a prompt in both languages and a model answer', () => {
    for (const entry of kb.curated) {
      const c = kb.challengeFor(entry.topicId)!;
      expect(c.origin).toBe('curated');
      for (const group of [c.pain, c.fix]) {
        const all = group.flatMap((k) => [k.label, ...k.aliases]);
        expect(
          all.some((w) => HAN.test(w)),
          `${entry.ref}: Chinese`,
        ).toBe(true);
        expect(
          all.some((w) => LATIN.test(w)),
          `${entry.ref}: English`,
        ).toBe(true);
        for (const k of group) expect(k.weight).toBeGreaterThan(0);
      }
      expect(c.prompt).toMatch(HAN);
      expect(c.prompt).toMatch(LATIN);
      expect(c.modelAnswer).toMatch(/痛点/);
    }
  });
});

describe('daily topics', () => {
  it('are curated first, then derived ones with both a pain and a fix', () => {
    const daily = kb.dailyTopics();
    // Curated labels (微服务 > 引入的问题, Redis Cluster > 缺点) feed their parent: they are not posted.
    const labels = [nodeAt(graph, '微服务', '引入的问题').id, nodeAt(graph, 'Redis Cluster', '缺点').id];
    const curated = new Set(kb.curated.map((e) => e.topicId).filter((id) => !labels.includes(id)));
    expect(curated.size).toBe(kb.curated.length - 2);
    expect(new Set(daily.slice(0, curated.size))).toEqual(curated);
    expect(daily.length).toBeGreaterThan(curated.size);
    expect(new Set(daily).size).toBe(daily.length);
    for (const id of daily.slice(curated.size)) {
      const c = kb.challengeFor(id)!;
      expect(c.origin).toBe('derived');
      expect(c.pain.length).toBeGreaterThan(0);
      expect(c.fix.length).toBeGreaterThan(0);
    }
  });

  it('are stable across builds', () => {
    expect(buildKnowledgeBase(graph, overlayText).dailyTopics()).toEqual(kb.dailyTopics());
  });

  it('spread across branches: consecutive days come from different stages of the notes', () => {
    const stage = (id: NodeId) => graph.nodes.get(id)!.path[2] ?? '';
    const first = kb.dailyTopics().slice(0, 8).map(stage);
    expect(new Set(first).size).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < 4; i++) expect(first[i]).not.toBe(first[i - 1]);
  });
});

describe('lookup and autocomplete', () => {
  it('go through the topic index', () => {
    const hit = kb.lookup('Redis Cluster').results[0];
    expect(hit?.id).toBe(nodeAt(graph, 'Redis Cluster').id);
    expect(kb.autocomplete('redis').length).toBeGreaterThan(0);
  });
});

describe('loadKnowledgeBase(dir)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-kb-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads notes without an overlay: every topic derived, no overlay warnings', async () => {
    await writeFile(path.join(dir, 'notes.txt'), '--缓存：问题：数据库压力大；解法：引入 redis 缓存热点数据\n');
    const loaded = await loadKnowledgeBase(dir);
    expect(loaded.curated).toEqual([]);
    expect(loaded.overlayWarnings).toEqual([]);
    const [id] = loaded.dailyTopics();
    expect(loaded.challengeFor(id!)?.fix.map((k) => k.label)).toContain('redis');
  });

  it('reports a broken overlay among its warnings and still loads the notes and the good entries', async () => {
    await writeFile(
      path.join(dir, 'challenges.json'),
      JSON.stringify({
        entries: [
          { topic: '缓存', pain: [{ label: '数据库压力' }], fix: [{ label: 'redis' }] },
          { topic: '消息队列', pain: [{ label: 'x' }], fix: [{ label: 'y' }] },
        ],
      }),
    );
    const loaded = await loadKnowledgeBase(dir);
    expect(loaded.warnings.map((w) => w.code)).toContain('overlay-unknown-topic');
    expect(loaded.curated.map((e) => e.ref)).toEqual(['缓存']);
    const report = challengeReport(loaded);
    expect(report.counts.curated).toBe(1);
    expect(report.warnings.map((w) => `${w.file}:${w.line} ${w.code}`)).toEqual([
      'challenges.json:1 overlay-unknown-topic',
    ]);
    expect(curatedLines(report)).toEqual(['challenges.json:1  缓存']);
  });
});
