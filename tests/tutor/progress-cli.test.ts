/** `tutor progress <user>`: the learner's report from the database, as text or the JSON shape. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import { tutor } from '../support/run-cli.js';
import { seedKnowledge } from './harness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function seeded(): Promise<{ file: string; topics: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-progress-'));
  dirs.push(dir);
  const file = path.join(dir, 'tutor.db');
  const kb = await seedKnowledge();
  const topics = kb.dailyTopics().slice(0, 2);
  const store = openSqliteStore(file);
  try {
    await store.ensureWorkspace('console', 'local', { timeZone: 'UTC' });
    const ada = { platform: 'console' as const, workspaceExternalId: 'local', externalId: 'ada', displayName: 'ada' };
    const review = (topicId: string, rating: 'again' | 'good', iso: string, missed: string[]) =>
      store.recordReview({
        user: ada,
        topicId,
        kind: 'practice',
        score: rating === 'good' ? 80 : 20,
        rating,
        missed,
        at: new Date(iso),
        dedupeKey: `${topicId}:${iso}`,
        retention: 0.9,
      });
    await review(topics[0]!, 'again', '2026-03-01T09:00:00Z', ['eviction']);
    await review(topics[1]!, 'good', '2026-03-02T09:00:00Z', []);
  } finally {
    await store.close();
  }
  return { file, topics };
}

describe('tutor progress', () => {
  it('prints the JSON shape of the issue', async () => {
    const { file, topics } = await seeded();
    const run = await tutor(['progress', 'ada', '--json', '--db', file, '--now', '2026-03-03T09:00:00Z']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown> & {
      cards: Record<string, unknown>[];
      weakConcepts: Record<string, unknown>[];
    };
    expect(Object.keys(json)).toEqual(['user', 'cards', 'due', 'retention', 'weakConcepts']);
    expect(json.user).toBe('ada');
    expect(json.due).toBe(1);
    expect(json.cards.map((c) => [c.topicId, c.state, c.reps])).toEqual([
      [topics[0], 'learning', 1],
      [topics[1], 'review', 1],
    ]);
    expect(json.weakConcepts).toEqual([
      { concept: 'eviction', topicId: topics[0], title: expect.any(String), missed: 1 },
    ]);
  });

  it('prints text with the activity strip, and refuses an unknown user', async () => {
    const { file } = await seeded();
    const run = await tutor(['progress', 'ada', '--db', file, '--now', '2026-03-03T09:00:00Z']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ada: new 0 · learning 1 · review 1 · mastered 0\nReviews due now: 1\n');
    // 2026-03-03 is a Tuesday: the last week holds Monday's answer and an empty Tuesday.
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('  ░·');
    const unknown = await tutor(['progress', 'nobody', '--db', file]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('tutor progress: no user named "nobody" has answered on console/local\n');
  });
});
