import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tutor } from '../support/run-cli.js';
import { KNOWLEDGE_DIR } from './helpers.js';

describe('tutor topic', () => {
  it('prints JSON results best first', async () => {
    const run = await tutor(['topic', '分布式', '--json', '--limit', '2', '--knowledge', KNOWLEDGE_DIR]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { query: string; results: Record<string, unknown>[] };
    expect(json.query).toBe('分布式');
    expect(json.results).toHaveLength(2);
    expect(Object.keys(json.results[0] ?? {})).toEqual(['id', 'title', 'path', 'body', 'children', 'related', 'score']);
    expect(json.results[0]).toMatchObject({
      title: '分布式锁',
      path: expect.arrayContaining(['稳定期服务化应用架构实践']),
    });
    expect((json.results[0]?.score as number) > (json.results[1]?.score as number)).toBe(true);
    const alias = JSON.parse((await tutor(['topic', 'kubernetes', '--json', '--knowledge', KNOWLEDGE_DIR])).stdout);
    expect(alias.results[0]).toMatchObject({
      title: '容器编排',
      path: expect.arrayContaining(['架构实践', '容器编排']),
    });
  });

  it('reads the knowledge directory from TUTOR_KNOWLEDGE, relative to the working directory', async () => {
    const run = await tutor(
      ['topic', '分布式', '事务'],
      { TUTOR_KNOWLEDGE: 'knowledge' },
      path.resolve(KNOWLEDGE_DIR, '..'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^分布式事务 {2}\(score/);
    expect(run.stdout).toContain('children:');
  });

  it('says that nothing matches, lists no unrelated topics, and exits 1 as tutor grade does', async () => {
    const run = await tutor(['topic', 'xyzzy', 'frobnicate', '--knowledge', KNOWLEDGE_DIR]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('No topic matches "xyzzy frobnicate".\n');
  });

  it('rejects a missing query and a bad limit as usage errors', async () => {
    expect((await tutor(['topic', '--knowledge', KNOWLEDGE_DIR])).code).toBe(2);
    const bad = await tutor(['topic', 'k8s', '--limit', 'lots', '--knowledge', KNOWLEDGE_DIR]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit');
  });
});

describe('tutor knowledge check', () => {
  let broken: string;

  beforeAll(async () => {
    broken = await mkdtemp(path.join(os.tmpdir(), 'knowledge-check-'));
    await writeFile(path.join(broken, 'notes.txt'), Buffer.from([0x2d, 0x2d, 0x61, 0x0a, 0x3e, 0xff, 0x0a]));
    await writeFile(path.join(broken, 'glossary.json'), '{"entries": [\n{"terms": ["only one"]}\n]}');
  });

  afterAll(async () => {
    await rm(broken, { recursive: true, force: true });
  });

  it('reports counts for the shipped notes and exits 0', async () => {
    const run = await tutor(['knowledge', 'check', '--json', '--knowledge', KNOWLEDGE_DIR]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      ok: true,
      errors: 0,
      notes: { files: 1, nodes: 260, edges: { child: 225 } },
    });
    const glossary = JSON.parse(readFileSync(`${KNOWLEDGE_DIR}glossary.json`, 'utf8')) as { entries: unknown[] };
    expect((json.notes as { glossaryEntries: number }).glossaryEntries).toBe(glossary.entries.length);
    expect(json.warnings).toEqual([expect.objectContaining({ file: 'architecture-notes.zh.txt', line: 257 })]);
  });

  it('lists every warning with file:line and exits 1 on errors', async () => {
    const run = await tutor(['knowledge', 'check', '--knowledge', broken]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error notes.txt:2 [invalid-utf8]');
    expect(run.stdout).toContain('error glossary.json:2 [glossary-entry]');
    expect(run.stdout).toMatch(/2 error\(s\)/);
  });

  it('needs the check action', async () => {
    expect((await tutor(['knowledge', '--knowledge', KNOWLEDGE_DIR])).code).toBe(2);
  });
});
