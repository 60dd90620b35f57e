import { beforeAll, describe, expect, it } from 'vitest';
import { candidateTerms } from '../../src/challenges/terms.js';
import { buildTermStats, MAX_DOCUMENTS, rankTerms, type TermStats } from '../../src/challenges/tfidf.js';
import { normalizeForIndex } from '../../src/text/tokenize.js';
import { seedGraph } from './seed.js';

let stats: TermStats;

beforeAll(async () => {
  const graph = await seedGraph();
  stats = buildTermStats([...graph.nodes.values()], (n) => normalizeForIndex(`${n.title} ${n.body}`));
});

const terms = (text: string, lexicon: string[] = []) =>
  candidateTerms(normalizeForIndex(text), new Set(lexicon)).map((c) => c.term);

describe('candidate terms', () => {
  it('rebuilds domain terms the segmenter splits (运|维, 云|原生, 资源|消耗)', () => {
    const found = terms('带来的资源消耗等运维问题，需要云原生');
    expect(found).toEqual(expect.arrayContaining(['运维', '资源消耗', '云原生']));
  });

  it('keeps Latin words and acronyms, drops English and Chinese stop words', () => {
    const found = terms('k8s and 2PC with the Redlock 可以 进行 问题');
    expect(found).toEqual(expect.arrayContaining(['k8s', '2pc', 'redlock']));
    for (const stop of ['and', 'with', 'the', '可以', '进行', '问题']) expect(found).not.toContain(stop);
  });

  it('finds known terms (titles, glossary) as substrings, and trims a trailing 问题', () => {
    expect(terms('这里有运维问题出现', ['运维问题'])).toContain('运维');
    expect(terms('微服务引入的问题', ['引入的问题'])).not.toContain('引入的');
    expect(terms('redis cluster 的缺点', ['redis cluster'])).toContain('redis cluster');
  });

  it('drops glued spans that are grammar (…的…) or cut through a known term', () => {
    const found = terms('快速成长期应用架构', ['快速成长期']);
    expect(found).toContain('快速成长期');
    expect(found).not.toContain('快速成');
  });
});

describe('TF-IDF over the seed', () => {
  it('counts one document per node', async () => {
    expect(stats.documents).toBe((await seedGraph()).nodes.size);
  });

  it('weighs generic words (服务, 可以) below domain terms', () => {
    for (const domain of ['云原生', '幂等', 'gossip', '资源消耗']) {
      expect(stats.idf('服务')).toBeLessThan(stats.idf(domain));
    }
    expect(stats.df('服务')).toBeGreaterThan(stats.df('云原生'));
  });

  it('ranks 服务 below the domain terms of the same sentence', () => {
    const ranked = rankTerms(
      normalizeForIndex('服务 服务 服务的资源消耗与云原生的服务治理'),
      stats,
      new Set(['云原生']),
    );
    const position = (t: string) => ranked.findIndex((r) => r.term === t);
    expect(position('服务')).toBeGreaterThan(position('资源消耗'));
    expect(position('服务')).toBeGreaterThan(position('云原生'));
  });

  it('samples a very large tree evenly instead of counting every node', () => {
    const texts = Array.from({ length: MAX_DOCUMENTS * 2 }, (_, i) => (i % 2 === 0 ? '云原生 服务' : '服务'));
    const read: string[] = [];
    const big = buildTermStats(texts, (t) => (read.push(t), t));
    expect(read).toHaveLength(MAX_DOCUMENTS);
    expect(big.documents).toBe(MAX_DOCUMENTS);
    expect(big.df('服务')).toBe(MAX_DOCUMENTS);
  });
});
