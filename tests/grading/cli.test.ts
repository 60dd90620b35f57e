/** `tutor grade` end to end on a small knowledge folder: notes, a curated overlay and a glossary. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeCommand } from '../../src/cli/grade.js';

const NOTES = [
  '--架构实践',
  '>最终一致性解决方案：',
  '\t>eBay事件队列方案：消息队列、日志-定时任务 来 异步执行两个服务。定时任务要能重试，服务要支持幂等。',
  '\t>TCC补偿：失败了就补偿。',
  '>分布式锁：',
  '\t>Redlock：基于n个独立redis节点的分布式锁，过半节点加锁成功才算拿到锁。',
  '',
].join('\n');

const OVERLAY = {
  entries: [
    {
      topic: 'eBay事件队列方案',
      pain: [{ label: '重复执行', aliases: ['重复消费', 'duplicates'] }],
      fix: [
        { label: '本地消息表', aliases: ['消息表', 'local message table'] },
        { label: '幂等', aliases: [] },
      ],
    },
  ],
};

const GLOSSARY = { entries: [{ terms: ['幂等', 'idempotent', 'idempotency'] }] };

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tutor-grade-cli-'));
  await writeFile(path.join(dir, 'notes.txt'), NOTES);
  await writeFile(path.join(dir, 'challenges.json'), JSON.stringify(OVERLAY));
  await writeFile(path.join(dir, 'glossary.json'), JSON.stringify(GLOSSARY));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function grade(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const input = new PassThrough();
  input.end(stdin);
  const output = new PassThrough().on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const errors = new PassThrough().on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const code = await gradeCommand.run([...args, '--knowledge', dir], {
    stdin: input,
    stdout: output,
    stderr: errors,
    env: {},
    cwd: dir,
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout, stderr };
}

const STRONG = '重试会导致重复消费，所以先写本地消息表，消费端再做幂等。';

describe('tutor grade --topic --answer', () => {
  it('prints the feedback in the answer’s language', async () => {
    const run = await grade(['--topic', 'ebay', '--answer', STRONG]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('架构实践 › 最终一致性解决方案 › eBay事件队列方案');
    // Every concept named; the similarity to the notes' own pain and fix text keeps it just under 100.
    expect(run.stdout).toContain('得分：96/100 — 通过（及格线 60）。');
  });

  it('prints the issue’s JSON shape with --json, with the glossary applied', async () => {
    const run = await grade([
      '--topic',
      'eBay事件队列方案',
      '--answer',
      'Retries cause duplicates, so use a local message table and make consumers idempotent.',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'topic',
      'score',
      'passed',
      'pain',
      'fix',
      'similarity',
      'flags',
      'language',
      'feedback',
    ]);
    expect(json).toMatchObject({
      topic: { title: 'eBay事件队列方案', path: ['架构实践', '最终一致性解决方案', 'eBay事件队列方案'] },
      score: 96,
      passed: true,
      fix: {
        matched: [
          { label: '本地消息表', words: ['local message table'] },
          { label: '幂等', words: ['idempotent'] },
        ],
      },
      language: 'en',
    });
  });

  it('honours --pass-mark', async () => {
    const half = '要先写本地消息表，消费端再做幂等来解决。';
    expect(JSON.parse((await grade(['--topic', 'ebay', '--answer', half, '--json'])).stdout)).toMatchObject({
      score: 45,
      passed: false,
    });
    expect(
      JSON.parse((await grade(['--topic', 'ebay', '--answer', half, '--json', '--pass-mark', '45'])).stdout),
    ).toMatchObject({ passed: true });
  });

  it('refuses an unknown topic with no unrelated topics offered, and exits 1', async () => {
    const run = await grade(['--topic', 'qqqxxzz', '--answer', STRONG]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('tutor grade: no topic matches "qqqxxzz"\n');
  });

  it('refuses an empty answer with a clear message', async () => {
    const run = await grade(['--topic', 'ebay', '--answer', '  ']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Your answer is empty');
  });

  it('reports usage errors with exit 2', async () => {
    expect((await grade(['--topic', 'ebay'])).code).toBe(2);
    expect((await grade(['--batch', 'x.jsonl', '--topic', 'ebay', '--answer', 'a'])).code).toBe(2);
    expect((await grade(['--topic', 'ebay', '--answer', 'a', '--pass-mark', '0'])).code).toBe(2);
  });
});

describe('tutor grade --batch', () => {
  it('prints one JSON line per input line, in order, with an error object for each bad line', async () => {
    const lines = [
      JSON.stringify({ topic: 'ebay', answer: STRONG }),
      'not json',
      '',
      JSON.stringify({ topic: 'ebay' }),
      JSON.stringify({ topic: 'qqqxxzz', answer: STRONG }),
      JSON.stringify({ topic: 'ebay', answer: '' }),
      JSON.stringify({ topic: 'ebay', answer: 'x'.repeat(4001) }),
      JSON.stringify({ topic: 'redlock', answer: '随便说点什么吧' }),
    ];
    await writeFile(path.join(dir, 'batch.jsonl'), lines.join('\n'));
    const run = await grade(['--batch', 'batch.jsonl']);
    expect(run.code).toBe(1);
    const out = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({ score: 96, passed: true });
    expect(out[1]).toMatchObject({ line: 2, error: { id: 'bad-line' } });
    expect(out[2]).toMatchObject({ line: 4, error: { id: 'bad-line' } });
    expect(out[3]).toMatchObject({ line: 5, error: { id: 'unknown-topic', nearest: expect.any(Array) } });
    expect(out[4]).toMatchObject({ line: 6, error: { id: 'empty-answer' } });
    expect(out[5]).toMatchObject({ line: 7, error: { id: 'answer-too-long' } });
    expect(out[6]).toMatchObject({ topic: { title: 'Redlock' }, passed: false });
  });

  it('reads stdin with -, and exits 0 when every line was graded', async () => {
    const run = await grade(['--batch', '-'], `${JSON.stringify({ topic: 'ebay', answer: STRONG })}\n`);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ score: 96 });
  });
});
