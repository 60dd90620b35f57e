import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeNoteFile } from '../../src/knowledge/decode.js';
import { KnowledgeRootError, loadKnowledgeGraph } from '../../src/knowledge/load.js';
import { byTitle, KNOWLEDGE_DIR, only, parentTitle, shape } from './helpers.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decoding a note file', () => {
  it('reports invalid UTF-8 with its line and still reads the rest', () => {
    const bytes = new Uint8Array([...utf8('--ok\n>fine\n>bad '), 0xff, 0xfe, ...utf8('\n>after\n')]);
    const decoded = decodeNoteFile(bytes, 'bad.txt');
    expect(decoded.warnings).toEqual([
      expect.objectContaining({ file: 'bad.txt', line: 3, code: 'invalid-utf8', severity: 'error' }),
    ]);
    expect(decoded.text).toContain('>after');
  });

  it('reports a NUL byte with its line and removes it', () => {
    const decoded = decodeNoteFile(utf8('--a\n>b\u0000c\n'), 'nul.txt');
    expect(decoded.warnings[0]).toMatchObject({ line: 2, code: 'nul-byte' });
    expect(decoded.text).toBe('--a\n>bc\n');
  });

  it('drops a BOM', () => {
    expect(decodeNoteFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('--a')]), 'bom.txt')).toEqual({
      text: '--a',
      warnings: [],
    });
  });

  it('warns about an empty (or blank) file', () => {
    for (const text of ['', ' \n\t\n']) {
      const decoded = decodeNoteFile(utf8(text), 'empty.txt');
      expect(decoded.text).toBeNull();
      expect(decoded.warnings).toEqual([expect.objectContaining({ code: 'empty-file', line: 1, severity: 'warning' })]);
    }
  });

  it('skips a file over the size limit with an error', () => {
    const decoded = decodeNoteFile(utf8('--a\n>b\n'), 'big.txt', 4);
    expect(decoded.text).toBeNull();
    expect(decoded.warnings[0]).toMatchObject({ code: 'file-too-large', severity: 'error' });
  });
});

describe('loading a knowledge directory', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-'));
    await mkdir(path.join(dir, 'team'));
    await writeFile(path.join(dir, 'crlf.txt'), '\uFEFF--网络\r\n>TCP: 连接\r\n\t>三次握手\r\n\r\n>独立笔记\r\n');
    await writeFile(path.join(dir, 'team', 'ops.md'), '# Ops\n\n- Deploy\n  - Canary\n');
    await writeFile(path.join(dir, 'broken.txt'), Buffer.from([0x2d, 0x2d, 0x61, 0x0a, 0x3e, 0xc3, 0x28, 0x0a]));
    await writeFile(path.join(dir, 'empty.outline'), '');
    await writeFile(path.join(dir, 'glossary.json'), '{"entries": [{"terms": ["网络", "network"]}]}');
    await writeFile(path.join(dir, 'overlay.json'), '{}');
    await writeFile(path.join(dir, 'picture.png'), 'not a note');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every note file, CRLF and BOM included, and keeps going past a broken one', async () => {
    const graph = await loadKnowledgeGraph(dir);
    expect(graph.files).toEqual(['broken.txt', 'crlf.txt', 'team/ops.md']);
    expect(parentTitle(graph, only(graph, '三次握手'))).toBe('TCP');
    expect(only(graph, 'TCP').body).toBe('连接');
    expect(only(graph, '网络').title).toBe('网络');
    expect(only(graph, '独立笔记').depth).toBe(0);
    expect(parentTitle(graph, only(graph, 'Canary'))).toBe('Deploy');
    expect(byTitle(graph, 'a')).toHaveLength(1);
    expect(graph.glossary.synonyms('NETWORK')).toContain('网络');
    const codes = graph.warnings.map((w) => `${w.file}:${w.line} ${w.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'broken.txt:2 invalid-utf8',
        'empty.outline:1 empty-file',
        'picture.png:0 unsupported-file',
      ]),
    );
    expect(codes.filter((c) => c.startsWith('overlay.json'))).toEqual([]);
  });

  it('refuses a knowledge folder that is missing or not a folder, naming the path', async () => {
    const missing = path.join(dir, 'nope');
    await expect(loadKnowledgeGraph(missing)).rejects.toThrow(
      new KnowledgeRootError(`the knowledge folder ${missing} does not exist: set TUTOR_KNOWLEDGE (or --knowledge)`),
    );
    const file = path.join(dir, 'a-file.txt');
    await writeFile(file, '--主题: 正文\n');
    await expect(loadKnowledgeGraph(file)).rejects.toThrow(
      `the knowledge folder ${file} is not a folder: set TUTOR_KNOWLEDGE (or --knowledge)`,
    );
  });

  // Few nodes with long bodies: the 100k-node tree is the benchmark's business (bench/knowledge.ts).
  it('loads a 10 MB note file', async () => {
    const prose = '缓存与一致性的权衡 cache consistency trade-off. '.repeat(60);
    const block = (i: number) =>
      `--主题${i}: ${prose}\n>缓存 ${i}: ${prose}\n\t>Redis Cluster ${i}\n\t\t>缺点: 复杂\n\n`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const b = block(i);
      parts.push(b);
      size += Buffer.byteLength(b);
    }
    const bigDir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-big-'));
    try {
      await writeFile(path.join(bigDir, 'big.txt'), parts.join(''));
      const graph = await loadKnowledgeGraph(bigDir);
      expect(graph.nodes.size).toBe(parts.length * 4);
      expect(graph.warnings).toEqual([]);
    } finally {
      await rm(bigDir, { recursive: true, force: true });
    }
  });

  it('loads the shipped knowledge directory without errors', async () => {
    const graph = await loadKnowledgeGraph(KNOWLEDGE_DIR);
    expect(graph.files).toEqual(['architecture-notes.zh.txt']);
    expect(graph.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(shape(graph).length).toBe(graph.nodes.size);
  });
});
