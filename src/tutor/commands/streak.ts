/** `/streak [@user]`: current and longest streak, freezes, recent days. */
import { z } from 'zod';
import type { UserRef } from '../../store/types.js';
import { userRef, zoneOf } from '../core.js';
import { refusal } from '../errors.js';
import { streakAsOf } from '../use-cases/streak.js';
import { t } from '../i18n.js';
import { notice, reply, streakMessage } from '../views.js';
import { defineCommand } from './define.js';
import { text } from './options.js';

export const streak = defineCommand({
  spec: {
    name: 'streak',
    group: 'learner',
    visibility: 'public',
    preconditions: [],
    description: { en: 'Current and longest streak, freezes, recent days', zh: '当前与最长连续天数、冻结卡、最近记录' },
    options: [
      { name: 'user', type: 'user', description: { en: 'Whose streak (you by default)', zh: '查看谁（默认自己）' } },
    ],
  },
  schema: z.strictObject({ user: text(100).min(1).optional() }),
  async handle({ request, actor, locale, options }, core) {
    let user: UserRef = userRef(actor);
    if (options.user) {
      const found = await core.store.findUserByName(actor.platform, actor.workspaceId, options.user);
      if (!found) return reply(refusal(locale, 'unknown-user', 'streak.unknown-user', { name: options.user }));
      user = found;
    }
    const today = core.dayOf(core.clock.now(), await zoneOf(core, request.place));
    const standing = await streakAsOf(core.store, user, today, 14);
    if (!standing || (standing.view.longest === 0 && standing.view.days.length === 0)) {
      return reply(notice(t(locale, 'streak.none', { name: user.displayName })));
    }
    return reply(streakMessage(locale, user.displayName, standing.view, standing.current));
  },
});
