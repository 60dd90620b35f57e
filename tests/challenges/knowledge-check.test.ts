import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { knowledgeCommand } from '../../src/cli/knowledge.js';
import { SEED_DIR } from './seed.js';

async function check(dir: string, json = false): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {}, cwd: process.cwd() };
  const code = await knowledgeCommand.run(['check', '--knowledge', dir, ...(json ? ['--json'] : [])], io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.join('') };
}

describe('tutor knowledge check: challenges', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-check-'));
    await writeFile(
      path.join(dir, 'notes.txt'),
      ['--缓存：问题：数据库压力大；解法：引入 redis 缓存热点数据', '--集群', '>缓存：本地缓存', ''].join('\n'),
    );
    const concept = { label: '数据库压力', aliases: ['db load'] };
    await writeFile(
      path.join(dir, 'challenges.json'),
      JSON.stringify(
        {
          entries: [
            { topic: ['缓存'], pain: [concept], fix: [{ label: 'redis' }] },
            { topic: '集群 > 缓存', pain: [concept], fix: [{ label: '本地缓存' }] },
            { topic: '消息队列', pain: [concept], fix: [{ label: 'mq' }] },
          ],
        },
        null,
        2,
      ),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists curated challenges with their paths, and exits 1 on unknown or ambiguous overlay topics', async () => {
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('challenges:');
    expect(run.stdout).toMatch(/curated: 1\n/);
    expect(run.stdout).toMatch(/curated challenges\.json:\d+ {2}集群 > 缓存/);
    expect(run.stdout).toMatch(
      /error challenges\.json:3 \[overlay-ambiguous-topic\] entries\[0\]: topic "缓存" matches 2 nodes/,
    );
    expect(run.stdout).toMatch(/error challenges\.json:\d+ \[overlay-unknown-topic\] entries\[2\]: topic "消息队列"/);
  });

  it('--json gives the counts and each curated challenge', async () => {
    const json = JSON.parse((await check(dir, true)).stdout) as {
      ok: boolean;
      challenges: { curated: number; derived: number; items: { ref: string; path: string[]; line: number }[] };
    };
    expect(json.ok).toBe(false);
    expect(json.challenges.curated).toBe(1);
    expect(json.challenges.derived).toBeGreaterThanOrEqual(1);
    expect(json.challenges.items).toEqual([expect.objectContaining({ ref: '集群 > 缓存', path: ['集群', '缓存'] })]);
  });

  it('the seed passes with its curated challenges all listed', async () => {
    const run = await check(SEED_DIR);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^ {2}curated challenges\.json:/gm)?.length).toBeGreaterThanOrEqual(30);
  });
});
