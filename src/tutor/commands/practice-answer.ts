/** `/practice-answer <text>`: answers the waiting practice challenge; never touches the daily's attempts. */
import { answerPractice } from '../use-cases/practice.js';
import { defineCommand } from './define.js';
import { ANSWER_TEXT_OPTION, answerText } from './options.js';

export const practiceAnswer = defineCommand({
  spec: {
    name: 'practice-answer',
    group: 'learner',
    visibility: 'private',
    preconditions: ['acceptable-answer'],
    description: {
      en: 'Answer your practice challenge (never uses a daily attempt)',
      zh: '回答你的练习题（不占用每日挑战的作答次数）',
    },
    options: [ANSWER_TEXT_OPTION],
  },
  schema: answerText,
  async handle({ actor, options }, core) {
    return answerPractice(core, actor, options.text);
  },
});
