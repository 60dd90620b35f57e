/**
 * Pain → fix → new pain: every chain follows one of the graph's introduces edges, every such edge whose fix
 * says what it fixed makes one, and the follow-up is graded against the new-pain node — on the seed and on
 * other note sets.
 */
import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import type { KnowledgeBase } from '../../src/challenges/types.js';
import { gradeAnswer } from '../../src/grading/grade.js';
import { gradingToolsFor } from '../../src/grading/tools.js';
import { outlineGraph } from '../knowledge/helpers.js';
import { tutor } from '../support/run-cli.js';
import { NOTE_SETS, nodeByPath, noteSet } from './note-sets.js';

/** `from → to` of every introduces edge. */
function introducesEdges(kb: KnowledgeBase): Set<string> {
  return new Set(kb.graph.edges.filter((e) => e.kind === 'introduces').map((e) => `${e.from} → ${e.to}`));
}

describe.each(['seed', 'linux-ops', 'primer-en'])('chains of %s', (name) => {
  it('each follows an introduces edge from its fix (or the topic whose fix it is) to its new pain', async () => {
    const kb = await noteSet(name);
    const edges = introducesEdges(kb);
    const chains = kb.chains();
    expect(chains.length).toBeGreaterThan(0);
    for (const chain of chains) {
      const via = [chain.fix.topicId, chain.pain.topicId].map((from) => `${from} → ${chain.newPain.topicId}`);
      expect(
        via.some((edge) => edges.has(edge)),
        chain.newPain.title,
      ).toBe(true);
      expect(kb.graph.nodes.get(chain.newPain.topicId)?.source).toEqual(chain.source);
    }
  });

  it('offers after a topic only the chains whose pain or fix it is, each with a follow-up to grade', async () => {
    const kb = await noteSet(name);
    const offering = [...new Set(kb.chains().flatMap((c) => c.from))];
    expect(offering.length).toBeGreaterThan(0);
    for (const topicId of offering) {
      const offered = kb.chainsFrom(topicId);
      expect(offered.length).toBeGreaterThan(0);
      for (const chain of offered) expect(chain.from).toContain(topicId);
    }
    const follow = kb.chains().map((c) => kb.chainChallenge(c.newPain.topicId));
    expect(follow.filter((c) => c !== null && c.pain.length > 0).length).toBeGreaterThan(0);
  });
});

const MICROSERVICES = ['举动-痛点', '解法/解决方案', '云原生', '微服务'];

describe('chains on the seed', () => {
  it('微服务 fixed the 运维 pain of growing services and brings 性能延迟, 分布式事务…', async () => {
    const kb = await noteSet('seed');
    const micro = nodeByPath(kb, ...MICROSERVICES);
    const [chain] = kb.chainsFrom(micro.id);
    expect(chain?.fix.title).toBe('微服务');
    expect(chain?.pain.title).toMatch(/服务节点数的增长/);
    expect(chain?.newPain.title).toMatch(/分布式事务/);
    const challenge = kb.chainChallenge(chain!.newPain.topicId)!;
    expect(challenge.pain.map((c) => c.label)).toContain('分布式事务');
    // The notes give no fix for it: graded on the new pain alone.
    expect(challenge.fix).toEqual([]);
    const tools = gradingToolsFor(kb.graph);
    const good = gradeAnswer(challenge, '微服务带来性能延迟、分布式事务难做、集成测试复杂、故障诊断困难', {
      passMark: 60,
      ...tools,
    });
    const poor = gradeAnswer(challenge, '微服务让部署更简单', { passMark: 60, ...tools });
    expect(good.passed).toBe(true);
    expect(poor.passed).toBe(false);
  });
});

describe('chains from note text', () => {
  it('come from introduces edges only: a pain with its fix and nothing introduced makes none', () => {
    const kb = buildKnowledgeBase(
      outlineGraph('--缓存\n>击穿\n\t>问题: 热点失效\n\t>解法: 互斥锁\n>缺点: 复杂\n>解法: 简化\n'),
    );
    expect(introducesEdges(kb).size).toBe(0);
    expect(kb.chains()).toEqual([]);
  });

  it('a fix the notes give for the new pain is the follow-up’s fix side', () => {
    const kb = buildKnowledgeBase(
      outlineGraph(
        '--扩展\n>数据库瓶颈\n\t>问题: 单库写入压力过大\n\t>解法: 分库分表\n\t\t>引入的问题: 跨库事务难以保证一致\n\t\t\t>解法: 柔性事务补偿\n',
      ),
    );
    const [chain] = kb.chains();
    expect(chain?.fix.title).toBe('分库分表');
    expect(chain?.pain.title).toBe('单库写入压力过大');
    const challenge = kb.chainChallenge(chain!.newPain.topicId)!;
    expect(challenge.pain.length).toBeGreaterThan(0);
    expect(challenge.fix.map((c) => c.label).join(' ')).toMatch(/柔性|补偿/);
  });
});

describe('tutor challenges --json', () => {
  it('lists the chains: pain, fix and new pain, with where the new pain is written', async () => {
    const kb = await noteSet('linux-ops');
    const run = await tutor(['challenges', '--json', '--knowledge', NOTE_SETS['linux-ops']!()]);
    expect(run.code).toBe(0);
    const { chains } = JSON.parse(run.stdout) as { chains: unknown[] };
    expect(chains.length).toBeGreaterThan(0);
    expect(chains).toEqual(
      kb.chains().map((c) => ({
        pain: { topicId: c.pain.topicId, title: c.pain.title },
        fix: { topicId: c.fix.topicId, title: c.fix.title },
        newPain: { topicId: c.newPain.topicId, title: c.newPain.title },
        file: c.source.file,
        line: c.source.line,
      })),
    );
    expect(chains[0]).toMatchObject({ pain: { title: 'TIME_WAIT 过多' }, file: 'linux-ops.zh.txt', line: 29 });
  });
});
