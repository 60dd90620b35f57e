/** `/challenge`: today's challenge in this channel, once it is posted. */
import { refusal } from '../errors.js';
import { closeTime } from '../daily.js';
import { challengeMessage, reply } from '../views.js';
import { defineCommand } from './define.js';
import { noOptions } from './options.js';

export const challenge = defineCommand({
  spec: {
    name: 'challenge',
    group: 'learner',
    visibility: 'public',
    preconditions: ['needs-channel', 'needs-todays-challenge'],
    description: { en: "Show today's challenge in this channel", zh: '查看本频道今天的挑战' },
    options: [],
  },
  schema: noOptions,
  async handle({ locale, channel, challenge: record }, core) {
    const content = core.knowledge().challengeFor(record.topicId);
    if (!content) return reply(refusal(locale, 'internal', 'error.internal'));
    return reply(challengeMessage(locale, content, closeTime(record.day, channel.timeZone), core.config.maxAttempts));
  },
});
