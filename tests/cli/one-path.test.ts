/**
 * `tutor grade --topic Q --answer A` and chat's `/practice Q` then `/practice-answer A` (a piped console session)
 * take one path through the core: the same query resolves to the same topic, and the same reply gets the same
 * score, on the seed and on real notes written elsewhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tutor } from '../support/run-cli.js';

const SEED = path.resolve('knowledge');
const PRIMER = path.resolve('../shared/corpora/system-design-primer');

const CASES = [
  {
    notes: 'the seed',
    dir: SEED,
    query: 'REDIS',
    answer: '数据量大了单机内存不够，主节点一挂就不可用；所以用分片把数据分到多个节点，再加主从复制和哨兵保证高可用。',
  },
  {
    notes: 'the seed, in English',
    dir: SEED,
    query: 'cache',
    answer:
      'The pain is that memcached supports only strings and cannot scale; the fix is redis, with rich data ' +
      'structures, a cluster for horizontal scaling, persistence and replication.',
  },
  {
    notes: 'the System Design Primer',
    dir: PRIMER,
    query: 'master-slave replication',
    answer:
      'The pain is that the master is a single point for writes and replication lag can lose data; ' +
      'the fix is failover: a slave is promoted, and reads are served by the read-only slaves.',
  },
] as const;

/** The practice topic and the graded result, as the console prints them (English or Chinese titles). */
function chatOutcome(stdout: string): { title: string; score: number } {
  const offered = /== (?:Practice: |练习：)(.+) ==/.exec(stdout);
  const graded = /== (?:Practice “(.+)”: |练习「(.+)」：)(\d+)\/100 /.exec(stdout);
  if (!offered || !graded) throw new Error(`no practice offered and graded in:\n${stdout}`);
  expect(graded[1] ?? graded[2]).toBe(offered[1]);
  return { title: offered[1]!, score: Number(graded[3]) };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tutor-one-path-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one path for the CLI and chat', () => {
  it.each(CASES)('$notes: tutor grade --topic and /practice agree on the topic and the score', async (c) => {
    const env = { TUTOR_KNOWLEDGE: c.dir, TUTOR_DB: path.join(dir, `${c.notes}.db`) };

    const cli = await tutor(['grade', '--topic', c.query, '--answer', c.answer, '--json'], env);
    expect(cli.code, cli.stderr).toBe(0);
    const graded = JSON.parse(cli.stdout) as {
      topic: { title: string };
      score: number;
      pain: { matched: unknown[] };
      fix: { matched: unknown[] };
    };
    expect(graded.topic.title).not.toBe('');
    expect([...graded.pain.matched, ...graded.fix.matched].length).toBeGreaterThan(0);
    expect(graded.score).toBeGreaterThan(0);

    const session = `/practice ${c.query}\n/practice-answer ${c.answer}\n`;
    const chat = await tutor(['console', '--user', 'ada', '--now', '2026-03-02T10:00:00Z'], env, undefined, session);
    expect(chat.code, chat.stderr).toBe(0);
    expect(chatOutcome(chat.stdout)).toEqual({ title: graded.topic.title, score: graded.score });
  });
});
