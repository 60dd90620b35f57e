/** `/team join <name>` and `/team leave`. */
import { z } from 'zod';
import { ensureWorkspace, userRef } from '../core.js';
import { refusal } from '../errors.js';
import { t } from '../i18n.js';
import { notice, reply } from '../views.js';
import { defineCommand } from './define.js';
import { text } from './options.js';

export const team = defineCommand({
  spec: {
    name: 'team',
    group: 'learner',
    visibility: 'private',
    preconditions: [],
    description: { en: 'Join or leave a team', zh: '加入或离开团队' },
    options: [],
    subcommands: [
      {
        name: 'join',
        description: { en: 'Join a team (leaving your current one)', zh: '加入一个团队（并离开当前团队）' },
        options: [
          {
            name: 'name',
            type: 'string',
            required: true,
            rest: true,
            maxLength: 50,
            description: { en: 'Team name', zh: '团队名称' },
          },
        ],
      },
      { name: 'leave', description: { en: 'Leave your team', zh: '离开团队' }, options: [] },
    ],
  },
  schema: z.strictObject({ name: text(50).min(1).optional() }),
  async handle({ request, actor, locale, options }, core) {
    if (request.subcommand === 'join' && options.name) {
      await ensureWorkspace(core, actor);
      const joined = await core.store.joinTeam(userRef(actor), options.name);
      return reply(
        notice(
          joined.previous && joined.previous !== joined.team
            ? t(locale, 'team.switched', { team: joined.team, previous: joined.previous })
            : t(locale, 'team.joined', { team: joined.team }),
          'success',
        ),
      );
    }
    if (request.subcommand === 'leave') {
      const left = await core.store.leaveTeam(userRef(actor));
      return reply(
        left.previous
          ? notice(t(locale, 'team.left', { team: left.previous }), 'success')
          : notice(t(locale, 'team.none')),
      );
    }
    return reply(refusal(locale, 'invalid-option', 'team.choose'));
  },
});
