/**
 * One topic resolution: `tutor grade --topic`, `tutor challenges --topic`, `/practice` and `/topic` resolve a
 * query to the same topic (the best hit of `KnowledgeBase.resolveTopic`), insensitive to spaces, hyphens and
 * punctuation inside Chinese; a query that resembles nothing is an unknown topic with no unrelated suggestions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tutor } from '../support/run-cli.js';
import type { CommandRequest } from '../../src/tutor/api.js';
import { actor, makeHarness, PLACE, type Harness } from '../tutor/harness.js';
import { nodeByPath, noteSet, NOTE_SETS } from './note-sets.js';
import { SEED_DIR } from './seed.js';

const resolvedPath = async (set: string, query: string) => {
  const resolution = (await noteSet(set)).resolveTopic(query);
  return resolution.found ? resolution.topic.path.join(' > ') : null;
};

describe('KnowledgeBase.resolveTopic', () => {
  it('ignores spaces, hyphens and punctuation inside Chinese', async () => {
    expect(await resolvedPath('seed', '缓存引进的必要原因')).toMatch(/ > 缓存引进的 必要原因$/);
    expect(await resolvedPath('primer-zh', '键值存储')).toBe('系统设计入门 > 数据库 > NoSQL > 键-值存储');
    expect(await resolvedPath('primer-zh', '键 - 值 存储')).toBe('系统设计入门 > 数据库 > NoSQL > 键-值存储');
  });

  it('finds a title inside a longer query when nothing better matches (消息投递模型 → 投递模型)', async () => {
    expect(await resolvedPath('seed', '消息投递模型')).toMatch(/ > 消息系统 > 投递模型$/);
  });

  it('resolves a label to the topic it feeds', async () => {
    expect(await resolvedPath('seed', 'Redis Cluster 缺点')).toMatch(/ > redis服务水平扩展 > Redis Cluster$/);
  });

  it.each(Object.keys(NOTE_SETS))('%s: a query that resembles nothing is unknown, with no suggestions', async (set) => {
    for (const query of ['xyzzy frobnicate', 'qwzxv plorbst', '量子纠缠']) {
      expect((await noteSet(set)).resolveTopic(query)).toEqual({ found: false, query, nearest: [] });
    }
  });

  it('still offers close topics above the floor (a misspelt word)', async () => {
    const resolution = (await noteSet('seed')).resolveTopic('分布式系统设计题');
    expect(resolution.found).toBe(false);
    if (!resolution.found) expect(resolution.nearest.map((n) => n.title)).toContain('保证分布式系统一致性的算法');
  });
});

describe('the same topic everywhere', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness('2026-03-02T10:00:00Z');
  });
  afterEach(async () => {
    await h.cleanup();
  });
  const request = (command: CommandRequest['command'], options: CommandRequest['options']): CommandRequest => ({
    actor: actor('ada'),
    place: PLACE,
    command,
    options,
  });

  it('tutor grade, tutor challenges, /practice and /topic resolve 消息投递模型 to 投递模型, and say so', async () => {
    const kb = await noteSet('seed');
    const target = nodeByPath(kb, ...(kb.lookup('投递模型', 1).results[0]!.path as string[]));
    const graded = await tutor([
      'grade',
      '--topic',
      '消息投递模型',
      '--answer',
      '会丢消息也会重复，用至少一次加幂等',
      '--json',
      '--knowledge',
      SEED_DIR,
    ]);
    expect(graded.code).toBe(0);
    expect(JSON.parse(graded.stdout).topic).toEqual({ id: target.id, title: '投递模型', path: target.path });
    const text = await tutor(['grade', '--topic', '消息投递模型', '--answer', '会丢消息', '--knowledge', SEED_DIR]);
    expect(text.stdout.split('\n')[0]).toBe(target.path.join(' › '));

    const listed = await tutor(['challenges', '--json', '--topic', '消息投递模型', '--knowledge', SEED_DIR]);
    expect(JSON.parse(listed.stdout).challenges.map((c: { topicId: string }) => c.topicId)).toEqual([target.id]);

    const practice = await h.tutor.handleCommand(request('practice', { topic: '消息投递模型' }));
    expect(practice.messages[0]!.title).toBe('Practice: 投递模型');
    const topic = await h.tutor.handleCommand(request('topic', { query: '消息投递模型' }));
    expect(topic.messages[0]!.title).toContain('投递模型');
  });

  it('an unknown topic: exit 1 in tutor topic and tutor grade alike, and no unrelated topics anywhere', async () => {
    const looked = await tutor(['topic', 'xyzzy', 'frobnicate', '--knowledge', SEED_DIR]);
    const graded = await tutor(['grade', '--topic', 'xyzzy frobnicate', '--answer', 'x', '--knowledge', SEED_DIR]);
    const listed = await tutor(['challenges', '--topic', 'xyzzy frobnicate', '--knowledge', SEED_DIR]);
    expect([looked.code, graded.code, listed.code]).toEqual([1, 1, 1]);
    expect(looked.stdout).toBe('No topic matches "xyzzy frobnicate".\n');
    expect(graded.stderr).toBe('tutor grade: no topic matches "xyzzy frobnicate"\n');
    const slash = await h.tutor.handleCommand(request('topic', { query: 'xyzzy frobnicate' }));
    expect(slash.messages[0]).toMatchObject({ errorId: 'unknown-topic', fields: [] });
    const practice = await h.tutor.handleCommand(request('practice', { topic: 'xyzzy frobnicate' }));
    expect(practice.messages[0]).toMatchObject({ errorId: 'unknown-topic', fields: [] });
  });
});
