/**
 * `tutor streak` and chat's `/streak` read a learner's streak through one use case: a day whose challenge was
 * posted but never closed (the bot was down when it ended) is missed in both once it is over.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../src/tutor/i18n.js';
import { tutor } from '../support/run-cli.js';
import { actor, makeHarness, PLACE, postToday, strongAnswer, type Harness } from '../tutor/harness.js';

/** Ada passes on 03-02; 03-03 is posted, never answered and never closed; it is 03-04 now. */
async function dayLeftOpen(h: Harness): Promise<void> {
  const first = (await postToday(h)).challenge;
  await h.tutor.handleCommand({
    actor: actor('ada'),
    place: PLACE,
    command: 'answer',
    options: { text: strongAnswer(h.kb, first.topicId) },
  });
  h.clock.set(new Date('2026-03-03T10:00:00Z'));
  await postToday(h);
  h.clock.set(new Date('2026-03-04T10:00:00Z'));
}

describe('one path for the streak', () => {
  it('gives the same days and current streak through tutor streak and /streak', async () => {
    const h = await makeHarness('2026-03-02T10:00:00Z');
    try {
      await dayLeftOpen(h);
      const chat = await h.tutor.handleCommand({
        actor: actor('bob'),
        place: PLACE,
        command: 'streak',
        options: { user: 'ada' },
      });
      const chatDays = [...(chat.messages[0]?.fields?.[0]?.value ?? '').matchAll(/- (\d{4}-\d{2}-\d{2})/g)].map(
        (m) => m[1],
      );

      const args = 'streak ada --json --platform slack --workspace T1 --now 2026-03-04T10:00:00Z'.split(' ');
      const cli = await tutor([...args, '--db', h.file]);
      expect(cli.code, cli.stderr).toBe(0);
      const standing = JSON.parse(cli.stdout) as {
        current: number;
        longest: number;
        freezes: number;
        days: { day: string; status: string }[];
      };
      expect(standing.days).toEqual([
        { day: '2026-03-03', status: 'missed' },
        { day: '2026-03-02', status: 'passed' },
      ]);
      expect(chatDays).toEqual(standing.days.map((d) => d.day));
      const { current, longest, freezes } = standing;
      expect(chat.messages[0]?.text).toBe(t('en', 'streak.summary', { current, longest, freezes }));
    } finally {
      await h.cleanup();
    }
  });
});
