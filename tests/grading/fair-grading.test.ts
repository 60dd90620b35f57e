/**
 * The rules of issue 11 on small challenges: words in any order, English ⇄ Chinese, negation by clause, lists
 * against sentences, one phrase one concept, alternatives, the similarity to the notes.
 */
import { describe, expect, it } from 'vitest';
import { denialCapFor, gradeAnswer, listCapFor } from '../../src/grading/grade.js';
import { TROUBLE_SIMILARITY } from '../../src/grading/similarity.js';
import type { Challenge, GradeOptions } from '../../src/grading/types.js';
import { bilingualIndexOf, createBilingualDictionary } from '../../src/text/bilingual.js';
import { createSegmenter } from '../../src/text/segment.js';
import { challenge, glossary } from './fixtures.js';

// A few CEDICT-shaped entries: the rules, not the half-second CC-CEDICT load, are under test here.
const dictionary = createBilingualDictionary({
  base: bilingualIndexOf([
    ['鏈路', '链路', 'lian4 lu4', 'link'],
    ['劫持', '劫持', 'jie2 chi2', ['to kidnap', 'to hijack']],
    ['啟動', '启动', 'qi3 dong4', ['to start (a machine)', 'to launch (an operation)']],
    ['快速', '快速', 'kuai4 su4', ['fast', 'high-speed']],
    ['快', '快', 'kuai4', ['rapid', 'quick']],
    ['消息', '消息', 'xiao1 xi5', ['news', 'message']],
    ['丟失', '丢失', 'diu1 shi1', ['to lose', 'to misplace']],
    ['分片', '分片', 'fen1 pian4', '(computing) shard'],
  ]),
});
const segmenter = createSegmenter({ userWords: ['链路劫持'] });
const tools: GradeOptions = { passMark: 60, dictionary, segmenter };

const grade = (c: Challenge, reply: string) => gradeAnswer(c, reply, tools);
const labels = (hits: readonly { label: string }[]) => hits.map((h) => h.label);

describe('paraphrase: a term’s words in any order within a clause', () => {
  const stateless = challenge('无状态服务', ['会话在本地', '搭建环境'], ['队列暂存']);
  it('matches the issue’s paraphrases', () => {
    const g = grade(stateless, '会话和数据保存在本地，环境搭建麻烦，先用队列把请求暂存起来');
    expect(labels(g.pain.matched)).toEqual(['会话在本地', '搭建环境']);
    expect(g.pain.matched[0]?.words).toEqual(['会话…本地']);
    expect(labels(g.fix.matched)).toEqual(['队列暂存']);
  });
  it('does not join words across clauses', () => {
    expect(grade(stateless, '会话很多，数据保存在本地').pain.matched.map((h) => h.label)).not.toContain('会话在本地');
  });
});

describe('two languages', () => {
  const hijack = challenge('HTTPS', ['链路劫持'], ['启动快']);
  it('matches English replies to Chinese concepts, through each word’s translations', () => {
    const g = grade(hijack, 'Link hijacking is the risk; the fix starts fast.');
    expect(g.pain.matched).toEqual([{ label: '链路劫持', credit: 1, words: ['link…hijacking'] }]);
    expect(g.fix.matched[0]?.words).toEqual(['starts…fast']);
  });
  it('matches Chinese replies to English concepts', () => {
    const shards = challenge('Sharding', [], ['shard']);
    expect(labels(grade(shards, '按用户把库拆成多个分片').fix.matched)).toEqual(['shard']);
  });
  it('names each concept in the reply’s language, the notes’ term in brackets', () => {
    const named = challenge('HTTPS', [{ label: '链路劫持', aliases: ['link hijacking'] }], ['启动快']);
    const g = grade(named, 'Nothing about the network here.');
    expect(g.feedback).toContain('✗ Missing (pain): link hijacking (链路劫持)');
  });
});

describe('negation by clause', () => {
  const tx = challenge('分布式事务', ['速度不匹配', '数据丢失'], ['幂等', '连接池']);
  it('sees a denial placed after the concept', () => {
    for (const reply of [
      '连接池跟这个没什么关系，幂等也用不上',
      'we have data loss; 连接池 is not needed, 幂等 is useless',
    ]) {
      const g = grade(tx, reply);
      expect(g.fix.negated).toEqual(['幂等', '连接池']);
      expect(g.flags).toContain('negation');
    }
  });
  it('does not read a pain phrased with a negation as a denial', () => {
    const g = grade(tx, '生产和消费速度不匹配，数据丢失了也没法恢复，所以消费端要幂等');
    expect(g.pain.negated).toEqual([]);
    expect(labels(g.pain.matched)).toEqual(['速度不匹配', '数据丢失']);
    const scale = challenge('分片', ['hold the data'], ['sharding']);
    expect(grade(scale, 'one machine cannot hold the data, so use sharding').pain.negated).toEqual([]);
  });
  it('reads a dismissal or a “not needed” as a denial of the pain', () => {
    expect(grade(tx, '数据丢失没问题，重启就好').pain.negated).toEqual(['数据丢失']);
    expect(grade(tx, '没必要担心数据丢失，重启就好').pain.negated).toEqual(['数据丢失']);
  });
  it('takes a denied concept’s weight off its side', () => {
    const denied = grade(tx, '速度不匹配会丢数据，要用连接池，但是不需要幂等');
    const silent = grade(tx, '速度不匹配会丢数据，要用连接池');
    expect(silent.fix.score).toBe(50);
    expect(denied.fix.score).toBe(0);
    expect(denied.score).toBeLessThan(silent.score);
  });
});

describe('structure, not length', () => {
  const cloud = challenge('云原生', ['节点增多', '运维问题'], ['云原生', '持续交付']);
  it('does not call a short complete two-sentence answer a list', () => {
    const g = grade(cloud, '节点增多后运维问题变多。用云原生和持续交付解决。');
    expect(g.flags).not.toContain('keyword-list');
    expect(g.passed).toBe(true);
  });
  it('calls a space-separated list of keywords a list, Latin or Chinese', () => {
    expect(grade(cloud, '节点增多 运维问题 云原生 持续交付').flags).toContain('keyword-list');
    expect(grade(cloud, 'k8s pod replicas scheduling').flags).toContain('keyword-list');
  });
  it('does not call one unbroken phrase a list: a list has items', () => {
    const phrase = grade(cloud, '云原生持续交付');
    expect(phrase.flags).not.toContain('keyword-list');
    expect(phrase.score).toBeGreaterThan(grade(cloud, '节点增多 运维问题 云原生 持续交付').score);
  });
  it('does not call a short one-sided statement a list, but a one-sided list of four items is one', () => {
    const replicas = challenge('主从复制', ['主库'], ['从库', '复制']);
    const short = grade(replicas, '从库读，靠复制');
    expect(short.flags).not.toContain('keyword-list');
    expect(short.score).toBeGreaterThan(listCapFor(60));
    expect(grade(replicas, '从库 复制 只读 备份').flags).toContain('keyword-list');
    expect(grade(cloud, '节点增多 运维问题 云原生').flags).toContain('keyword-list');
  });
  it('reads English pronouns and prepositions as grammar, not as listed terms', () => {
    expect(grade(cloud, 'cloud native before they grow').flags).not.toContain('keyword-list');
    expect(grade(cloud, 'cloud native continuous delivery nodes').flags).toContain('keyword-list');
  });
  it('does not take a function character inside a word for a connective (从 in 从库)', () => {
    const replicas = challenge('主从复制', ['主库'], ['从库', '复制']);
    expect(grade(replicas, '主库 从库 复制 只读模式').flags).toContain('keyword-list');
  });
});

describe('one phrase, one concept; alternatives', () => {
  it('credits one concept per phrase, and nothing for the topic’s own name', () => {
    const delivery = challenge(
      '投递模型',
      [],
      [
        { label: '最多一次', aliases: ['at most once'] },
        { label: '最少一次', aliases: ['at least once'] },
        { label: '刚好一次', aliases: ['exactly once'] },
      ],
    );
    const terms = glossary([['投递模型', 'at most once', 'at least once', 'exactly once']]);
    const options = { ...tools, glossary: terms };
    expect(labels(gradeAnswer(delivery, '我们要 exactly once', options).fix.matched)).toEqual(['刚好一次']);
    expect(gradeAnswer(delivery, '说说投递模型', options).fix.matched).toEqual([]);
  });
  it('gives “tcc” one concept however many concepts list it', () => {
    const tcc = challenge(
      '分布式事务',
      [],
      [
        { label: 'TCC', aliases: ['try confirm cancel'] },
        { label: '补偿事务', aliases: ['tcc'] },
      ],
    );
    expect(grade(tcc, '用 tcc 来做').fix.matched).toHaveLength(1);
  });
  it('satisfies a concept with alternatives by either one, and names them all', () => {
    const cache: Challenge = {
      ...challenge('缓存', ['数据库压力大'], []),
      fix: [{ label: 'redis', aliases: [], weight: 1, alternatives: ['memcached'] }],
    };
    expect(labels(grade(cache, '数据库压力大，所以加一层 memcached').fix.matched)).toEqual(['redis']);
    expect(labels(grade(cache, '数据库压力大，所以加一层 redis').fix.matched)).toEqual(['redis']);
    expect(grade(cache, '数据库压力大').feedback).toContain('redis / memcached');
  });
});

describe('similarity to the notes', () => {
  const withNotes: Challenge = {
    ...challenge('消息投递', ['消息丢失'], ['幂等']),
    reference: { pain: '网络抖动或者节点宕机时消息丢失', fix: '消费端幂等，重试不会重复扣款' },
  };
  it('is a visible component of the score', () => {
    const close = grade(withNotes, '节点宕机时消息丢失，所以消费端要幂等，重试也不怕');
    const far = grade(withNotes, '消息丢失，幂等');
    expect(close.similarity?.pain).toBeGreaterThan(far.similarity?.pain ?? 1);
    expect(close.score).toBeGreaterThan(far.score);
    expect(close.feedback).toMatch(/与笔记的相似度：痛点 \d\.\d\d，解法 \d\.\d\d/u);
  });
  it('is null without a reference', () => {
    expect(grade(challenge('t', ['a'], ['b']), 'a b').similarity).toBeNull();
  });
  it('credits a pain said in other words (a clause of trouble) beside a named fix, never alone', () => {
    const fixOnly = grade(withNotes, '消费端做幂等');
    const withTrouble = grade(withNotes, '扣款老是重复，对账很麻烦。消费端做幂等');
    expect(withTrouble.similarity?.pain).toBe(TROUBLE_SIMILARITY);
    expect(withTrouble.score).toBeGreaterThan(fixOnly.score);
    expect(grade(withNotes, '扣款老是重复，对账很麻烦').similarity?.pain).toBe(0);
  });
});

describe('a reply that denies what it names', () => {
  const idempotent = challenge('消息投递', ['消息丢失'], ['幂等', '重试']);
  it('lands below a bare list when it denies as many concepts as it affirms', () => {
    const denial = grade(idempotent, '幂等根本没必要，消息丢失了再说');
    expect(denial.flags).toContain('negation');
    expect(denial.score).toBeLessThanOrEqual(denialCapFor(60));
    expect(denialCapFor(60)).toBeLessThan(listCapFor(60));
  });
  it('lands there too when it settles the matter with a remedy the notes never name', () => {
    const wrongFix = grade(idempotent, '网络一抖消息丢失，每条消息发两遍就行');
    expect(wrongFix.fix.matched).toEqual([]);
    expect(wrongFix.score).toBeLessThanOrEqual(denialCapFor(60));
    expect(grade(idempotent, '网络一抖消息丢失').score).toBeGreaterThan(wrongFix.score);
    expect(grade(idempotent, '网络一抖消息丢失，消费端做幂等就行').score).toBeGreaterThan(denialCapFor(60));
  });
  it('keeps its score when it affirms more than it denies', () => {
    const mostly = grade(idempotent, '网络一抖消息丢失，所以要重试，消费端也做幂等；分布式事务没必要');
    expect(mostly.score).toBeGreaterThan(denialCapFor(60));
  });
});

describe('feedback names each hit once', () => {
  it('shows the matched words only when they differ from the concept’s name', () => {
    const cluster = challenge('Redis Cluster', ['单机瓶颈'], ['slot', '哈希槽']);
    const g = grade(cluster, '单机瓶颈太明显，内存不够；所以按 slot 把 key 分到多个节点的哈希槽上');
    const fixLine = g.feedback.split('\n').find((line) => line.startsWith('✓ 解法'));
    expect(fixLine).toBe('✓ 解法：slot；哈希槽');
  });
});
