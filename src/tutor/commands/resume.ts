/** `/tutor resume`: daily challenges again, at the channel's schedule. */
import { changeSchedule } from '../use-cases/channel-schedule.js';
import { defineCommand } from './define.js';
import { noOptions } from './options.js';

export const resume = defineCommand({
  spec: {
    name: 'resume',
    group: 'admin',
    visibility: 'private',
    preconditions: ['needs-channel'],
    description: { en: 'Resume daily challenges here', zh: '恢复本频道的每日挑战' },
    options: [],
  },
  schema: noOptions,
  async handle({ locale, channel }, core) {
    return changeSchedule(core, locale, channel, { paused: false });
  },
});
