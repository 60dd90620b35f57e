import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/knowledge/graph.js';
import type { EdgeKind, KnowledgeGraph } from '../../src/knowledge/types.js';
import { byTitle, only, outlineGraph, seedGraph } from './helpers.js';

function edgesOf(graph: KnowledgeGraph, kind: EdgeKind): string[] {
  return graph.edges
    .filter((e) => e.kind === kind)
    .map((e) => `${graph.nodes.get(e.from)?.title} → ${graph.nodes.get(e.to)?.title}`);
}

describe('node ids', () => {
  const text = '--网络\n>TCP\n\t>握手\n>缺点\n>缺点\n';

  it('are unique, also for same-titled siblings', () => {
    const graph = outlineGraph(text);
    expect(new Set(graph.nodes.keys()).size).toBe(graph.nodes.size);
    expect(byTitle(graph, '缺点')).toHaveLength(2);
  });

  it('stay the same when the file is edited elsewhere', () => {
    const before = outlineGraph(text);
    const after = outlineGraph(`--新的笔记\n>在前面\n\n${text.replace('>TCP', '>UDP\n>TCP')}>末尾\n`);
    for (const title of ['网络', 'TCP', '握手']) expect(only(after, title).id).toBe(only(before, title).id);
    expect(byTitle(after, '缺点').map((n) => n.id)).toEqual(byTitle(before, '缺点').map((n) => n.id));
  });

  it('differ between files and between parents', () => {
    const graph = buildGraph([
      { path: 'a.txt', text: '--x\n>y\n' },
      { path: 'b.txt', text: '--x\n>y\n--z\n>y\n' },
    ]);
    expect(new Set(byTitle(graph, 'y').map((n) => n.id)).size).toBe(3);
  });
});

describe('nodes', () => {
  it('carry their breadcrumb and source, also when serialized', () => {
    const graph = outlineGraph('--网络\n>TCP\n\t>握手\n');
    const handshake = only(graph, '握手');
    expect(handshake.path).toEqual(['网络', 'TCP', '握手']);
    expect(handshake.source).toEqual({ file: 'notes.txt', line: 3 });
    expect(JSON.parse(JSON.stringify(handshake))).toEqual({
      id: handshake.id,
      title: '握手',
      body: '',
      path: ['网络', 'TCP', '握手'],
      depth: 2,
      parentId: only(graph, 'TCP').id,
      childIds: [],
      source: { file: 'notes.txt', line: 3 },
    });
  });
});

describe('edges of the seed', () => {
  const graph = seedGraph();

  it('links every parent to its children', () => {
    expect(edgesOf(graph, 'child')).toHaveLength(graph.nodes.size - graph.roots.length);
  });

  it('links a pain to its fix', () => {
    expect(edgesOf(graph, 'pain-fix')).toContain('举动-痛点 → 解法/解决方案');
  });

  it('links a topic to the problems it introduces', () => {
    expect(edgesOf(graph, 'introduces')).toContain('微服务 → 引入的问题');
  });

  it('finds mentions by title and by glossary alias', () => {
    const mentions = edgesOf(graph, 'mentions');
    expect(mentions).toContain('DevOps → 容器编排'); // "jenkins + k8s": k8s is an alias of 容器编排
    expect(mentions).toContain('引入的问题 → 分布式事务');
    expect(mentions).not.toContain('DevOps → DevOps');
  });
});

describe('edges from titles', () => {
  it('links 问题/缺点 to the 方案/解决 children and following siblings', () => {
    const graph = outlineGraph('--缓存\n>问题: 击穿\n\t>解决: 互斥锁\n>方案: 预热\n>缺点: 复杂\n>解法: 简化\n');
    expect(edgesOf(graph, 'pain-fix')).toEqual(['问题 → 解决', '问题 → 方案', '缺点 → 解法']);
  });

  it('links 新的问题 from its parent', () => {
    const graph = outlineGraph('--微服务\n>新的问题: 分布式事务\n');
    expect(edgesOf(graph, 'introduces')).toEqual(['微服务 → 新的问题']);
  });

  it('links a drawback no fix answers from its parent, the fix that brings it', () => {
    const graph = outlineGraph(
      '--Redis Cluster: crc16\n>缺点: 客户端复杂\n--Sharding\n>Disadvantage(s): sharding: joins\n--缓存\n>缺点: 复杂\n>解法: 简化\n',
    );
    expect(edgesOf(graph, 'introduces').sort()).toEqual(['Redis Cluster → 缺点', 'Sharding → Disadvantage(s)']);
    expect(edgesOf(graph, 'pain-fix')).toEqual(['缺点 → 解法']);
  });

  it('ignores short generic titles as mentions', () => {
    const graph = outlineGraph('--ab: x\n--依赖: y\n--说明: 这里提到 ab 和 依赖\n');
    expect(edgesOf(graph, 'mentions')).toEqual([]);
  });
});
