/** `/progress`: your spaced-review progress, privately. */
import { DEFAULT_RETENTION } from '../../domain/review.js';
import { userRef, zoneOf } from '../core.js';
import { reply } from '../views.js';
import { progressMessage, progressReport } from '../use-cases/progress.js';
import { defineCommand } from './define.js';
import { noOptions } from './options.js';

export const progress = defineCommand({
  spec: {
    name: 'progress',
    group: 'learner',
    visibility: 'private',
    preconditions: [],
    description: {
      en: 'Your topics by state, reviews due, retention, weakest concepts, 12 weeks of activity',
      zh: '你的主题状态、待复习数、记忆保持率、薄弱概念和最近 12 周的活动',
    },
    options: [],
  },
  schema: noOptions,
  async handle({ request, actor, locale }, core) {
    const report = await progressReport(core.store, core.knowledge(), userRef(actor), {
      now: core.clock.now(),
      zone: await zoneOf(core, request.place),
      retention: core.config.retention ?? DEFAULT_RETENTION,
    });
    return reply(progressMessage(locale, report));
  },
});
