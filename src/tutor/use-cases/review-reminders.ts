/**
 * Review reminders: at a channel's daily time, one private message to each learner who opted in there and
 * has a review due today, and to nobody else. Each learner's reminder of the day is claimed in the store
 * before it is sent, so a second sweep, a restart or another process never sends it twice.
 */
import { dayEnd } from '../../domain/calendar.js';
import type { ChannelRecord } from '../../store/types.js';
import type { Outbox } from '../api.js';
import type { Core } from '../core.js';
import { t } from '../i18n.js';

/** Due cards read to name the most overdue topic the notes still hold. */
const DUE_SCAN = 500;

/** Sends the channel's reminders of today; resolves with how many went out. */
export async function sendReviewReminders(core: Core, channel: ChannelRecord, outbox: Outbox): Promise<number> {
  const now = core.clock.now();
  const day = core.dayOf(now, channel.timeZone);
  // Intervals are whole days: a card due later today is today's review.
  const until = dayEnd(day, channel.timeZone);
  const locale = core.config.locale ?? 'en';
  const kb = core.knowledge();
  let sent = 0;
  for (const learner of await core.store.remindersDue(channel.id, until, day)) {
    if (!(await core.store.claimReminder(channel.id, learner, day))) continue;
    const due = await core.store.dueCards(learner, until, DUE_SCAN);
    const first = due.map((card) => kb.challengeFor(card.topicId)).find((content) => content !== null);
    if (!first) continue;
    try {
      await outbox.sendPrivate(
        { platform: learner.platform, workspaceId: learner.workspaceExternalId, userId: learner.externalId },
        {
          title: t(locale, 'review.reminder-title'),
          text: t(locale, 'review.reminder', { count: due.length, title: first.title }),
          tone: 'neutral',
          private: true,
        },
      );
      sent++;
    } catch (error) {
      // Claimed, so not retried today: one missed reminder is better than a learner pinged twice.
      core.logger.error(
        { err: error, channelId: channel.externalId, userId: learner.externalId },
        'review reminder failed',
      );
    }
  }
  return sent;
}
