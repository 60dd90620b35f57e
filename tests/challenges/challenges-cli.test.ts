/** `tutor challenges`: every daily topic with what the tutor will ask, for an author to review. */
import { describe, expect, it } from 'vitest';
import { tutor } from '../support/run-cli.js';
import { NOTE_SETS, noteSet } from './note-sets.js';
import { SEED_DIR } from './seed.js';

const KEYS = ['topicId', 'title', 'path', 'file', 'line', 'source', 'prompt', 'pain', 'fix', 'modelAnswer'];

describe('tutor challenges --json', () => {
  it.each([
    ['seed', SEED_DIR],
    ['web-perf', NOTE_SETS['web-perf']!()],
  ])('%s: every daily topic in posting order, in exactly the documented shape', async (set, dir) => {
    const kb = await noteSet(set);
    const run = await tutor(['challenges', '--json', '--knowledge', dir]);
    expect(run.code).toBe(0);
    const { challenges } = JSON.parse(run.stdout) as { challenges: Record<string, unknown>[] };
    expect(challenges.map((c) => c.topicId)).toEqual(kb.dailyTopics());
    expect(challenges.length).toBeGreaterThan(0);
    for (const c of challenges) {
      expect(Object.keys(c)).toEqual(KEYS);
      const node = kb.graph.nodes.get(c.topicId as string)!;
      const challenge = kb.challengeFor(node.id)!;
      expect(c).toMatchObject({
        title: node.title,
        path: node.path,
        file: node.source.file,
        line: node.source.line,
        source: challenge.origin,
        modelAnswer: challenge.modelAnswer,
      });
      expect(c.prompt).toBe(
        challenge.prompt ?? (set === 'seed' ? '先说痛点，再说解法。' : 'State the pain point, then the fix.'),
      );
      for (const side of ['pain', 'fix'] as const) {
        expect(c[side]).toEqual(challenge[side].map((k) => ({ label: k.label, aliases: k.aliases, weight: k.weight })));
      }
    }
  });

  it('lists curated and derived topics of the seed, each with its source line', async () => {
    const run = await tutor(['challenges', '--json', '--knowledge', SEED_DIR]);
    const { challenges } = JSON.parse(run.stdout) as { challenges: { source: string; file: string; line: number }[] };
    expect(new Set(challenges.map((c) => c.source))).toEqual(new Set(['curated', 'derived']));
    expect(challenges.every((c) => c.file === 'architecture-notes.zh.txt' && c.line > 0)).toBe(true);
  });
});

describe('tutor challenges (text)', () => {
  it('prints each topic with its source, prompt, concepts and model answer, and a count', async () => {
    const run = await tutor([
      'challenges',
      '--topic',
      'Render-blocking scripts',
      '--knowledge',
      NOTE_SETS['web-perf']!(),
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'Web front-end performance notes › Loading › Render-blocking scripts  [derived]  web-performance.md:11',
    );
    expect(lines[1]).toBe('  prompt: State the pain point, then the fix.');
    expect(lines[2]).toMatch(/^ {2}pain: {3}\S.* ×2/);
    expect(lines[3]).toMatch(/^ {2}fix: {4}\S.* ×2/);
    expect(lines[4]).toBe('  model answer:');
    expect(lines[5]).toMatch(/^ {4}Pain: a plain in the head stops HTML parsing/);
    expect(lines.at(-2)).toBe('1 topic');
  });

  it('rejects a stray argument as a usage error', async () => {
    expect((await tutor(['challenges', 'redis', '--knowledge', SEED_DIR])).code).toBe(2);
  });
});
