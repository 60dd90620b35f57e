/** `/practice [topic]`: a personal challenge now, scored but not counted for the streak. */
import { z } from 'zod';
import { startPractice } from '../use-cases/practice.js';
import { defineCommand } from './define.js';
import { text } from './options.js';

export const practice = defineCommand({
  spec: {
    name: 'practice',
    group: 'learner',
    visibility: 'private',
    preconditions: [],
    description: {
      en: 'A personal challenge now: scored, not counted for the streak',
      zh: '立即练习一题：计分，但不计入连续天数',
    },
    options: [
      {
        name: 'topic',
        type: 'string',
        autocomplete: true,
        rest: true,
        maxLength: 200,
        description: {
          en: 'A topic (random when empty); chain: the follow-up of your last passed topic',
          zh: '主题（留空则随机）；chain：接着你最近答对的主题追问新痛点',
        },
      },
    ],
  },
  schema: z.strictObject({ topic: text(200).optional() }),
  async handle({ actor, options }, core) {
    return startPractice(core, actor, options.topic || undefined);
  },
});
