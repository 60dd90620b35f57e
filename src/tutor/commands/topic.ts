/** `/topic <query>`: look a topic up in the notes (Chinese, English or mixed). */
import { z } from 'zod';
import { lookUpTopic } from '../use-cases/look-up.js';
import { reply, topicMessage } from '../views.js';
import { defineCommand } from './define.js';
import { text } from './options.js';

export const topic = defineCommand({
  spec: {
    name: 'topic',
    group: 'learner',
    visibility: 'public',
    preconditions: [],
    description: { en: 'Look a topic up in the notes', zh: '在笔记中查找一个主题' },
    options: [
      {
        name: 'query',
        type: 'string',
        required: true,
        autocomplete: true,
        rest: true,
        maxLength: 200,
        description: {
          en: 'A topic, in Chinese or English (k8s, 缓存, eventual consistency…)',
          zh: '主题，中文或英文（k8s、缓存、最终一致性…）',
        },
      },
    ],
  },
  schema: z.strictObject({ query: text(200).min(1) }),
  async handle({ locale, options }, core) {
    return reply(topicMessage(locale, lookUpTopic(core.knowledge(), options.query, 5).result));
  },
});
