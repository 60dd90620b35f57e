/** `/streak` lists every recent challenge day: passed, frozen, answered without a pass, and missed. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import { actor, makeHarness, PLACE, strongAnswer, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness('2026-03-02T10:00:00Z');
});
afterEach(async () => {
  await h.cleanup();
});

describe('/streak recent days', () => {
  it('shows failed and missed days beside passed and frozen ones, most recent first', async () => {
    const channel = await h.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    // 03-02…03-08 pass (a freeze is earned), 03-09 is missed (then frozen by the pass on 03-10), 03-11 fails,
    // 03-12 is missed, 03-13 is today, posted and not answered yet: not missed (yet).
    const plan = ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'skip', 'pass', 'fail', 'skip', 'skip'];
    for (const [i, what] of plan.entries()) {
      h.clock.set(new Date(`${addDays('2026-03-02', i)}T10:00:00Z`));
      const posted = await h.tutor.postDailyChallenge(channel, h.outbox);
      if (posted.status !== 'posted') throw new Error(posted.status);
      if (what === 'skip') continue;
      const text = what === 'pass' ? strongAnswer(h.kb, posted.challenge.topicId) : 'no idea what this is, sorry';
      await h.tutor.handleCommand({ actor: actor('ada'), place: PLACE, command: 'answer', options: { text } });
    }
    const reply = await h.tutor.handleCommand({ actor: actor('ada'), place: PLACE, command: 'streak', options: {} });
    const message = reply.messages[0]!;
    expect(message.text).toBe('Current: 0 day(s) · longest: 8 · freezes held: 0');
    expect(message.fields).toEqual([
      {
        name: 'Recent days',
        value: [
          '- 2026-03-12: missed',
          '- 2026-03-11: answered, not passed',
          '- 2026-03-10: passed',
          '- 2026-03-09: frozen',
          '- 2026-03-08: passed',
          '- 2026-03-07: passed',
          '- 2026-03-06: passed',
          '- 2026-03-05: passed',
          '- 2026-03-04: passed',
          '- 2026-03-03: passed',
          '- 2026-03-02: passed',
        ].join('\n'),
      },
    ]);
  });

  it('shows the days of a learner who answered but never passed', async () => {
    const channel = await h.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    await h.tutor.postDailyChallenge(channel, h.outbox);
    await h.tutor.handleCommand({ actor: actor('ada'), place: PLACE, command: 'answer', options: { text: 'hmm, no' } });
    const reply = await h.tutor.handleCommand({ actor: actor('ada'), place: PLACE, command: 'streak', options: {} });
    expect(reply.messages[0]!.text).toBe('Current: 0 day(s) · longest: 0 · freezes held: 0');
    expect(reply.messages[0]!.fields).toEqual([{ name: 'Recent days', value: '- 2026-03-02: answered, not passed' }]);
  });

  it('lists the days in the learner’s language', async () => {
    const channel = await h.store.ensureChannel(
      { platform: 'slack', workspaceExternalId: 'T1', externalId: 'C1' },
      { scheduleTime: '09:00', timeZone: 'UTC' },
    );
    await h.tutor.postDailyChallenge(channel, h.outbox);
    const lin = actor('lin', { locale: 'zh' });
    await h.tutor.handleCommand({ actor: lin, place: PLACE, command: 'answer', options: { text: '不知道' } });
    const reply = await h.tutor.handleCommand({ actor: lin, place: PLACE, command: 'streak', options: {} });
    expect(reply.messages[0]!.fields).toEqual([{ name: '最近记录', value: '- 2026-03-02：作答未通过' }]);
  });
});
