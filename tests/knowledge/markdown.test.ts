import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/knowledge/graph.js';
import { byTitle, parentTitle, PRIMER_DIR, shape } from './helpers.js';

const markdownGraph = (text: string) => buildGraph([{ path: 'notes.md', text }]);

describe('Markdown outlines', () => {
  it('nests headings by level and bullets by indentation under their heading', () => {
    const graph = markdownGraph(
      [
        '# Caching',
        'Intro paragraph.',
        '## Cache-aside',
        '- Read: check the cache first',
        '  * Miss: load from the database',
        '    1. Write back',
        '- Stale data',
        '### Disadvantage(s): cache-aside',
        '#### Deep heading',
        '# Queues',
      ].join('\n'),
    );
    expect(shape(graph)).toEqual([
      'Caching = Intro paragraph.',
      '  Cache-aside',
      '    Read = check the cache first',
      '      Miss = load from the database',
      '        Write back',
      '    Stale data',
      '    Disadvantage(s): cache-aside',
      '      Deep heading',
      'Queues',
    ]);
  });

  it('skips code fences, HTML, tables, rules and images, and keeps link text', () => {
    const graph = markdownGraph(
      [
        '# Topic',
        '```',
        '# not a heading',
        '- not a bullet',
        '```',
        '<p align="center"><img src="x.png"></p>',
        '| a | b |',
        '---',
        '![diagram](images/x.png)',
        '- [Consistency patterns](#consistency-patterns)',
        '- **Bold** and `code`',
      ].join('\n'),
    );
    expect(shape(graph)).toEqual(['Topic', '  Consistency patterns', '  Bold and code']);
  });

  it('warns about a code fence that is never closed', () => {
    const graph = markdownGraph('# A\n```\ncode\n');
    expect(graph.warnings).toEqual([expect.objectContaining({ file: 'notes.md', line: 2, code: 'unclosed-fence' })]);
  });

  it('loads the System Design Primer, English and Chinese', () => {
    const files = ['README.md', 'README-zh-Hans.md'].map((name) => ({
      path: name,
      text: readFileSync(`${PRIMER_DIR}${name}`, 'utf8'),
    }));
    const graph = buildGraph(files);
    expect(graph.files).toHaveLength(2);
    expect(graph.nodes.size).toBe(1358);
    const weak = byTitle(graph, 'Weak consistency').filter((n) => n.source.file === 'README.md');
    // Two sections of the primer have a "Weak consistency" heading, both under its consistency patterns.
    expect(weak.map((n) => parentTitle(graph, n))).toEqual(['Consistency patterns', 'Consistency patterns']);
    const weakZh = byTitle(graph, '弱一致性').filter((n) => n.source.file === 'README-zh-Hans.md');
    expect(weakZh.map((n) => parentTitle(graph, n))).toEqual(['一致模式', '一致性模式']);
    expect(graph.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });
});
