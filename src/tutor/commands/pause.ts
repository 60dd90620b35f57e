/** `/tutor pause`: no daily challenge in this channel until `resume`. */
import { changeSchedule } from '../use-cases/channel-schedule.js';
import { defineCommand } from './define.js';
import { noOptions } from './options.js';

export const pause = defineCommand({
  spec: {
    name: 'pause',
    group: 'admin',
    visibility: 'private',
    preconditions: ['needs-channel'],
    description: { en: 'Pause daily challenges here', zh: '暂停本频道的每日挑战' },
    options: [],
  },
  schema: noOptions,
  async handle({ locale, channel }, core) {
    return changeSchedule(core, locale, channel, { paused: true });
  },
});
