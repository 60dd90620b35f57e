/** `/tutor post-now`: today's challenge now rather than at the scheduled time (still once per channel-day). */
import { refusal } from '../errors.js';
import { t } from '../i18n.js';
import { notice, reply } from '../views.js';
import { defineCommand } from './define.js';
import { noOptions } from './options.js';

export const postNow = defineCommand({
  spec: {
    name: 'post-now',
    group: 'admin',
    visibility: 'private',
    preconditions: ['needs-channel'],
    description: { en: "Post today's challenge now (once per day)", zh: '立即发布今天的挑战（每天一次）' },
    options: [],
  },
  schema: noOptions,
  async handle({ locale, channel }, core) {
    const outbox = core.outboxes?.[channel.platform];
    if (!outbox) return reply(refusal(locale, 'no-outbox', 'challenge.no-outbox'));
    const result = await core.daily.post(channel, outbox);
    switch (result.status) {
      case 'posted':
        return reply(notice(t(locale, 'challenge.posted'), 'success'));
      case 'already-posted':
        return reply(refusal(locale, 'already-posted', 'challenge.already-posted'));
      case 'pending':
        return reply(refusal(locale, 'post-pending', 'challenge.posting'));
      case 'no-topics':
        return reply(refusal(locale, 'no-topics', 'challenge.no-topics'));
      case 'failed':
        return reply(refusal(locale, 'post-failed', 'challenge.post-failed'));
    }
  },
});
