/** Changing when a channel's daily challenge is posted (`schedule`, `pause`, `resume`); the scheduler re-plans. */
import type { Locale } from '../../domain/vocabulary.js';
import type { ChannelRecord } from '../../store/types.js';
import type { CommandReply } from '../api.js';
import type { Core } from '../core.js';
import { t } from '../i18n.js';
import { notice, reply } from '../views.js';

type Change = { readonly paused: boolean } | { readonly scheduleTime: string; readonly timeZone: string };

export async function changeSchedule(
  core: Core,
  locale: Locale,
  channel: ChannelRecord,
  change: Change,
): Promise<CommandReply> {
  const changed = await core.store.updateChannel(channel.id, change);
  core.scheduleChanged(changed);
  const params = { time: changed.scheduleTime, zone: changed.timeZone };
  const text =
    'paused' in change
      ? change.paused
        ? t(locale, 'admin.paused')
        : t(locale, 'admin.resumed', params)
      : t(locale, 'admin.scheduled', params);
  return reply(notice(text, 'success'));
}
