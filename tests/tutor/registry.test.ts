import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRequest } from '../../src/tutor/api.js';
import { COMMANDS, REGISTRY } from '../../src/tutor/commands/registry.js';
import { COMMAND_NAMES, type CommandName } from '../../src/tutor/commands/spec.js';
import { ERROR_IDS, ERRORS } from '../../src/tutor/errors.js';
import { t } from '../../src/tutor/i18n.js';
import { actor, makeHarness, PLACE, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness('2026-03-02T10:00:00Z');
});
afterEach(async () => {
  await h.cleanup();
});

function request(command: CommandName, extra: Partial<CommandRequest> = {}): CommandRequest {
  return { actor: actor('ada'), place: PLACE, command, options: {}, ...extra };
}

describe('the command registry', () => {
  it('holds one command per name, in the spec order every platform generates from', () => {
    expect(COMMANDS.map((spec) => spec.name)).toEqual([...COMMAND_NAMES]);
    for (const name of COMMAND_NAMES) expect(REGISTRY[name].spec.name).toBe(name);
  });

  it('declares which replies are private: the ones Discord defers privately', () => {
    const privateOnes = COMMANDS.filter((spec) => spec.visibility === 'private').map((spec) => spec.name);
    expect(privateOnes).toEqual([
      'answer',
      'practice',
      'practice-answer',
      'review',
      'progress',
      'team',
      'schedule',
      'pause',
      'resume',
      'post-now',
      'reload',
      'mode',
    ]);
  });
});

/** Options a command cannot be parsed without: the admin refusal comes after parsing. */
const REQUIRED_OPTIONS: Partial<Record<string, Record<string, string>>> = {
  schedule: { time: '08:00' },
  mode: { mode: 'adaptive' },
};

describe('preconditions', () => {
  it('refuses every admin-group command to a non-admin before anything else runs, from the spec alone', async () => {
    const adminCommands = COMMANDS.filter((spec) => spec.group === 'admin').map((spec) => spec.name);
    expect(adminCommands).toEqual(['schedule', 'pause', 'resume', 'post-now', 'reload', 'mode']);
    for (const command of adminCommands) {
      const reply = await h.tutor.handleCommand(request(command, { options: REQUIRED_OPTIONS[command] ?? {} }));
      expect(reply.messages).toEqual([
        { text: t('en', 'admin.refused'), tone: 'warning', errorId: 'not-admin', private: true },
      ]);
    }
    expect(await h.store.listChannels()).toEqual([]);
  });

  it('lets a configured admin (by display name) pass the admin precondition', async () => {
    const reply = await h.tutor.handleCommand(request('pause', { actor: actor('root') }));
    expect(reply.messages[0]!.errorId).toBe('not-admin');
    await h.cleanup();
    h = await makeHarness('2026-03-02T10:00:00Z', { admins: ['root'] });
    const allowed = await h.tutor.handleCommand(request('pause', { actor: actor('root') }));
    expect(allowed.messages).toEqual([{ text: t('en', 'admin.paused'), tone: 'success' }]);
  });

  it('checks the answer text before the channel: an empty answer is refused as such even with no challenge', async () => {
    const empty = await h.tutor.handleCommand(request('answer', { options: { text: '   ' } }));
    expect(empty.messages.map((m) => m.errorId)).toEqual(['empty-answer']);
    expect(await h.store.listChannels()).toEqual([]);

    // 10:00 and nothing posted for a 09:00 schedule: the challenge is overdue, not "opening at 09:00".
    const noChallenge = await h.tutor.handleCommand(request('answer', { options: { text: 'cache it' } }));
    expect(noChallenge.messages).toEqual([
      {
        text: t('en', 'challenge.overdue', { time: '09:00', zone: 'UTC' }),
        tone: 'neutral',
        errorId: 'no-challenge',
        private: true,
      },
    ]);
  });

  it('says when the challenge opens only while that time is still ahead in the channel’s zone', async () => {
    await h.cleanup();
    h = await makeHarness('2026-03-02T08:59:00Z');
    const early = await h.tutor.handleCommand(request('answer', { options: { text: 'cache it' } }));
    expect(early.messages.map((m) => m.text)).toEqual([t('en', 'challenge.none', { time: '09:00', zone: 'UTC' })]);
    h.clock.set(new Date('2026-03-02T09:00:00Z'));
    const due = await h.tutor.handleCommand(request('answer', { options: { text: 'cache it' } }));
    expect(due.messages.map((m) => m.text)).toEqual([t('en', 'challenge.overdue', { time: '09:00', zone: 'UTC' })]);
  });

  it('refuses a channel command that comes from no channel, registering nothing', async () => {
    const reply = await h.tutor.handleCommand(request('challenge', { place: { ...PLACE, channelId: '' } }));
    expect(reply.messages).toEqual([
      { text: t('en', 'error.no-channel'), tone: 'warning', errorId: 'no-channel', private: true },
    ]);
    expect(await h.store.listChannels()).toEqual([]);
  });

  it('parses options before checking preconditions: a bad option is reported to a non-admin as invalid', async () => {
    const reply = await h.tutor.handleCommand(request('pause', { options: { loud: true } }));
    expect(reply.messages.map((m) => m.errorId)).toEqual(['invalid-option']);
    expect(reply.messages[0]!.text).toContain('unknown option loud');
  });
});

describe('error ids', () => {
  it('give every id a tone and words in both languages (grading writes its own two)', () => {
    const withoutWords = ERROR_IDS.filter((id) => ERRORS[id].messages.length === 0);
    expect(withoutWords).toEqual(['empty-answer', 'answer-too-long']);
    const params = {
      detail: 'x',
      name: 'x',
      help: 'x',
      query: 'x',
      time: '09:00',
      zone: 'UTC',
      max: 3,
      value: 'x',
      error: 'x',
    };
    for (const id of ERROR_IDS) {
      for (const key of ERRORS[id].messages) {
        for (const locale of ['en', 'zh'] as const) expect(t(locale, key, params).length).toBeGreaterThan(0);
      }
    }
  });
});
