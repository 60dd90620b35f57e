import { describe, expect, it } from 'vitest';
import { gradeAnswer } from '../../src/grading/grade.js';
import { challenge } from './fixtures.js';

const tx = challenge(
  '分布式事务',
  [{ label: '数据不一致', aliases: ['不一致', 'inconsistent'] }],
  [
    { label: '两阶段提交', aliases: ['2PC', 'two phase commit'] },
    { label: '幂等', aliases: ['idempotency'] },
    { label: '熔断', aliases: ['circuit breaker'] },
  ],
);

function graded(reply: string) {
  const grade = gradeAnswer(tx, reply, { passMark: 60 });
  return { matched: grade.fix.matched.map((h) => h.label), negated: grade.fix.negated, flags: grade.flags };
}

describe('negation cues', () => {
  it.each([
    ['不需要两阶段提交', '两阶段提交'],
    ['不用2PC', '两阶段提交'],
    ['无需幂等', '幂等'],
    ['没有幂等', '幂等'],
    ['没做幂等', '幂等'],
    ['未考虑幂等', '幂等'],
    ['不是两阶段提交', '两阶段提交'],
    ['服务无幂等保证', '幂等'],
    ["we don't need idempotency", '幂等'],
    ['it does not use 2pc', '两阶段提交'],
    ['without a circuit breaker', '熔断'],
    ['never add a circuit breaker', '熔断'],
    ['no idempotency at all', '幂等'],
  ])('%s negates %s', (reply, label) => {
    const result = graded(reply);
    expect(result.negated).toContain(label);
    expect(result.matched).not.toContain(label);
    expect(result.flags).toContain('negation');
  });

  it('reaches a few words ahead only', () => {
    expect(graded('没有考虑到幂等').negated).toEqual(['幂等']);
    expect(graded('没有人会在周末上线之前想到幂等').matched).toEqual(['幂等']);
  });

  it('reaches across other concepts listed after it', () => {
    expect(graded('不需要两阶段提交、熔断和幂等').negated).toEqual(['两阶段提交', '幂等', '熔断']);
  });

  it('stays inside its clause', () => {
    expect(graded('不需要两阶段提交，但要幂等').matched).toEqual(['幂等']);
    expect(graded('不需要两阶段提交但要幂等').matched).toEqual(['幂等']);
    expect(graded('no 2pc, but idempotency').matched).toEqual(['幂等']);
  });

  it('stops at 而是 / instead', () => {
    const result = graded('不是两阶段提交而是幂等');
    expect(result).toMatchObject({ matched: ['幂等'], negated: ['两阶段提交'] });
    expect(graded('not 2pc but rather idempotency').matched).toEqual(['幂等']);
  });

  it('credits a concept once any mention of it stands', () => {
    expect(graded('没有幂等会出问题。所以一定要幂等').matched).toEqual(['幂等']);
  });
});

describe('no negation', () => {
  it.each([
    ['不仅要两阶段提交还要幂等'],
    ['不断重试所以需要幂等'],
    ['不但幂等而且有熔断'],
    ['无论如何都要幂等'],
    ['毫无疑问需要幂等'],
    ['不管怎样幂等'],
    ['not only idempotency but a circuit breaker'],
    ['no matter what, idempotency'],
    ['扛不住写入就两阶段提交'],
    ['系统离不开熔断'],
  ])('%s', (reply) => {
    const result = graded(reply);
    expect(result.negated).toEqual([]);
    expect(result.flags).not.toContain('negation');
  });

  it('ignores a cue inside another concept’s words (数据不一致)', () => {
    const grade = gradeAnswer(tx, '数据不一致幂等', { passMark: 60 });
    expect(grade.pain.matched.map((h) => h.label)).toEqual(['数据不一致']);
    expect(grade.fix.matched.map((h) => h.label)).toEqual(['幂等']);
  });

  it('reads a negated pain after the fix as the fix’s effect', () => {
    const after = gradeAnswer(tx, '用幂等和两阶段提交，这样数据就不会不一致', { passMark: 60 });
    expect(after.pain.matched.map((h) => h.label)).toEqual(['数据不一致']);
    const fixFirst = gradeAnswer(tx, 'use idempotency so that the data is never inconsistent', { passMark: 60 });
    expect(fixFirst.pain.matched.map((h) => h.label)).toEqual(['数据不一致']);
    const before = gradeAnswer(tx, '数据不一致不是问题，用幂等就行', { passMark: 60 });
    expect(before.pain.negated).toEqual(['数据不一致']);
  });

  it('treats conditionals as stating the pain', () => {
    expect(graded('如果没有幂等，重试会重复扣款').matched).toEqual(['幂等']);
    expect(graded('没有熔断就会雪崩').matched).toEqual(['熔断']);
    expect(graded('没有幂等的话重复扣款').matched).toEqual(['幂等']);
    expect(graded("if we don't add idempotency retries double charge").matched).toEqual(['幂等']);
  });
});

describe('an English denial right after what it denies', () => {
  it.each([
    ["idempotency isn't needed for this kind of service", '幂等'],
    ["a circuit breaker doesn't matter when the calls are local", '熔断'],
  ])('%s denies %s, whatever follows', (reply, label) => {
    const result = graded(reply);
    expect(result.negated).toContain(label);
    expect(result.matched).not.toContain(label);
  });
  it('denies nothing when the denial is about something else later in the clause', () => {
    const result = graded('we add idempotency so a retry of the payment is not needed by hand');
    expect(result.matched).toContain('幂等');
    expect(result.negated).toEqual([]);
  });
});
