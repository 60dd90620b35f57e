/**
 * 10,000 generated malformed inputs through the real parsing and handling code: note files for the
 * knowledge parsers, replies for grading and for the core, command options for the core, and platform
 * payloads for the adapters' parsing and rendering functions. No exception may escape, nothing may crash,
 * and the database stays consistent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openServices } from '../../src/app/services.js';
import { loadKnowledgeBase } from '../../src/challenges/knowledge-base.js';
import { gradeAnswer } from '../../src/grading/grade.js';
import { decodeNoteFile } from '../../src/knowledge/decode.js';
import { parseGlossary } from '../../src/knowledge/glossary.js';
import { parseNoteFile } from '../../src/knowledge/graph.js';
import { renderMessage as renderConsole } from '../../src/platforms/console/render.js';
import { localeOf as discordLocale } from '../../src/platforms/discord/actor.js';
import { parseFeedbackButton } from '../../src/platforms/discord/interactions.js';
import { renderMessage as renderDiscord } from '../../src/platforms/discord/render.js';
import { renderMessage as renderSlack } from '../../src/platforms/slack/render.js';
import { isFromTheFuture } from '../../src/platforms/slack/request-guard.js';
import { localeOf as slackLocale } from '../../src/platforms/slack/users.js';
import { PERIODS } from '../../src/domain/vocabulary.js';
import type { SqliteStore } from '../../src/store/sqlite/store.js';
import type { CommandRequest, OptionValue } from '../../src/tutor/api.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { COMMANDS } from '../../src/tutor/commands/registry.js';
import { COMMAND_NAMES, type CommandName } from '../../src/tutor/commands/spec.js';
import type { OutMessage, Tone } from '../../src/tutor/messages.js';
import { parseTextCommand } from '../../src/tutor/text-commands.js';
import { recomputePeriodTotalsFromAttempts, storedPeriodTotals } from '../support/store-audit.js';
import { hostileBytes, hostileNotes, hostileText, hostileValue, rng } from './malformed.js';
import { recordingLogger } from '../support/recording-logger.js';
import { CHANNEL, KNOWLEDGE, WORKSPACE, faultConfig, postTodaysChallenge, tempDir, threadAnswer } from './harness.js';

const NOW = '2026-03-02T10:00:00Z';
const PER_AREA = 2500;

interface Escape {
  readonly area: string;
  readonly index: number;
  readonly error: string;
}

describe('10,000 malformed inputs', () => {
  const escapes: Escape[] = [];
  const counts: Record<string, number> = {};
  const count = (area: string) => (counts[area] = (counts[area] ?? 0) + 1);

  function guard(area: string, index: number, work: () => void): void {
    count(area);
    try {
      work();
    } catch (error) {
      escapes.push({ area, index, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }

  async function guardAsync(area: string, index: number, work: () => Promise<void>): Promise<void> {
    count(area);
    try {
      await work();
    } catch (error) {
      escapes.push({ area, index, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }

  it('note files: the parsers report warnings and never throw', async () => {
    const random = rng(1);
    for (let i = 0; i < 2000; i++) {
      const file = { path: `notes/${i}.${['txt', 'md', 'outline', 'markdown'][i % 4]}`, text: hostileNotes(random) };
      guard('notes', i, () => {
        const parsed = parseNoteFile(file);
        if (parsed.parents.length !== parsed.size || !Array.isArray(parsed.warnings))
          throw new Error('not a parse result');
      });
    }
    for (let i = 0; i < 300; i++) {
      const bytes = hostileBytes(random);
      guard('notes', 2000 + i, () => void decodeNoteFile(bytes, `raw/${i}.txt`, 1 + Math.floor(random() * 4096)));
    }
    for (let i = 0; i < 178; i++) {
      const text = random() < 0.5 ? hostileText(random) : `{"entries": [${hostileText(random, 8)}]}`;
      guard('notes', 2300 + i, () => void parseGlossary(text, 'glossary.json'));
    }
    // And a whole folder of them through the real loader, with a broken glossary and overlay beside them: 22
    // inputs, each counted once the loader shows it read it. Lines are kept short here: challenge derivation over
    // long hostile bodies is slow (see bench/), not wrong.
    const dir = tempDir('tutor-malformed-notes-');
    mkdirSync(path.join(dir, 'deep/er'), { recursive: true });
    const noteFiles: string[] = [];
    for (let i = 0; i < 20; i++) {
      const name = path.join(i % 3 === 0 ? 'deep/er' : '', `${i}.${i % 2 ? 'md' : 'txt'}`);
      writeFileSync(path.join(dir, name), i % 5 === 0 ? hostileBytes(random) : hostileNotes(random, 200));
      noteFiles.push(name);
    }
    writeFileSync(path.join(dir, 'glossary.json'), hostileText(random, 8));
    writeFileSync(path.join(dir, 'challenges.json'), `{"challenges": ${hostileText(random, 8)}`);
    const kb = await loadKnowledgeBase(dir).catch((error: unknown) => {
      escapes.push({ area: 'notes', index: 2478, error: String(error) });
      return null;
    });
    expect(escapes).toEqual([]);
    expect([...kb!.graph.files].sort()).toEqual(noteFiles.sort());
    for (const file of kb!.graph.files) if (noteFiles.includes(file)) count('notes');
    const warnedFiles = new Set(kb!.warnings.map((w) => w.file));
    for (const file of ['glossary.json', 'challenges.json']) if (warnedFiles.has(file)) count('notes');
    expect(counts.notes).toBe(PER_AREA);
  });

  it('replies, command options and platform payloads: the core and the adapters answer every one', async () => {
    const db = path.join(tempDir('tutor-malformed-'), 'tutor.db');
    const { threadId, challengeId, answers } = await postTodaysChallenge(db, NOW);
    const scoring = answers.filter((a) => a.score > 0);
    expect(scoring.length).toBe(3);
    const { logger, lines } = recordingLogger('warn');
    const services = await openServices(faultConfig(db), { clock: new ManualClock(new Date(NOW)), logger });
    const random = rng(2);
    let graded = 0;
    try {
      // Replies: straight into grading against every kind of challenge, and through the core into the store.
      const kb = await loadKnowledgeBase(KNOWLEDGE);
      const challenges = kb
        .dailyTopics()
        .map((id) => kb.challengeFor(id))
        .filter((c) => c !== null);
      for (let i = 0; i < 2300; i++) {
        const reply = hostileText(random);
        const challenge = challenges[i % challenges.length]!;
        guard('replies', i, () => {
          const grade = gradeAnswer(challenge, reply, { passMark: 60, glossary: kb.graph.glossary });
          if (!(grade.score >= 0 && grade.score <= 100)) throw new Error(`score out of range: ${grade.score}`);
        });
      }
      // Every fourth reply carries an answer that scores, wrapped in hostile text, so what the store must keep
      // consistent below is made of real points.
      for (let i = 0; i < 200; i++) {
        const text =
          i % 4 === 0 ? `${hostileText(random, 2)} ${scoring[(i / 4) % scoring.length]!.text}` : hostileText(random);
        const answer = threadAnswer(`Ufuzz${i}`, threadId, text, random() < 0.3 ? hostileText(random, 2) : undefined);
        await guardAsync('replies', 2300 + i, async () => {
          const reply = await services.tutor.handleThreadAnswer(answer);
          if (reply !== null && typeof reply.publicMessage.text !== 'string') throw new Error('no reply text');
          if (reply?.attemptId !== undefined) graded++;
        });
      }

      // Command options, as a platform would pass them: any command, any subcommand, any keys and values.
      for (let i = 0; i < 2000; i++) {
        const spec = COMMANDS[Math.floor(random() * COMMANDS.length)]!;
        const keys = [
          ...spec.options.map((o) => o.name),
          ...(spec.subcommands ?? []).flatMap((s) => s.options.map((o) => o.name)),
          '__proto__',
          'constructor',
          hostileText(random, 2),
        ];
        const options: Record<string, OptionValue | undefined> = {};
        for (const key of keys) if (random() < 0.6) options[key] = hostileValue(random) as OptionValue;
        const request: CommandRequest = {
          actor: {
            ...threadAnswer(`Ucmd${i % 50}`, threadId, '').actor,
            isAdmin: random() < 0.5,
            locale: random() < 0.5 ? 'en' : 'zh',
          },
          place: {
            platform: 'slack',
            workspaceId: WORKSPACE,
            channelId: random() < 0.8 ? CHANNEL : hostileText(random, 2),
          },
          // Mostly names from the spec; sometimes a forged one (`constructor`, garbage) from a hostile payload.
          command: (random() < 0.9
            ? spec.name
            : random() < 0.5
              ? 'constructor'
              : hostileText(random, 1)) as CommandName,
          ...(random() < 0.5 ? { subcommand: random() < 0.5 ? 'join' : hostileText(random, 2) } : {}),
          options,
          ...(random() < 0.3 ? { eventId: hostileText(random, 3) } : {}),
        };
        await guardAsync('commands', i, async () => {
          const reply = await services.tutor.handleCommand(request);
          if (!Array.isArray(reply.messages)) throw new Error('no reply');
        });
      }
      for (let i = 0; i < 500; i++) {
        const line = `/${random() < 0.7 ? COMMAND_NAMES[Math.floor(random() * COMMAND_NAMES.length)] : ''} ${hostileText(random, 10)}`;
        guard('commands', 2000 + i, () => void parseTextCommand(line, random() < 0.5 ? 'en' : 'zh'));
      }

      // Platform payloads: Slack's `/tutor` text, Discord button ids, Slack timestamps, client locales.
      for (let i = 0; i < 1000; i++) {
        const text = `${random() < 0.5 ? 'tutor ' : ''}${hostileText(random, 12)}`;
        guard('payloads', i, () => void parseTextCommand(text, 'en', { prefix: '/tutor ' }));
      }
      for (let i = 0; i < 500; i++) {
        const id =
          random() < 0.5 ? `feedback:${hostileText(random, 3)}:${hostileText(random, 3)}` : hostileText(random, 5);
        guard('payloads', 1000 + i, () => void parseFeedbackButton(id));
      }
      for (let i = 0; i < 300; i++) {
        const header = random() < 0.3 ? [hostileText(random, 2), hostileText(random, 2)] : hostileText(random, 3);
        guard('payloads', 1500 + i, () => void isFromTheFuture(header, Date.now()));
      }
      for (let i = 0; i < 200; i++) {
        const locale = hostileText(random, 3);
        guard('payloads', 1800 + i, () => {
          const locales = [slackLocale(locale), discordLocale(locale)];
          if (!locales.every((l) => l === 'en' || l === 'zh')) throw new Error(`bad locale ${locales.join()}`);
        });
      }
      // Rendering user-written text (names, answers, topic text) into each platform's format.
      const tones: Tone[] = ['neutral', 'success', 'failure', 'warning', 'error'];
      for (let i = 0; i < 500; i++) {
        const message: OutMessage = {
          title: random() < 0.7 ? hostileText(random, 6) : undefined,
          text: hostileText(random),
          fields: Array.from({ length: Math.floor(random() * 30) }, () => ({
            name: hostileText(random, 4),
            value: hostileText(random, 8),
            inline: random() < 0.5,
          })),
          footer: random() < 0.5 ? hostileText(random, 4) : undefined,
          tone: tones[Math.floor(random() * tones.length)]!,
        };
        guard('payloads', 2000 + i, () => {
          renderSlack(message);
          renderDiscord(message);
          renderConsole(message, { colour: random() < 0.5 });
        });
      }

      expect(escapes).toEqual([]);
      expect(counts).toMatchObject({ replies: PER_AREA, commands: PER_AREA, payloads: PER_AREA });
      // Handled errors are logged as such; nothing was an unexpected failure of the core.
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
      // Every graded thread reply is one attempt row; the period totals are not empty and equal a replay of
      // every attempt (the hostile `/answer` commands' included).
      const store = services.store as SqliteStore;
      const sqlite = new Database(db, { readonly: true });
      try {
        const count = (sql: string) => (sqlite.prepare(sql).get(challengeId) as { n: number }).n;
        expect(
          count(`SELECT COUNT(*) AS n FROM attempts a JOIN users u ON u.id = a.user_id
                 WHERE a.challenge_id = ? AND u.external_id LIKE 'Ufuzz%'`),
        ).toBe(graded);
        const scorers = count(
          `SELECT COUNT(*) AS n FROM (SELECT user_id FROM attempts WHERE challenge_id = ?
           GROUP BY user_id HAVING MAX(score) > 0)`,
        );
        expect(scorers).toBeGreaterThan(0);
        const totals = storedPeriodTotals(store);
        expect(totals).toHaveLength(scorers * PERIODS.length);
        expect(totals).toEqual(recomputePeriodTotalsFromAttempts(store));
      } finally {
        sqlite.close();
      }
    } finally {
      await services.close();
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(10_000);
    console.info(
      `malformed inputs: ${total} (${JSON.stringify(counts)}), ${escapes.length} escaped; ${graded} thread replies graded`,
    );
  }, 60_000);
});
