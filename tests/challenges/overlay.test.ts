import { beforeAll, describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { createTitleIndex, parseOverlay, type TitleIndex } from '../../src/challenges/overlay.js';
import type { KnowledgeGraph } from '../../src/knowledge/types.js';
import { nodeAt, seedGraph } from './seed.js';

let graph: KnowledgeGraph;
let titles: TitleIndex;

beforeAll(async () => {
  graph = await seedGraph();
  titles = createTitleIndex(graph);
});

const concept = (label: string, aliases: string[] = []) => ({ label, aliases, weight: 1 });
const entry = (topic: unknown, extra: Record<string, unknown> = {}) => ({
  topic,
  pain: [concept('单机瓶颈', ['single node limit'])],
  fix: [concept('slot', ['槽'])],
  ...extra,
});
const overlay = (...entries: unknown[]) => JSON.stringify({ entries }, null, 2);

describe('topic references', () => {
  it('resolve by title, by `a > b` path and by path array, ignoring case, width and spaces', () => {
    const cluster = nodeAt(graph, 'Redis Cluster').id;
    expect(titles.resolve(['redis cluster'])).toEqual([cluster]);
    expect(titles.resolve(['redis服务水平扩展', 'Redis Cluster'])).toEqual([cluster]);
    expect(titles.resolve(['缓存引进的必要原因'])).toEqual([nodeAt(graph, '缓存引进的 必要原因').id]);
    const parsed = parseOverlay(
      overlay(entry('Redis Cluster > 缺点'), entry(['redis服务水平扩展', 'Redis Cluster'])),
      titles,
    );
    expect(parsed.warnings).toEqual([]);
    expect(parsed.entries.map((e) => e.topicId)).toEqual([nodeAt(graph, 'Redis Cluster', '缺点').id, cluster]);
  });
});

describe('overlay errors are reported with file, line and entry, and the rest still loads', () => {
  it('bad JSON: one error at its line, no entries', () => {
    const parsed = parseOverlay('{\n  "entries": [\n    { "topic": "2pc", }\n  ]\n}', titles);
    expect(parsed.entries).toEqual([]);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatchObject({ file: 'challenges.json', code: 'overlay-json', severity: 'error' });
    expect(parsed.warnings[0]!.line).toBeGreaterThan(1);
  });

  it('not an object with entries', () => {
    const parsed = parseOverlay('[1, 2]', titles);
    expect(parsed.warnings.map((w) => w.code)).toEqual(['overlay-schema']);
  });

  it('missing fields, unknown topic, ambiguous title, duplicate: each skipped with its line and JSON path', () => {
    const text = overlay(
      entry('Redis Cluster'),
      { topic: 'Pod', pain: [concept('x')] },
      entry('HPA', { fix: [{ label: '', weight: -1 }] }),
      entry('没有这个主题'),
      entry('DevOps'),
      entry('分布式事务'),
      entry('Redis Cluster'),
      entry('云原生 > DevOps', { prompt: { zh: '说说 DevOps', en: 'Tell me about DevOps' } }),
    );
    const parsed = parseOverlay(text, titles, 'curated/challenges.json');
    const byCode = (code: string) => parsed.warnings.filter((w) => w.code === code);
    expect(byCode('overlay-entry')).toHaveLength(2);
    expect(byCode('overlay-entry')[0]!.message).toMatch(/entries\[1\]\.fix/);
    expect(byCode('overlay-entry')[1]!.message).toMatch(/entries\[2\]\.fix\[0\]\.label/);
    expect(byCode('overlay-entry')[1]!.message).toMatch(/entries\[2\]\.fix\[0\]\.weight/);
    expect(byCode('overlay-unknown-topic')[0]!.message).toContain('没有这个主题');
    expect(byCode('overlay-ambiguous-topic').map((w) => w.message)).toEqual([
      expect.stringMatching(/"DevOps" matches 2 nodes/),
      expect.stringMatching(/"分布式事务" matches 2 nodes/),
    ]);
    expect(byCode('overlay-duplicate-topic')[0]!.message).toMatch(/entries\[6\].*entries\[0\]/);
    for (const w of parsed.warnings) expect(w).toMatchObject({ file: 'curated/challenges.json', severity: 'error' });
    // Lines point at each entry: JSON.stringify(…, 2) puts entry i on a line of its own after the previous one.
    const lines = text.split('\n');
    for (const w of parsed.warnings) expect(lines[w.line - 1]).toMatch(/^ {4}\{$/);
    expect(new Set(parsed.warnings.map((w) => w.line)).size).toBe(parsed.warnings.length);
    // The good entries still load.
    expect(parsed.entries.map((e) => e.ref)).toEqual(['Redis Cluster', '云原生 > DevOps']);
    expect(parsed.entries[1]!.prompt).toBe('说说 DevOps\nTell me about DevOps');
  });

  it('unknown keys are errors, so a typo is not silently ignored', () => {
    const parsed = parseOverlay(overlay(entry('Pod', { modelanswer: 'x' })), titles);
    expect(parsed.warnings[0]!.message).toMatch(/modelanswer/);
    expect(parsed.entries).toEqual([]);
  });
});

describe('curated wins over derived', () => {
  it('replaces pain, fix, prompt and model answer; keeps the topic', () => {
    const topic = nodeAt(graph, '举动-痛点');
    const derived = buildKnowledgeBase(graph).challengeFor(topic.id)!;
    const kb = buildKnowledgeBase(
      graph,
      overlay(entry('举动-痛点', { prompt: 'Why cloud native?', modelAnswer: '痛点：运维。解法：云原生。' })),
    );
    const curated = kb.challengeFor(topic.id)!;
    expect(derived.origin).toBe('derived');
    expect(curated).toMatchObject({
      topicId: topic.id,
      title: '举动-痛点',
      origin: 'curated',
      prompt: 'Why cloud native?',
      modelAnswer: '痛点：运维。解法：云原生。',
    });
    expect(curated.pain.map((c) => c.label)).toEqual(['单机瓶颈']);
    expect(curated.fix).toEqual([{ label: 'slot', aliases: ['槽'], weight: 1 }]);
  });

  it('without a model answer of its own, a curated challenge takes the notes’ text', () => {
    const kb = buildKnowledgeBase(graph, overlay(entry('Redis Cluster')));
    const c = kb.challengeFor(nodeAt(graph, 'Redis Cluster').id)!;
    expect(c.origin).toBe('curated');
    expect(c.modelAnswer).toContain('crc16取得slot');
    expect(c.prompt).toBeUndefined();
  });

  it('weights default to 1 and aliases to none', () => {
    const kb = buildKnowledgeBase(
      graph,
      overlay({ topic: 'Pod', pain: [{ label: '容器管理' }], fix: [{ label: '逻辑主机', weight: 2 }] }),
    );
    const c = kb.challengeFor(nodeAt(graph, 'Pod').id)!;
    expect(c.pain).toEqual([{ label: '容器管理', aliases: [], weight: 1 }]);
    expect(c.fix[0]!.weight).toBe(2);
  });
});
