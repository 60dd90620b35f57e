/** `/tutor schedule <HH:MM> [zone]`: when this channel's daily challenge is posted. */
import { z } from 'zod';
import { isTimeOfDay, isTimeZone } from '../../domain/time-of-day.js';
import { refusal } from '../errors.js';
import { changeSchedule } from '../use-cases/channel-schedule.js';
import { reply } from '../views.js';
import { defineCommand } from './define.js';
import { text } from './options.js';

export const schedule = defineCommand({
  spec: {
    name: 'schedule',
    group: 'admin',
    visibility: 'private',
    preconditions: ['needs-channel'],
    description: { en: "Set this channel's daily time and time zone", zh: '设置本频道每日挑战的时间与时区' },
    options: [
      {
        name: 'time',
        type: 'string',
        required: true,
        maxLength: 5,
        placeholder: 'HH:MM',
        description: { en: 'HH:MM, 24-hour', zh: 'HH:MM，24 小时制' },
      },
      {
        name: 'timezone',
        type: 'string',
        maxLength: 64,
        placeholder: 'zone',
        description: {
          en: 'IANA time zone, e.g. Asia/Shanghai (unchanged when empty)',
          zh: 'IANA 时区，如 Asia/Shanghai（留空不变）',
        },
      },
    ],
  },
  schema: z.strictObject({ time: text(5).min(1), timezone: text(64).min(1).optional() }),
  async handle({ locale, channel, options }, core) {
    // Checked here rather than in the schema: each has its own explanation with an example.
    if (!isTimeOfDay(options.time)) {
      return reply(refusal(locale, 'invalid-option', 'admin.bad-time', { value: options.time }));
    }
    const zone = options.timezone ?? channel.timeZone;
    if (!isTimeZone(zone)) return reply(refusal(locale, 'invalid-option', 'admin.bad-zone', { value: zone }));
    return changeSchedule(core, locale, channel, { scheduleTime: options.time, timeZone: zone });
  },
});
