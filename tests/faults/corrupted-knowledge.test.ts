/**
 * A corrupted knowledge file on reload (SIGHUP, delivered for real to this process): the reload fails with
 * file:line, the previous graph stays in service, and lookups keep answering from it. Repairing the file and
 * reloading again puts the new notes in service.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../src/app/services.js';
import { installProcessHandlers } from '../../src/ops/shutdown.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { recordingLogger, type LogLine } from '../support/recording-logger.js';
import { CHANNEL, KNOWLEDGE, WORKSPACE, faultConfig, slackActor, tempDir, waitFor } from './harness.js';

const NOTES = 'architecture-notes.zh.txt';

const CORRUPTIONS: readonly { name: string; file: string; corrupt: (original: Buffer) => Buffer }[] = [
  {
    name: 'invalid UTF-8 in a note file',
    file: NOTES,
    corrupt: (original) =>
      Buffer.concat([original.subarray(0, 200), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), original.subarray(200)]),
  },
  {
    name: 'binary garbage (NUL bytes) in a note file',
    file: NOTES,
    corrupt: (original) => Buffer.concat([original.subarray(0, 500), Buffer.alloc(64, 0), original.subarray(500)]),
  },
  {
    name: 'a glossary that is not JSON',
    file: 'glossary.json',
    corrupt: (original) => original.subarray(0, original.length / 2),
  },
  {
    name: 'a challenge overlay that is not JSON',
    file: 'challenges.json',
    corrupt: () => Buffer.from('{"challenges": [ {'),
  },
];

async function lookup(services: Services, query: string) {
  const reply = await services.tutor.handleCommand({
    actor: slackActor('Uada'),
    place: { platform: 'slack', workspaceId: WORKSPACE, channelId: CHANNEL },
    command: 'topic',
    options: { query },
  });
  return reply.messages[0]!;
}

describe('a corrupted knowledge file on reload', () => {
  it('keeps the previous graph in service and reports file:line', async () => {
    const dir = tempDir('tutor-corrupt-');
    const knowledge = path.join(dir, 'knowledge');
    cpSync(KNOWLEDGE, knowledge, { recursive: true });
    const { logger, lines } = recordingLogger();
    const services = await openServices(faultConfig(path.join(dir, 'tutor.db'), { TUTOR_KNOWLEDGE: knowledge }), {
      clock: new ManualClock(new Date('2026-03-02T10:00:00Z')),
      logger,
    });
    const exits: number[] = [];
    const uninstall = installProcessHandlers({
      logger,
      shutdown: async () => 0,
      reload: services.knowledge.reload,
      exit: (code) => void exits.push(code),
    });
    const failures = () => lines.filter((l: LogLine) => l.msg.startsWith('knowledge reload failed'));
    try {
      const before = services.knowledge.current();
      const nodes = before.graph.nodes.size;
      const title = [...before.graph.nodes.values()].find((n) => n.depth === 1)!.title;
      expect((await lookup(services, title)).errorId).toBeUndefined();

      for (const [i, corruption] of CORRUPTIONS.entries()) {
        const file = path.join(knowledge, corruption.file);
        const original = readFileSync(file);
        writeFileSync(file, corruption.corrupt(original));

        process.kill(process.pid, 'SIGHUP');
        await waitFor(`the failed reload (${corruption.name})`, () => failures().length === i + 1);
        const error = String(failures()[i]!.error);
        expect(error, corruption.name).toMatch(new RegExp(`${corruption.file.replace('.', '\\.')}:\\d+: `));
        expect(services.knowledge.current(), corruption.name).toBe(before);
        expect(services.knowledge.current().graph.nodes.size).toBe(nodes);
        const answer = await lookup(services, title);
        expect(answer.errorId, corruption.name).toBeUndefined();
        expect(JSON.stringify(answer)).toContain(title);

        writeFileSync(file, original);
      }

      // Repaired: the next reload succeeds and swaps the knowledge.
      process.kill(process.pid, 'SIGHUP');
      await waitFor('the reload', () => lines.some((l) => l.msg === 'knowledge reloaded' && l.component === 'process'));
      expect(services.knowledge.current()).not.toBe(before);
      expect(services.knowledge.current().graph.nodes.size).toBe(nodes);
      expect(exits).toEqual([]);
    } finally {
      uninstall();
      await services.close();
    }
  }, 30_000);
});
