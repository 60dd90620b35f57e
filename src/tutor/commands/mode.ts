/** `/tutor mode rotation|adaptive`: how this channel's daily topic is picked. */
import { z } from 'zod';
import { CHANNEL_MODES } from '../../domain/adaptive.js';
import { t } from '../i18n.js';
import { notice, reply } from '../views.js';
import { defineCommand } from './define.js';

export const mode = defineCommand({
  spec: {
    name: 'mode',
    group: 'admin',
    visibility: 'private',
    preconditions: ['needs-channel'],
    description: {
      en: 'Pick daily topics: rotation or adaptive',
      zh: '每日主题的选法：轮换或自适应',
    },
    options: [
      {
        name: 'mode',
        type: 'string',
        required: true,
        choices: CHANNEL_MODES,
        description: { en: 'rotation or adaptive', zh: 'rotation（轮换）或 adaptive（自适应）' },
      },
    ],
  },
  schema: z.strictObject({ mode: z.enum(CHANNEL_MODES) }),
  async handle({ locale, channel, options }, core) {
    const changed = await core.store.setChannelMode(channel.id, options.mode);
    const text =
      changed.mode === 'adaptive'
        ? t(locale, 'admin.mode-adaptive', { days: core.config.rotationDays })
        : t(locale, 'admin.mode-rotation');
    return reply(notice(text, 'success'));
  },
});
