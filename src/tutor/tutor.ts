/**
 * The tutor core's wiring: builds the `Core` every use case works with, and exposes `TutorApi` (plus the
 * scheduler's daily post and close). Commands are run through their registry (`commands/`), the use cases
 * live in `use-cases/`, and every public method goes through `atSurface`, so each resolves with messages
 * and never rejects: a failure is logged with its context and explained to the user by a stable error id.
 */
import type { Logger } from '../domain/logger.js';
import { rejectAnswer } from '../grading/reject.js';
import type { ChannelRecord, DailyChallengeRecord } from '../store/types.js';
import { detectLocale } from '../text/script.js';
import type { CommandRequest, Outbox, ThreadAnswer, ThreadAnswerReply, TutorApi } from './api.js';
import { REGISTRY } from './commands/registry.js';
import { isCommandName } from './commands/spec.js';
import { channelOf, placeLogger, type Core, type TutorDeps } from './core.js';
import { createDailyChallenges, DEFAULT_RETRY_DELAYS_MS, type DailyPostResult } from './daily.js';
import { createDayMemo } from './day-memo.js';
import { createThreadChallenges } from './thread-challenges.js';
import { errorMessage, refusal } from './errors.js';
import { t } from './i18n.js';
import type { OutMessage } from './messages.js';
import { atSurface, failureMessage } from './surface.js';
import { answerDaily, type DailyAnswerOutcome } from './use-cases/answer-daily.js';
import { EMPTY_OVERVIEW, overviewOf } from './use-cases/overview.js';
import { sendReviewReminders } from './use-cases/review-reminders.js';
import { reply } from './views.js';

export { dueAt, type DailyPostResult } from './daily.js';
export type { ReloadOutcome, TutorDeps, TutorSettings } from './core.js';

export interface Tutor extends TutorApi {
  postDailyChallenge(channel: ChannelRecord, outbox: Outbox): Promise<DailyPostResult>;
  /** Reveals the model answer and the day's results in the thread; true for the one caller that closed it. */
  closeChallenge(channel: ChannelRecord, challenge: DailyChallengeRecord, outbox: Outbox): Promise<boolean>;
  /** Today's review reminders of a channel, to the learners who opted in there; resolves with how many went. */
  sendReviewReminders(channel: ChannelRecord, outbox: Outbox): Promise<number>;
  /** Called after `schedule`, `pause` and `resume` change a channel (the scheduler re-plans its jobs). */
  onScheduleChange(listener: (channel: ChannelRecord) => void): void;
}

export function createTutor(deps: TutorDeps): Tutor {
  const scheduleListeners: ((channel: ChannelRecord) => void)[] = [];
  const threads = createThreadChallenges(deps.store, deps.clock);
  const core: Core = {
    ...deps,
    dayOf: createDayMemo(),
    daily: createDailyChallenges({
      store: deps.store,
      knowledge: deps.knowledge,
      clock: deps.clock,
      logger: deps.logger,
      rotationDays: deps.config.rotationDays,
      maxAttempts: deps.config.maxAttempts,
      locale: deps.config.locale ?? 'en',
      retryDelaysMs: deps.config.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    }),
    scheduleChanged: (channel) => {
      threads.forgetChannel(channel.id);
      scheduleListeners.forEach((listener) => listener(channel));
    },
  };
  const { store, clock } = core;

  /** Whether a thread is a challenge thread, and which; unknown (the store failed) counts as "not one". */
  async function challengeOfThread(answer: ThreadAnswer) {
    try {
      return await threads.find(answer.place);
    } catch (error) {
      // Rather silent than answering every thread message with an error.
      threadLogger(answer).error({ err: error }, 'could not tell whether a thread is a challenge thread');
      return null;
    }
  }

  async function threadAnswer(answer: ThreadAnswer): Promise<ThreadAnswerReply | null> {
    const found = await challengeOfThread(answer);
    if (!found) return null;
    const rejection = rejectAnswer(answer.text, answer.actor.locale);
    const outcome = rejection
      ? await refuseOnce(answer, errorMessage(rejection.id, rejection.message))
      : await answerDaily(core, answer.actor, found.channel, found.record, answer.text, answer.eventId);
    switch (outcome.kind) {
      case 'duplicate':
        threadLogger(answer).info({ eventId: answer.eventId }, 'duplicate event ignored');
        return null;
      case 'graded':
        return outcome.reply;
      case 'refused':
        return rejected(outcome.message);
    }
  }

  /**
   * A refused reply records nothing, so its event id is claimed here to answer a redelivery once. (A graded
   * answer is de-duplicated by its event key inside the attempt's own transaction, so a delivery whose
   * recording failed, on a full disk say, can still be recorded when it is redelivered.)
   */
  async function refuseOnce(answer: ThreadAnswer, message: OutMessage): Promise<DailyAnswerOutcome> {
    const first =
      answer.eventId === undefined || (await store.claimEvent(answer.actor.platform, answer.eventId, clock.now()));
    return first ? { kind: 'refused', message } : { kind: 'duplicate', message };
  }

  return {
    handleCommand: atSurface(
      async (request) => {
        if (!isCommandName(request.command)) {
          const detail = `command “${String(request.command)}”`;
          return reply(refusal(request.actor.locale, 'unknown-command', 'error.invalid-option', { detail }));
        }
        if (request.eventId) {
          const first = await store.claimEvent(request.actor.platform, request.eventId, clock.now()).catch((error) => {
            // A store that cannot record the event id must not block lookups: process the event.
            commandLogger(request).warn({ err: error }, 'could not record the event id');
            return true;
          });
          if (!first) {
            commandLogger(request).info({ eventId: request.eventId }, 'duplicate event ignored');
            return reply();
          }
        }
        return REGISTRY[request.command].run(request, core);
      },
      (error, request) =>
        reply(failureMessage(request.actor.locale, error, commandLogger(request), `command ${request.command}`)),
    ),

    handleThreadAnswer: atSurface(threadAnswer, (error, answer) =>
      rejected(failureMessage(answer.actor.locale, error, threadLogger(answer), 'thread answer')),
    ),

    autocomplete: atSurface(
      (fragment: string) =>
        core
          .knowledge()
          .autocomplete(fragment, 25)
          .map((topic) => {
            const parents = topic.path.slice(0, -1).join(' › ');
            const name = parents ? `${topic.title} — ${parents}` : topic.title;
            return { name: name.slice(0, 100), value: topic.title.slice(0, 100) };
          }),
      (error, fragment) => {
        core.logger.error({ err: error, fragment }, 'autocomplete failed');
        return [];
      },
    ),

    attemptFeedback: atSurface(
      async (actor, attemptId) => {
        const attempt = await store.attempt(attemptId);
        if (!attempt) return refusal(actor.locale, 'unknown-attempt', 'answer.unknown-attempt');
        const own =
          attempt.platform === actor.platform &&
          attempt.workspaceExternalId === actor.workspaceId &&
          attempt.userExternalId === actor.userId;
        if (!own) return refusal(actor.locale, 'not-yours', 'answer.not-yours');
        // The title in the language the stored feedback was written in (the answer's).
        return {
          title: t(detectLocale(attempt.feedback, actor.locale), 'answer.feedback-title', { score: attempt.score }),
          text: attempt.feedback,
          tone: 'neutral' as const,
          private: true,
        };
      },
      (error, actor, attemptId) =>
        failureMessage(
          actor.locale,
          error,
          core.logger.child({ platform: actor.platform, userId: actor.userId, attemptId }),
          'attempt feedback',
        ),
    ),

    ensureChannel: atSurface(
      async (place) => {
        await channelOf(core, place);
      },
      (error, place) => placeLogger(core, place).error({ err: error }, 'could not register the channel'),
    ),

    overview: atSurface(
      (actor) => overviewOf(core, actor),
      (error, actor) => {
        core.logger.error({ err: error, platform: actor.platform, userId: actor.userId }, 'overview failed');
        return EMPTY_OVERVIEW;
      },
    ),

    postDailyChallenge: atSurface(
      (channel, outbox) => core.daily.post(channel, outbox),
      (error, channel) => {
        core.logger.error(
          { err: error, channelId: channel.externalId, platform: channel.platform },
          'daily post failed',
        );
        return { status: 'failed', error: String(error) };
      },
    ),

    closeChallenge: atSurface(
      (channel, challenge, outbox) => core.daily.close(channel, challenge, outbox),
      (error, _channel, challenge) => {
        core.logger.error({ err: error, challengeId: challenge.id }, 'closing a challenge failed');
        return false;
      },
    ),

    sendReviewReminders: atSurface(
      (channel, outbox) => sendReviewReminders(core, channel, outbox),
      (error, channel) => {
        core.logger.error(
          { err: error, channelId: channel.externalId, platform: channel.platform },
          'reminders failed',
        );
        return 0;
      },
    ),

    onScheduleChange(listener) {
      scheduleListeners.push(listener);
    },
  };

  function commandLogger(request: CommandRequest): Logger {
    return placeLogger(core, request.place, request.actor).child({ command: request.command });
  }

  function threadLogger(answer: ThreadAnswer): Logger {
    return placeLogger(core, answer.place, answer.actor).child({ threadId: answer.place.threadId });
  }
}

/** A refused thread answer: the reason in public and privately, and a "rejected" reaction. */
function rejected(message: OutMessage): ThreadAnswerReply {
  return { publicMessage: message, privateMessage: { ...message, private: true }, reaction: 'rejected' };
}
