import { describe, expect, it } from 'vitest';
import { splitTitle } from '../../src/knowledge/title.js';
import { byTitle, only, outlineGraph, parentTitle, seedGraph, shape } from './helpers.js';

describe('the seed note tree', () => {
  const graph = seedGraph();

  it('reads every headline and bullet as a node', () => {
    expect(graph.nodes.size).toBe(260);
    expect(graph.roots).toHaveLength(35);
    expect(graph.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });

  it('nests named topics under the right parents', () => {
    expect(parentTitle(graph, only(graph, 'Redis Cluster'))).toBe('redis服务水平扩展');
    expect(parentTitle(graph, only(graph, '容器编排'))).toBe('架构实践');
    expect(parentTitle(graph, only(graph, '12要素'))).toBe('云原生');
    expect(only(graph, '12要素').path).toEqual(['举动-痛点', '解法/解决方案', '云原生', '12要素']);
    expect(parentTitle(graph, only(graph, '缺点'))).toBe('Redis Cluster');
  });

  it('starts a new top-level note at a column-0 bullet after a whitespace-only line', () => {
    const pain = only(graph, '举动-痛点');
    expect(pain.depth).toBe(0);
    expect(pain.parentId).toBeNull();
    expect(pain.body).toMatch(/^微服务下/);
    const decision = only(graph, '莫忘理性决策');
    expect(decision.childIds.map((id) => graph.nodes.get(id)?.title)).toEqual(['不能武断']);
  });

  it('puts a space-indented bullet one level under the bullet above it', () => {
    expect(parentTitle(graph, only(graph, '对于主干知识点'))).toBe('学习要有战略和格局');
    const software = only(graph, '所有的软件');
    expect(software.path.slice(0, 2)).toEqual([
      'es的处理思想都对应有 相应的“某种举动 及其导致 的问题”',
      '一种新技术的学习',
    ]);
    expect(software.depth).toBe(3);
  });

  it('trims trailing ; and runs of dots from titles and keeps the source line', () => {
    const node = only(graph, '一次改动\\立刻构建\\自动化测试\\安全的部署到产品环境');
    expect(node.source).toEqual({ file: 'architecture-notes.zh.txt', line: 101 });
    expect(byTitle(graph, '规范是工程最独特的特征')).toHaveLength(1);
  });

  it('keeps a command with a port mapping in the body', () => {
    const run = only(graph, '运行容器');
    expect(run.body).toBe('docker run -p 8080:8080 -t spring-boot-docker-cloudcomb:0.1.0');
  });
});

describe('title: body splitting', () => {
  it.each([
    ['Pod: 一个逻辑主机', 'Pod', '一个逻辑主机'],
    ['技术选型:选型因素: 文档', '技术选型', '选型因素: 文档'],
    ['服务治理：', '服务治理', ''],
    ['见 http://example.com/a 的说明', '见 http://example.com/a 的说明', ''],
    ['每天 9:00 提醒', '每天 9:00 提醒', ''],
    ['docker run -p 8080:8080 -t app:0.1.0', 'docker run -p 8080:8080 -t app:0.1.0', ''],
    ['部署: docker run -p 8080:8080', '部署', 'docker run -p 8080:8080'],
    ['一次改动;: 自动', '一次改动', '自动'],
    ['规范是特征....', '规范是特征', ''],
    ['缓存；', '缓存', ''],
    ['结论。', '结论', ''],
    ['a\tb: c', 'a b', 'c'],
    [': 没有标题', ': 没有标题', ''],
  ])('%s', (line, title, body) => {
    expect(splitTitle(line)).toEqual({ title, body });
  });
});

describe('outline structure rules', () => {
  // The rule: a tab moves to the next multiple of four columns, a space is one column, and a bullet that sits
  // deeper (in columns) than the open bullet above it is its child — the tree nests the way an editor shows it.
  it('nests by relative indentation, tabs and spaces mixed', () => {
    const graph = outlineGraph(
      ['--root', '>a', '\t>a1', '\t  >a1x', '  >a2', '>b', ' >b1', '\t>b2', '    >b3', ' \t>b4'].join('\n'),
    );
    expect(shape(graph)).toEqual([
      'root',
      '  a',
      '    a1',
      '      a1x',
      '    a2',
      '  b',
      '    b1',
      '      b2',
      '      b3',
      '      b4',
    ]);
  });

  it('treats a tab after the text start as content, not indentation', () => {
    const graph = outlineGraph('--root\n>title\twith tab: body\tpart\n');
    expect(shape(graph)).toEqual(['root', '  title with tab = body part']);
  });

  it('ends a block at a whitespace-only line', () => {
    const graph = outlineGraph('--first\n>child\n \t \n>second root\n\t>its child\n');
    expect(shape(graph)).toEqual(['first', '  child', 'second root', '  its child']);
  });

  it('attaches an over-indented bullet to the nearest shallower one', () => {
    const graph = outlineGraph('>a\n\t\t\t>deep\n\t>b\n');
    expect(shape(graph)).toEqual(['a', '  deep', '  b']);
  });

  it('warns about an indented bullet with nothing above it, and still keeps it', () => {
    const graph = outlineGraph('--a\n\n\t>orphan\n');
    expect(shape(graph)).toEqual(['a', 'orphan']);
    expect(graph.warnings).toEqual([expect.objectContaining({ file: 'notes.txt', line: 3, code: 'orphan-indent' })]);
  });

  it('warns about an empty bullet with its line', () => {
    const graph = outlineGraph('--a\n>\n>b\n');
    expect(shape(graph)).toEqual(['a', '  b']);
    expect(graph.warnings[0]).toMatchObject({ line: 2, code: 'empty-item', severity: 'warning' });
  });

  it('reads plain text lines as more body for the open note', () => {
    const graph = outlineGraph('--a: one\nmore text\n>b\n');
    expect(shape(graph)).toEqual(['a = one more text', '  b']);
  });

  it('handles 100-deep nesting', () => {
    const lines = ['--root', ...Array.from({ length: 100 }, (_, i) => `${'\t'.repeat(i)}>level ${i + 1}`)];
    const graph = outlineGraph(lines.join('\n'));
    const deepest = only(graph, 'level 100');
    expect(deepest.depth).toBe(100);
    expect(deepest.path).toHaveLength(101);
  });
});
