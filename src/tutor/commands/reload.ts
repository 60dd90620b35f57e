/** `/tutor reload`: the knowledge base again from disk; a failed reload keeps the previous notes in service. */
import { refusal } from '../errors.js';
import { t } from '../i18n.js';
import { notice, reply } from '../views.js';
import { defineCommand } from './define.js';
import { noOptions } from './options.js';

export const reload = defineCommand({
  spec: {
    name: 'reload',
    group: 'admin',
    visibility: 'private',
    preconditions: [],
    description: { en: 'Reload the knowledge base from disk', zh: '从磁盘重新加载知识库' },
    options: [],
  },
  schema: noOptions,
  async handle({ locale }, core) {
    if (!core.reload) return reply(refusal(locale, 'reload-unavailable', 'admin.reload-unavailable'));
    const outcome = await core.reload();
    return reply(
      outcome.ok
        ? notice(t(locale, 'admin.reloaded', { warnings: outcome.warnings }), 'success')
        : refusal(locale, 'reload-failed', 'admin.reload-failed', { error: outcome.error }),
    );
  },
});
