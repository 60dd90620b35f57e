/**
 * A reload parses the notes on a worker thread: answers keep being graded (and recorded) while it runs, the new
 * notes come into service whole when it ends, and a broken reload keeps the old notes in service.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { generateNotes } from '../../bench/knowledge.js';
import { openServices } from '../../src/app/services.js';
import { silentLogger } from '../../src/domain/logger.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { KNOWLEDGE, faultConfig, postTodaysChallenge, tempDir, threadAnswer } from '../faults/harness.js';

const NOW = '2026-03-02T09:30:00Z';
const EXTRA = 'zz-generated.txt';
/**
 * The longest the event loop may wait during the reload. Generous for a shared machine (slices are aimed at
 * ~10 ms); before the topic index was built in slices, this reload held the loop for over a second at once.
 */
const MAX_STALL_MS = 250;

describe('a knowledge reload off the event loop', () => {
  it('keeps answering during the reload, swaps the new notes in whole, and keeps the old ones on a broken reload', async () => {
    const dir = tempDir('tutor-reload-');
    const knowledge = path.join(dir, 'knowledge');
    cpSync(KNOWLEDGE, knowledge, { recursive: true });
    const db = path.join(dir, 'tutor.db');
    const { threadId, answers } = await postTodaysChallenge(db, NOW);
    const services = await openServices(faultConfig(db, { TUTOR_KNOWLEDGE: knowledge }), {
      clock: new ManualClock(new Date(NOW)),
      logger: silentLogger,
    });
    /** The recorded score of an answer: graded and stored, not just replied to. */
    const scoreOf = async (attemptId: number | undefined) =>
      attemptId === undefined ? null : ((await services.store.attempt(attemptId))?.score ?? null);
    try {
      const before = services.knowledge.current();
      // About a second of parsing on this machine: long enough to answer during it.
      writeFileSync(path.join(knowledge, EXTRA), generateNotes(3 * 2 ** 20));

      const stalls = monitorEventLoopDelay({ resolution: 5 });
      stalls.enable();
      let settled = false;
      const reload = services.knowledge.reload().finally(() => (settled = true));
      const during: number[] = [];
      for (let n = 0; !settled; n++) {
        const reply = await services.tutor.handleThreadAnswer(threadAnswer(`during-${n}`, threadId, answers[0]!.text));
        expect(await scoreOf(reply?.attemptId)).toBe(answers[0]!.score);
        if (!settled) during.push(n);
        // Between answers, let the worker's messages in: the loop must not starve the reload either.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const outcome = await reload;
      stalls.disable();
      expect(outcome.ok).toBe(true);
      expect(stalls.count).toBeGreaterThan(0);
      expect(stalls.max / 1e6).toBeLessThan(MAX_STALL_MS);
      expect(during.length).toBeGreaterThan(0);
      const after = services.knowledge.current();
      expect(after).not.toBe(before);
      expect(after.graph.files).toContain(EXTRA);
      expect(after.graph.nodes.size).toBeGreaterThan(before.graph.nodes.size);
      expect(after.dailyTopics().length).toBeGreaterThan(0);

      // A note file with invalid UTF-8: the reload fails with file:line and the notes in service stay.
      const notes = path.join(knowledge, 'architecture-notes.zh.txt');
      const original = readFileSync(notes);
      writeFileSync(
        notes,
        Buffer.concat([original.subarray(0, 200), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), original.subarray(200)]),
      );
      const broken = await services.knowledge.reload();
      expect(broken.ok).toBe(false);
      expect(broken.ok ? '' : broken.error).toMatch(/architecture-notes\.zh\.txt:\d+/);
      expect(services.knowledge.current()).toBe(after);
      const still = await services.tutor.handleThreadAnswer(threadAnswer('after-broken', threadId, answers[0]!.text));
      expect(await scoreOf(still?.attemptId)).toBe(answers[0]!.score);

      console.info(
        `${during.length} answers graded during a reload of ${after.graph.nodes.size} nodes; ` +
          `longest event-loop delay ${(stalls.max / 1e6).toFixed(0)} ms`,
      );
    } finally {
      await services.close();
    }
  }, 120_000);
});
