import { beforeAll, describe, expect, it } from 'vitest';
import { proposeConcepts, withoutRejected } from '../../src/challenges/concepts.js';
import { candidateTerms } from '../../src/challenges/terms.js';
import { buildTermStats, MAX_DOCUMENTS, rankTerms, type TermStats } from '../../src/challenges/tfidf.js';
import { createSegmenter } from '../../src/text/segment.js';
import { normalizeForIndex } from '../../src/text/tokenize.js';
import { glossary } from '../grading/fixtures.js';
import { seedGraph } from './seed.js';

let stats: TermStats;
const segmenter = createSegmenter({ userWords: ['云原生', '一致性哈希', '快速成长期'] });

beforeAll(async () => {
  const graph = await seedGraph();
  stats = buildTermStats([...graph.nodes.values()], (n) => normalizeForIndex(`${n.title} ${n.body}`));
});

const terms = (text: string, lexicon: string[] = []) =>
  candidateTerms(text, new Set(lexicon), segmenter).map((c) => c.display);

describe('candidate terms', () => {
  it('in English prose are noun phrases: never across a verb, never ending on a modifier', () => {
    const found = terms('Both masters serve reads and writes. Modern commodity hardware sits behind a load balancer.');
    expect(found).toEqual(expect.arrayContaining(['masters', 'commodity hardware', 'load balancer']));
    for (const crossing of ['masters serve', 'serve reads', 'modern commodity', 'hardware behind', 'serve'])
      expect(found).not.toContain(crossing);
    const location = terms("Shard users by the user's last name initial or geographic location.");
    expect(location).toContain('geographic location');
    expect(location).not.toContain('name initial');
  });

  it('keep every English run of words when asked not to tag parts of speech', () => {
    const text = 'Both masters serve reads and writes.';
    expect(candidateTerms(text, new Set(), segmenter, { partOfSpeech: false }).map((c) => c.display)).toContain(
      'masters serve',
    );
  });

  it("are whole words of the segmenter, the notes' own terms kept whole, never a cut word", () => {
    const found = terms('带来的资源消耗等运维问题，需要云原生和一致性哈希', ['云原生', '一致性哈希']);
    expect(found).toEqual(expect.arrayContaining(['资源', '消耗', '运维', '云原生', '一致性哈希']));
    for (const cut of ['一致性哈', '性哈希', '原生', '维问']) expect(found).not.toContain(cut);
  });

  it('never start with a suffix torn from the word before it (中心化主库 is not 化主库)', () => {
    const found = terms('没有只能串行写入的中心化主库，可以并行写入');
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((t) => /^[化式率]/u.test(t))).toEqual([]);
  });

  it('keep Latin terms whole (TIME_WAIT, keep-alive, R+W>N, k8s) and English noun phrases', () => {
    const found = terms(
      'TIME_WAIT 过多时开 keep-alive；R+W>N 保证读到最新；k8s 调度；more cache hits and less write traffic',
    );
    expect(found).toEqual(
      expect.arrayContaining(['TIME_WAIT', 'keep-alive', 'R+W>N', 'k8s', 'cache hits', 'write traffic']),
    );
  });

  it('leave out filler in both languages (a general stop list) and quantities', () => {
    const found = terms('可以进行设置，后面开机时对方用哪个都行；几十个三天 and the data of it');
    for (const stop of ['可以', '进行', '设置', '后面', '开机', '对方', '哪个', '几十', '三天', 'the', 'of']) {
      expect(found).not.toContain(stop);
    }
  });

  it('join two adjacent words into one term only when the notes name the pair (a title or glossary term)', () => {
    expect(terms('需要梯度裁剪', ['梯度裁剪'])).toContain('梯度裁剪');
    expect(terms('需要梯度裁剪')).not.toContain('梯度裁剪');
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
    const ranked = rankTerms('服务 服务 服务的资源消耗与云原生的服务治理', stats, new Set(['云原生']), segmenter);
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

describe('proposed concepts', () => {
  it('fall back to untagged English words where the tagger leaves no noun phrase', () => {
    // The tagger reads `calls` as a verb in both places: no noun phrase is left.
    const text = 'Remote calls are usually slower and less reliable than local calls.';
    expect(candidateTerms(text, new Set(), segmenter)).toEqual([]);
    const context = { stats, lexicon: new Set<string>(), glossary: glossary([]), segmenter };
    expect(proposeConcepts(text, context, 3).map((c) => c.label).length).toBeGreaterThan(0);
  });
});

describe('what a fix text rejects', () => {
  it('is never a fix concept: the rest of the clause after 而不是 / instead of is dropped', () => {
    expect(withoutRejected('清日志用 truncate 清空，而不是 rm 掉')).not.toContain('rm');
    expect(withoutRejected('use a queue instead of polling the database, then retry')).not.toContain('polling');
    const kept = withoutRejected('清日志用 truncate 清空，而不是 rm 掉');
    expect(kept).toContain('truncate');
  });
});
