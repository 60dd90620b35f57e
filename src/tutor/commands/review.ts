/** `/review next`, `/review answer <text>`, `/review remind on|off`: spaced review, privately. */
import { z } from 'zod';
import { refusal } from '../errors.js';
import { reply } from '../views.js';
import { answerReview, askReview, setReviewReminder } from '../use-cases/review.js';
import { defineCommand } from './define.js';
import { ANSWER_TEXT_OPTION } from './options.js';

export const review = defineCommand({
  spec: {
    name: 'review',
    group: 'learner',
    visibility: 'private',
    preconditions: [],
    description: {
      en: 'Spaced review of the topics you answered: scored, not counted for the streak',
      zh: '间隔复习你答过的主题：计分，但不计入连续天数',
    },
    options: [],
    subcommands: [
      {
        name: 'next',
        description: { en: 'Your most overdue topic, asked privately', zh: '私下提问你最久未复习的到期主题' },
        options: [],
      },
      {
        name: 'answer',
        description: { en: 'Answer your review question', zh: '回答你的复习题' },
        options: [ANSWER_TEXT_OPTION],
      },
      {
        name: 'remind',
        description: {
          en: 'A private reminder a day at this channel’s time when a review is due',
          zh: '有到期复习时，每天在本频道的时间私信提醒',
        },
        options: [
          {
            name: 'state',
            type: 'string',
            required: true,
            choices: ['on', 'off'],
            description: { en: 'on or off', zh: '开启（on）或关闭（off）' },
          },
        ],
      },
    ],
  },
  schema: z.strictObject({ text: z.string().optional(), state: z.enum(['on', 'off']).optional() }),
  async handle({ request, actor, locale, options }, core) {
    switch (request.subcommand) {
      case 'next':
        return askReview(core, actor, request.place);
      case 'answer':
        return answerReview(core, actor, options.text ?? '');
      case 'remind':
        if (options.state) return setReviewReminder(core, actor, request.place, options.state === 'on');
        break;
    }
    return reply(
      refusal(locale, 'invalid-option', 'error.invalid-option', {
        detail: 'review next | answer <text> | remind on|off',
      }),
    );
  },
});
