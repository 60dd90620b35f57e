import { describe, expect, it } from 'vitest';
import { agreement, bestThreshold, hitAt, ordering, rateOf } from '../../bench/eval/metrics.js';
import { naiveFeatures, naiveScore } from '../../bench/eval/naive-grader.js';

describe('agreement', () => {
  it('counts the predictions that equal the label', () => {
    const items = [
      { expectedPass: true, predictedPass: true },
      { expectedPass: true, predictedPass: false },
      { expectedPass: false, predictedPass: false },
      { expectedPass: false, predictedPass: false },
    ];
    expect(agreement(items)).toEqual({ hits: 3, total: 4, rate: 0.75 });
  });

  it('is NaN, not 0 or 1, when there is nothing to count', () => {
    expect(agreement([]).rate).toBeNaN();
    expect(rateOf(0, 0).total).toBe(0);
  });
});

describe('ordering', () => {
  it('compares only tiers of one topic, and a tie is wrong', () => {
    const items = [
      { topic: 'a', tier: 'good', score: 80 },
      { topic: 'a', tier: 'partial', score: 40 },
      { topic: 'a', tier: 'bad', score: 40 },
      // topic b: the good reply scores below a bad one of topic a, which must not matter
      { topic: 'b', tier: 'good', score: 30 },
      { topic: 'b', tier: 'bad', score: 10 },
      { topic: 'b', tier: 'good', score: 10 },
    ] as const;
    // a: good>partial ✓, good>bad ✓, partial>bad tie ✗; b: good30>bad ✓, good10>bad tie ✗
    expect(ordering(items)).toEqual({ hits: 3, total: 5, rate: 0.6 });
  });

  it('makes no pair of two replies of the same tier', () => {
    expect(
      ordering([
        { topic: 'a', tier: 'good', score: 1 },
        { topic: 'a', tier: 'good', score: 2 },
      ]).total,
    ).toBe(0);
  });
});

describe('bestThreshold', () => {
  it('picks the lowest threshold with the most agreement', () => {
    const items = [
      { expectedPass: false, score: 5 },
      { expectedPass: false, score: 20 },
      { expectedPass: true, score: 30 },
      { expectedPass: false, score: 35 },
      { expectedPass: true, score: 50 },
    ];
    // ≥30: 4 of 5 right (35 wrongly passes); ≥50: 4 of 5 (30 wrongly fails); the lower one wins
    expect(bestThreshold(items)).toBe(30);
  });

  it('fails everything when no threshold does better', () => {
    const items = [
      { expectedPass: false, score: 90 },
      { expectedPass: false, score: 60 },
      { expectedPass: true, score: 10 },
    ];
    expect(bestThreshold(items)).toBe(91);
  });
});

describe('hitAt', () => {
  const results = [
    ['x', 'a'],
    ['x', 'b'],
    ['x', 'c'],
    ['x', 'd'],
  ];
  it('hits when one of the first k paths is an expected one', () => {
    expect(hitAt(3, results, [['x', 'c']])).toBe(true);
    expect(
      hitAt(3, results, [
        ['x', 'z'],
        ['x', 'b'],
      ]),
    ).toBe(true);
  });
  it('misses past k and on a prefix of the path', () => {
    expect(hitAt(3, results, [['x', 'd']])).toBe(false);
    expect(hitAt(3, results, [['x']])).toBe(false);
  });
});

describe('naive grader', () => {
  it('takes Han bigrams inside runs and lower-cased Latin words', () => {
    expect([...naiveFeatures('缓存雪崩, Use TTL！熔断')].sort()).toEqual(
      ['ttl', 'use', '存雪', '熔断', '缓存', '雪崩'].sort(),
    );
  });

  it('scores the share of the notes features the reply covers', () => {
    const notes = naiveFeatures('缓存雪崩 ttl'); // 缓存 存雪 雪崩 ttl
    expect(naiveScore('缓存 TTL', notes)).toBe(50);
    expect(naiveScore('毫无关系', notes)).toBe(0);
    expect(naiveScore('缓存', new Set())).toBe(0);
  });
});
