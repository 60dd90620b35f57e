/**
 * Review reminders ride the scheduler's sweep: once a channel's daily time has come, its reminders of the
 * day go out (the tutor claims each learner's in the store, so nobody is reminded twice). A paused channel
 * stays quiet. The in-memory map only spares the store a query per channel per minute once a day is done.
 */
import { dayInZone } from '../domain/calendar.js';
import type { Day, Platform } from '../domain/vocabulary.js';
import type { ChannelRecord } from '../store/types.js';
import type { Outbox } from '../tutor/api.js';
import { dueAt, type Tutor } from '../tutor/tutor.js';

export type ReminderRound = (channels: readonly ChannelRecord[], now: Date) => Promise<number>;

export function reminderRound(deps: {
  readonly tutor: Tutor;
  readonly outboxes: Partial<Record<Platform, Outbox>>;
}): ReminderRound {
  const done = new Map<number, Day>();
  return async (channels, now) => {
    let sent = 0;
    for (const channel of channels) {
      const outbox = deps.outboxes[channel.platform];
      const today = dayInZone(now, channel.timeZone);
      if (!outbox || channel.paused || done.get(channel.id) === today) continue;
      if (now.getTime() < dueAt(channel, today).getTime()) continue;
      sent += await deps.tutor.sendReviewReminders(channel, outbox);
      done.set(channel.id, today);
    }
    return sent;
  };
}
