/** `/answer <text>`: always answers today's daily challenge, whatever practice is waiting. */
import { reply } from '../views.js';
import { answerDaily } from '../use-cases/answer-daily.js';
import { defineCommand } from './define.js';
import { ANSWER_TEXT_OPTION, answerText } from './options.js';

export const answer = defineCommand({
  spec: {
    name: 'answer',
    group: 'learner',
    visibility: 'private',
    preconditions: ['acceptable-answer', 'needs-channel', 'needs-todays-challenge'],
    description: {
      en: "Answer today's challenge: the pain point, then the fix",
      zh: '回答今天的挑战：先说痛点，再说解法',
    },
    options: [ANSWER_TEXT_OPTION],
  },
  schema: answerText,
  async handle({ request, actor, channel, challenge, options }, core) {
    const outcome = await answerDaily(core, actor, channel, challenge, options.text, request.eventId);
    return outcome.kind === 'graded'
      ? reply(outcome.reply.publicMessage, outcome.reply.privateMessage)
      : reply(outcome.message);
  },
});
