import { describe, expect, it } from 'vitest';
import { capFor, denialCapFor, gradeAnswer, listCapFor } from '../../src/grading/grade.js';
import { rejectAnswer } from '../../src/grading/reject.js';
import { gradeResultJson } from '../../src/grading/result-json.js';
import { DEFAULT_PASS_MARK, MAX_ANSWER_CHARS } from '../../src/grading/types.js';
import { challenge } from './fixtures.js';

const cloud = challenge(
  '云原生',
  [
    { label: '服务节点数增长', aliases: ['节点增多', '节点数增长', 'more nodes'] },
    { label: '运维成本', aliases: ['运维问题', '运维负担', 'ops burden'] },
  ],
  [
    { label: '云原生', aliases: ['cloud native'], weight: 2 },
    { label: '持续交付', aliases: ['continuous delivery'] },
    { label: 'DevOps', aliases: [] },
  ],
);
const options = { passMark: DEFAULT_PASS_MARK };
const grade = (reply: string, passMark = DEFAULT_PASS_MARK) => gradeAnswer(cloud, reply, { passMark });

describe('scoring', () => {
  it('gives full marks to a full explanation', () => {
    const g = grade('微服务节点增多，带来运维问题，所以用云原生：持续交付加上DevOps。');
    expect(g).toMatchObject({ score: 100, passed: true, flags: [] });
    expect(g.pain.matched.map((h) => h.label)).toEqual(['服务节点数增长', '运维成本']);
  });

  it('gives partial credit per group, by concept weight, half a side earning three quarters', () => {
    const g = grade('节点增多会带来运维问题，所以要上云原生');
    expect(g.pain.score).toBe(100);
    expect(g.fix.score).toBe(50);
    // (100 + 100 × (1 − 0.5²)) / 2
    expect(g.score).toBe(88);
    expect(g.fix.missing).toEqual(['持续交付', 'DevOps']);
  });

  it('earns only the fix share when only the fix is stated', () => {
    const g = grade('我们采用云原生架构，再通过持续交付和DevOps来发布');
    expect(g.score).toBe(50);
    expect(g.passed).toBe(false);
    expect(g.flags).toContain('fix-only');
    expect(g.feedback).toContain('先说痛点：没有它会出什么问题？');
  });

  it('earns only the pain share when only the pain is stated', () => {
    const g = grade('服务节点数增长以后，运维问题越来越多');
    expect(g.score).toBe(50);
    expect(g.flags).toContain('pain-only');
  });

  it('counts each concept once however often it is repeated', () => {
    const once = grade('节点增多带来运维问题，所以用云原生');
    const often = grade('节点增多带来运维问题，所以用云原生，云原生，云原生，cloud native 还是云原生');
    expect(often.score).toBe(once.score);
    expect(often.fix.matched).toHaveLength(1);
  });

  it('caps a bare keyword list at a sixth of the pass mark, below a partial answer', () => {
    for (const list of [
      '节点增多、运维问题、云原生、持续交付、DevOps',
      '节点增多 运维问题 云原生 持续交付 DevOps',
      'more nodes, ops burden, cloud native, continuous delivery, devops',
    ]) {
      const g = grade(list);
      expect(g.flags).toContain('keyword-list');
      expect(g.score).toBe(listCapFor(DEFAULT_PASS_MARK));
      expect(g.passed).toBe(false);
      expect(g.score).toBeLessThan(grade('服务节点数增长以后，运维问题越来越多').score);
    }
  });

  it('does not call connected sentences a keyword list', () => {
    expect(grade('节点增多导致运维问题，因此采用云原生，通过持续交付和DevOps来解决').flags).not.toContain(
      'keyword-list',
    );
    expect(
      grade('More nodes means an ops burden, so we go cloud native with continuous delivery and devops.').flags,
    ).not.toContain('keyword-list');
  });

  it('does not take spaces around Latin words in Chinese for list separators', () => {
    expect(grade('节点增多 运维问题 云原生').flags).toContain('keyword-list');
    expect(grade('节点增多会带来运维问题，所以用 DevOps 和 cloud native 来解决').flags).not.toContain('keyword-list');
  });

  it('caps a too-short reply and flags it', () => {
    const g = grade('云原生 devops');
    expect(g.flags).toContain('too-short');
    expect(g.score).toBeLessThan(DEFAULT_PASS_MARK);
  });

  it('flags a reply that names nothing as off-topic', () => {
    const g = grade('今天天气很好，我们去公园散步吧');
    expect(g).toMatchObject({ score: 0, passed: false });
    expect(g.flags).toEqual(['off-topic']);
  });

  it('notes, for information only, a fix given before the pain', () => {
    const g = grade('用云原生和持续交付，因为节点增多导致运维问题');
    expect(g.flags).toEqual(['fix-before-pain']);
    expect(g.score).toBe(grade('因为节点增多导致运维问题，所以用云原生和持续交付').score);
  });

  it('uses the configured pass mark', () => {
    const reply = '节点增多会带来运维问题，所以要上云原生';
    expect(grade(reply, 60).passed).toBe(true);
    expect(grade(reply, 90).passed).toBe(false);
    expect(capFor(80)).toBe(60);
    expect(capFor(0)).toBe(0);
    expect(listCapFor(60)).toBe(10);
    expect(listCapFor(0)).toBe(0);
  });

  it('gives the whole score to the fix when the notes state no pain, once the reply says what goes wrong', () => {
    const fixOnly = challenge('t', [], ['幂等', '重试']);
    expect(gradeAnswer(fixOnly, '消息可能丢失，消费端要幂等，失败了就重试', options).score).toBe(100);
    expect(gradeAnswer(fixOnly, 'messages get lost, so make the consumer 幂等 and 重试', options).score).toBe(100);
    // In words of its own, with no word of trouble: a clause that names none of the fix.
    expect(gradeAnswer(fixOnly, '同一条消息会被投递两遍，所以消费端要幂等，失败了就重试', options).passed).toBe(true);
  });

  it('fails a reply that only states the fix when the notes state no pain: it has said one side', () => {
    const fixOnly = challenge('t', [], ['幂等', '重试']);
    for (const reply of ['消费端要幂等，失败了就重试', 'make the consumer 幂等 and 重试 on every call']) {
      const g = gradeAnswer(fixOnly, reply, options);
      expect(g.score).toBe(capFor(DEFAULT_PASS_MARK));
      expect(g.passed).toBe(false);
      expect(g.flags).toContain('fix-only');
    }
  });

  it('takes no clause that says some trouble cannot happen for the pain: it is a claim about the fix', () => {
    const fixOnly = challenge('t', [], ['幂等', '重试']);
    for (const reply of [
      '消费端要幂等，失败了就重试，这样永远不会丢数据',
      "make the consumer 幂等 and 重试 on every call, so there can't be conflicts",
    ]) {
      const g = gradeAnswer(fixOnly, reply, options);
      expect(g.score).toBe(capFor(DEFAULT_PASS_MARK));
      expect(g.flags).toContain('fix-only');
    }
  });
});

describe('an answer to a neighbouring topic', () => {
  const cache = challenge('缓存', ['数据库压力大'], ['缓存', '过期时间']);
  const queue = { ...challenge('消息队列', ['流量突增'], ['消息队列', '削峰']), neighbours: [cache] };

  it('scores no more than a denial when it fails here and passes a topic beside this one, and names that topic', () => {
    const reply = '流量突增时数据库压力大，就在前面加一层缓存，再给缓存设置好过期时间';
    expect(gradeAnswer(cache, reply, options).passed).toBe(true);
    const g = gradeAnswer(queue, reply, options);
    expect(g.score).toBe(denialCapFor(DEFAULT_PASS_MARK));
    expect(g.flags).toContain('other-topic');
    expect(g.otherTopic).toBe('缓存');
    expect(g.feedback).toContain('另一个话题「缓存」');
  });

  it('leaves an answer to this topic, and a partial one that answers no neighbour, as they were', () => {
    const bare = { ...queue, neighbours: undefined };
    for (const reply of ['流量突增的时候数据库扛不住，用消息队列削峰', '流量突增的时候数据库一下子就扛不住了']) {
      const g = gradeAnswer(queue, reply, options);
      expect(g.score).toBe(gradeAnswer(bare, reply, options).score);
      expect(g.flags).not.toContain('other-topic');
    }
  });
});

describe('feedback', () => {
  it('is Chinese for a Chinese reply: score, ✓ with words, ✗ by label, hint', () => {
    const g = grade('节点增多会带来运维问题，所以要上云元生');
    expect(g.language).toBe('zh');
    expect(g.feedback.split('\n')).toEqual([
      '得分：88/100 — 通过（及格线 60）。',
      '✓ 痛点：服务节点数增长（节点增多）；运维成本（运维问题）',
      '✓ 解法：云原生（云元生）',
      '✗ 缺少解法：持续交付；DevOps',
      '提示：还可以补充：持续交付。',
    ]);
  });

  it('is English for an English reply, and lists negated concepts', () => {
    const g = grade('More nodes bring an ops burden, and we do not need cloud native for it.');
    expect(g.language).toBe('en');
    expect(g.flags).toContain('negation');
    expect(g.feedback).toContain('Score: 50/100 — not yet (pass mark 60).');
    expect(g.feedback).toContain('⚠ Negated (a not/no/without in the same clause cancels it): cloud native (云原生)');
    // Each concept named in the reply's language, the notes' label in brackets.
    expect(g.feedback).toContain(
      '✓ Pain: more nodes (服务节点数增长) (more nodes); ops burden (运维成本) (ops burden)',
    );
    expect(g.feedback).toContain('✗ Missing (fix): continuous delivery (持续交付); DevOps');
  });
});

describe('rejected answers', () => {
  it('refuse an empty or blank reply in the learner’s locale', () => {
    expect(rejectAnswer('', 'en')).toMatchObject({ id: 'empty-answer' });
    expect(rejectAnswer(' \n\t　', 'zh')).toMatchObject({
      id: 'empty-answer',
      message: expect.stringContaining('本次不计入尝试次数'),
    });
    expect(rejectAnswer('  ', 'en')?.message).toContain('This used no attempt');
  });

  it('refuse a reply over the limit, counting characters not UTF-16 units', () => {
    expect(rejectAnswer('幂'.repeat(MAX_ANSWER_CHARS), 'zh')).toBeNull();
    expect(rejectAnswer('𠀀'.repeat(MAX_ANSWER_CHARS), 'zh')).toBeNull();
    const tooLong = rejectAnswer('a'.repeat(MAX_ANSWER_CHARS + 1), 'en');
    expect(tooLong).toMatchObject({ id: 'answer-too-long', limit: MAX_ANSWER_CHARS });
    expect(tooLong?.message).toContain('4,001 characters; the limit is 4,000');
  });

  it('let a real reply through', () => {
    expect(rejectAnswer('幂等', 'zh')).toBeNull();
  });
});

describe('JSON result', () => {
  it('has the issue’s shape', () => {
    const g = grade('节点增多会带来运维问题，所以要上云原生');
    const json = gradeResultJson({ id: 'n1', title: '云原生', path: ['架构', '云原生'] }, g);
    expect(JSON.parse(JSON.stringify(json))).toEqual({
      topic: { id: 'n1', title: '云原生', path: ['架构', '云原生'] },
      score: 88,
      passed: true,
      pain: {
        score: 100,
        matched: [
          { label: '服务节点数增长', credit: 1, words: ['节点增多'] },
          { label: '运维成本', credit: 1, words: ['运维问题'] },
        ],
        missing: [],
        negated: [],
      },
      fix: {
        score: 50,
        matched: [{ label: '云原生', credit: 1, words: ['云原生'] }],
        missing: ['持续交付', 'DevOps'],
        negated: [],
      },
      similarity: null,
      flags: [],
      language: 'zh',
      feedback: g.feedback,
    });
  });
});
