import { describe, expect, it } from 'vitest';
import { findOccurrences, type Occurrence } from '../../src/grading/match.js';
import { prepareChallenge } from '../../src/grading/prepare.js';
import { analyzeReply } from '../../src/grading/reply.js';
import type { Glossary } from '../../src/knowledge/types.js';
import { challenge, glossary, type ConceptSpec } from './fixtures.js';

/** The words that matched the single fix concept `spec` in `reply` as a whole term (empty when it did not). */
function matches(spec: ConceptSpec, reply: string, terms?: Glossary): string[] {
  return occurrences(spec, reply, terms)
    .filter((o) => o.strength === 'exact')
    .map((o) => o.words);
}

function occurrences(spec: ConceptSpec, reply: string, terms?: Glossary): Occurrence[] {
  const prepared = prepareChallenge(challenge('t', [], [spec]), { glossary: terms });
  return findOccurrences(prepared, analyzeReply(reply));
}

describe('Chinese aliases', () => {
  it('match as substrings of the normalized text, with no segmentation needed', () => {
    expect(matches({ label: '分布式锁' }, '用基于redis的分布式锁来互斥')).toEqual(['分布式锁']);
    expect(matches({ label: '缓存' }, '先查缓存再查库')).toEqual(['缓存']);
  });
  it('match traditional and full-width spellings', () => {
    expect(matches({ label: '幂等' }, '服務要支持冪等')).toEqual(['幂等']);
    expect(matches({ label: 'Redis集群' }, 'ＲＥＤＩＳ 集群')).toEqual(['redis 集群']);
  });
  it('do not match across clauses', () => {
    expect(matches({ label: '幂等' }, '幂，等')).toEqual([]);
  });
  it('keep Latin parts of a mixed alias on word boundaries', () => {
    expect(matches({ label: 'redis集群' }, 'myredis集群')).toEqual([]);
  });
});

describe('Chinese aliases with a particle inserted', () => {
  it('match with up to two extra characters inside an alias of three or more', () => {
    expect(matches({ label: '分布式事务' }, '这是分布式的事务')).toEqual(['分布式的事务']);
    expect(matches({ label: '请求id' }, '每个请求一个 ID')).toEqual(['请求一个 id']);
    expect(matches({ label: '分布式事务' }, '分布式系统里的事务')).toEqual([]);
  });
  it('never hide a negation inside the gap, and leave short aliases exact', () => {
    expect(matches({ label: '需要幂等' }, '需要不幂等')).toEqual([]);
    expect(matches({ label: '幂等' }, '幂的等')).toEqual([]);
  });
});

describe('Latin aliases', () => {
  it('match on word boundaries only', () => {
    expect(matches({ label: 'lock' }, 'use a lock here')).toEqual(['lock']);
    expect(matches({ label: 'lock' }, 'the block and the clock')).toEqual([]);
    expect(matches({ label: 'pod' }, 'an ipod')).toEqual([]);
  });
  it('match through stemming', () => {
    expect(matches({ label: 'retry' }, 'it retries twice')).toEqual(['retries']);
    expect(matches({ label: 'idempotency' }, 'make the handler idempotent')).toEqual(['idempotent']);
    expect(matches({ label: 'circuit breaker' }, 'add circuit breakers')).toEqual(['circuit breakers']);
  });
  it('allow one edit on words of seven letters or more, none on shorter ones', () => {
    expect(matches({ label: 'idempotent' }, 'an idempotnet handler')).toEqual(['idempotnet']);
    expect(matches({ label: 'idempotent' }, 'an idempotant handler')).toEqual(['idempotant']);
    expect(matches({ label: 'idempotent' }, 'an idmpotnet handler')).toEqual([]);
    expect(matches({ label: 'sharding' }, 'we use shardng')).toEqual(['shardng']);
    expect(matches({ label: 'retry' }, 'retyr')).toEqual([]);
  });
  it('treat acronyms and words with digits as exact', () => {
    expect(matches({ label: '2PC' }, 'use 2pc for this')).toEqual(['2pc']);
    expect(matches({ label: '2PC' }, 'use 3pc for this')).toEqual([]);
    expect(matches({ label: 'TCC' }, 'tcc 补偿')).toEqual(['tcc']);
    expect(matches({ label: 'TCC' }, 'tc compensation')).toEqual([]);
    expect(matches({ label: 'crc16' }, 'slot = crc16(key) % 16384')).toEqual(['crc16']);
    expect(matches({ label: 'crc16' }, 'crc32 of the key')).toEqual([]);
    expect(matches({ label: 'HPA' }, 'k8s hpa 扩容')).toEqual(['hpa']);
    expect(matches({ label: 'HPA' }, 'hpas')).toEqual([]);
  });
  it('match a whole phrase when its words are consecutive and in order', () => {
    expect(matches({ label: 'two phase commit' }, 'the two-phase commit protocol')).toEqual(['two-phase commit']);
    expect(matches({ label: 'two phase commit' }, 'commit in two phases')).toEqual([]);
  });
});

describe('homophone typos by pinyin', () => {
  it('catch typos from pinyin input', () => {
    expect(matches({ label: '云原生' }, '采用云元生架构')).toEqual(['云元生']);
    expect(matches({ label: '幂等' }, '接口要幂登')).toEqual(['幂登']);
  });
  it('need half the characters identical, so unrelated homophones stay apart', () => {
    expect(matches({ label: '幂等' }, '秘灯')).toEqual([]);
    expect(matches({ label: '云原生' }, '运员升')).toEqual([]);
  });
  it('read words in context, so a polyphone is no typo', () => {
    expect(matches({ label: '重试' }, '我们很重视可用性')).toEqual([]);
    expect(matches({ label: '重试' }, '失败了要崇试')).toEqual(['崇试']);
  });
  it('do not fire on the exact spelling twice', () => {
    expect(matches({ label: '幂等' }, '幂等')).toEqual(['幂等']);
  });
});

describe('glossary', () => {
  const terms = glossary([['幂等', 'idempotent', 'idempotency']]);
  it('lets a Chinese alias match its English synonym', () => {
    expect(matches({ label: '幂等' }, 'the consumer must be idempotent', terms)).toEqual(['idempotent']);
  });
  it('lets an English alias match its Chinese synonym', () => {
    expect(matches({ label: 'idempotency' }, '消费者要幂等', terms)).toEqual(['幂等']);
  });
  it('changes nothing without a glossary', () => {
    expect(matches({ label: '幂等' }, 'the consumer must be idempotent')).toEqual([]);
  });
});

describe('occurrences', () => {
  it('drop a match inside a longer match of another concept', () => {
    const prepared = prepareChallenge(challenge('t', ['一致性'], ['最终一致性']));
    const found = findOccurrences(prepared, analyzeReply('保证最终一致性'));
    expect(found.map((o) => [o.concept, o.words])).toEqual([[1, '最终一致性']]);
  });
  it('report each matched span once per concept', () => {
    const prepared = prepareChallenge(challenge('t', [], [{ label: '服务节点数增长', aliases: ['节点数增长'] }]));
    expect(findOccurrences(prepared, analyzeReply('服务节点数增长了')).map((o) => o.words)).toEqual(['服务节点数增长']);
  });
  it('are compiled once per challenge object and glossary', () => {
    const c = challenge('t', ['a'], ['b']);
    expect(prepareChallenge(c)).toBe(prepareChallenge(c));
    expect(prepareChallenge(c, { glossary: glossary([]) })).not.toBe(prepareChallenge(c));
  });
});

describe('words in any order within a clause', () => {
  it('match a term whose words are all in one clause, apart or reversed', () => {
    expect(occurrences({ label: 'two phase commit' }, 'commit in two phases').map((o) => o.words)).toEqual([
      'commit…phases',
    ]);
    expect(occurrences({ label: 'two phase commit' }, 'commit in two, phases')).toEqual([]);
  });
});

describe('soft bigram matches', () => {
  it('credit most of a Chinese term’s bigrams in one clause, less than a whole match', () => {
    const [soft] = occurrences({ label: '分布式事务' }, '分布式系统里的事务');
    expect(soft?.strength).toBe('bigrams');
    expect(soft?.degree).toBeCloseTo(0.6);
    expect(occurrences({ label: '分布式事务' }, '分布式系统，事务')).toEqual([]);
  });
});

describe('one phrase, one concept', () => {
  it('gives a glossary synonym shared by two concepts, or by the topic’s name, to neither', () => {
    const terms = glossary([['投递模型', 'delivery semantics', 'at least once', 'exactly once', 'at most once']]);
    const prepared = prepareChallenge(
      {
        ...challenge(
          '投递模型',
          [],
          [
            { label: '最多一次', aliases: ['at most once'] },
            { label: '最少一次', aliases: ['at least once'] },
            { label: '刚好一次', aliases: ['exactly once'] },
          ],
        ),
      },
      { glossary: terms },
    );
    const labels = (reply: string) =>
      findOccurrences(prepared, analyzeReply(reply)).map((o) => prepared.concepts[o.concept]?.concept.label);
    expect(labels('exactly once')).toEqual(['刚好一次']);
    expect(labels('投递模型')).toEqual([]);
  });
  it('gives one phrase to one concept when two concepts share an alias', () => {
    const prepared = prepareChallenge(
      challenge(
        't',
        [],
        [
          { label: 'TCC', aliases: [] },
          { label: '补偿', aliases: ['tcc'] },
        ],
      ),
    );
    expect(findOccurrences(prepared, analyzeReply('用 tcc')).map((o) => o.concept)).toEqual([0]);
  });
});
