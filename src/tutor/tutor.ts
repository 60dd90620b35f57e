/**
 * The tutor core: every use case behind `TutorApi`, plus the scheduler-facing daily post and close.
 * Each public method resolves with messages, never rejects: a failure is logged with its context and
 * explained to the user (store errors by their stable id: "this answer was not saved, send it again", while
 * lookups, which need no write, keep working).
 */
import { currentStreakAsOf } from '../domain/streak.js';
import type { Logger } from '../domain/logger.js';
import type { Locale, Platform } from '../domain/vocabulary.js';
import type { KnowledgeBase } from '../challenges/types.js';
import type { Challenge } from '../grading/types.js';
import { gradeAnswer } from '../grading/grade.js';
import { gradingToolsFor } from '../grading/tools.js';
import { rejectAnswer } from '../grading/reject.js';
import { StoreError, type ChannelRecord, type DailyChallengeRecord, type Store, type UserRef } from '../store/types.js';
import type {
  Actor,
  AutocompleteChoice,
  CommandReply,
  CommandRequest,
  Outbox,
  Place,
  ThreadAnswerReply,
  TutorApi,
  UserOverview,
} from './api.js';
import type { Clock } from './clock.js';
import { isCommandName, type CommandName } from './commands.js';
import { createDayMemo } from './day-memo.js';
import { closeTime, createDailyChallenges, DEFAULT_RETRY_DELAYS_MS, type DailyPostResult } from './daily.js';

export { dueAt, type DailyPostResult } from './daily.js';
import { t } from './i18n.js';
import type { OutMessage } from './messages.js';
import { parseCommandOptions, type CommandOptions } from './options.js';
import {
  challengeMessage,
  leaderboardMessage,
  nearestFields,
  notice,
  practiceMessage,
  streakMessage,
  topicMessage,
} from './views.js';

export type ReloadOutcome = { ok: true; warnings: number } | { ok: false; error: string };

export interface TutorSettings {
  readonly passMark: number;
  readonly maxAttempts: number;
  readonly rotationDays: number;
  readonly defaults: { readonly scheduleTime: string; readonly timeZone: string };
  /** Platform user ids or display names allowed to run admin commands anywhere. */
  readonly admins: readonly string[];
  /** Language of channel-wide posts (daily challenge, reveal); replies follow each user's locale. */
  readonly locale?: Locale;
  /** Waits between retries of a failed daily post or reveal (default 1 s, 4 s, 15 s). */
  readonly retryDelaysMs?: readonly number[];
}

export interface TutorDeps {
  readonly store: Store;
  /** The current knowledge base: a reload swaps what this returns. */
  readonly knowledge: () => KnowledgeBase;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: TutorSettings;
  /** Outboxes of the running platforms, read when `post-now` needs one (adapters register after the tutor exists). */
  readonly outboxes?: Partial<Record<Platform, Outbox>>;
  /** The `reload` admin command. */
  readonly reload?: () => Promise<ReloadOutcome>;
}

export interface Tutor extends TutorApi {
  postDailyChallenge(channel: ChannelRecord, outbox: Outbox): Promise<DailyPostResult>;
  /** Reveals the model answer and the day's results in the thread; true for the one caller that closed it. */
  closeChallenge(channel: ChannelRecord, challenge: DailyChallengeRecord, outbox: Outbox): Promise<boolean>;
  /** Called after `schedule`, `pause` and `resume` change a channel (the scheduler re-plans its jobs). */
  onScheduleChange(listener: (channel: ChannelRecord) => void): void;
}

/** A practice challenge waits this long for its answer. */
const PRACTICE_TTL_MS = 60 * 60_000;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function userRef(actor: Actor): UserRef {
  return {
    platform: actor.platform,
    workspaceExternalId: actor.workspaceId,
    externalId: actor.userId,
    displayName: actor.displayName,
  };
}

const reply = (...messages: OutMessage[]): CommandReply => ({ messages });

export function createTutor(deps: TutorDeps): Tutor {
  const { store, clock, config } = deps;
  const dayOf = createDayMemo();
  const daily = createDailyChallenges({
    store,
    knowledge: deps.knowledge,
    clock,
    logger: deps.logger,
    rotationDays: config.rotationDays,
    maxAttempts: config.maxAttempts,
    locale: config.locale ?? 'en',
    retryDelaysMs: config.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
  });
  const scheduleListeners: ((channel: ChannelRecord) => void)[] = [];
  const practice = new Map<string, { topicId: string; expires: number }>();

  const practiceKey = (actor: Actor) => `${actor.platform}\u0000${actor.workspaceId}\u0000${actor.userId}`;

  function failure(locale: Locale, error: unknown, log: Logger, what: string): OutMessage {
    if (error instanceof StoreError) {
      log.warn({ err: error, storeError: error.id }, `${what}: store error`);
      return notice(t(locale, `error.${error.id}`), 'error', error.id);
    }
    log.error({ err: error }, `${what} failed`);
    return notice(t(locale, 'error.internal'), 'error', 'internal');
  }

  function placeLogger(place: Place, actor?: Actor): Logger {
    return deps.logger.child({
      platform: place.platform,
      workspaceId: place.workspaceId,
      channelId: place.channelId,
      ...(actor ? { userId: actor.userId } : {}),
    });
  }

  async function channelOf(place: Place): Promise<ChannelRecord> {
    const found = await store.findChannel(place.platform, place.workspaceId, place.channelId);
    if (found) return found;
    return store.ensureChannel(
      {
        platform: place.platform,
        workspaceExternalId: place.workspaceId,
        externalId: place.channelId,
        ...(place.channelName ? { name: place.channelName } : {}),
      },
      config.defaults,
    );
  }

  /** The zone "today" is read in: the channel's when registered, else the default (no write needed). */
  async function zoneOf(place: Place): Promise<string> {
    const found = await store.findChannel(place.platform, place.workspaceId, place.channelId).catch(() => null);
    return found?.timeZone ?? config.defaults.timeZone;
  }

  /** Writes that name a user need the workspace row; a user may join a team before any channel is seen. */
  async function ensureWorkspace(actor: Actor): Promise<void> {
    await store.ensureWorkspace(actor.platform, actor.workspaceId, { timeZone: config.defaults.timeZone });
  }

  /** A platform group (a Discord role mapped to a team) places a team-less user in it. */
  async function syncPlatformTeam(actor: Actor): Promise<void> {
    const first = actor.platformTeams?.[0];
    if (!first) return;
    if ((await store.teamOf(userRef(actor))) !== null) return;
    await ensureWorkspace(actor);
    await store.joinTeam(userRef(actor), first);
  }

  function isAdmin(actor: Actor): boolean {
    return actor.isAdmin || config.admins.includes(actor.userId) || config.admins.includes(actor.displayName);
  }

  /** Why there is nothing to answer yet: paused, being posted right now, or not yet due. */
  function openingNotice(locale: Locale, channel: ChannelRecord, record: DailyChallengeRecord | null): OutMessage {
    if (record) return notice(t(locale, 'challenge.posting'), 'neutral', 'no-challenge');
    if (channel.paused) return notice(t(locale, 'challenge.paused'), 'neutral', 'no-challenge');
    return notice(
      t(locale, 'challenge.none', { time: channel.scheduleTime, zone: channel.timeZone }),
      'neutral',
      'no-challenge',
    );
  }

  function todayChallengeMessage(locale: Locale, channel: ChannelRecord, record: DailyChallengeRecord): OutMessage {
    const content = deps.knowledge().challengeFor(record.topicId);
    if (!content) return notice(t(locale, 'error.internal'), 'error', 'internal');
    return challengeMessage(locale, content, closeTime(record.day, channel.timeZone), config.maxAttempts);
  }

  /** Grades and records one answer to a daily challenge; rejections and refusals use no attempt. */
  async function answerDaily(
    actor: Actor,
    channel: ChannelRecord,
    record: DailyChallengeRecord,
    text: string,
    eventId: string | undefined,
  ): Promise<{ reply: ThreadAnswerReply } | { message: OutMessage }> {
    const locale = actor.locale;
    const today = dayOf(clock.now(), channel.timeZone);
    if (record.closedAt || record.day !== today) {
      return { message: notice(t(locale, 'challenge.closed'), 'warning', 'challenge-closed') };
    }
    const content = deps.knowledge().challengeFor(record.topicId);
    if (!content) return { message: notice(t(locale, 'error.internal'), 'error', 'internal') };
    const grade = gradeAnswer(content, text, { passMark: config.passMark, ...gradingToolsFor(deps.knowledge().graph) });
    await syncPlatformTeam(actor);
    const outcome = await store.recordAttempt({
      challengeId: record.id,
      user: userRef(actor),
      text,
      score: grade.score,
      passed: grade.passed,
      concepts: {
        pain: grade.pain.matched.map((m) => m.label),
        fix: grade.fix.matched.map((m) => m.label),
        negated: [...grade.pain.negated, ...grade.fix.negated],
      },
      feedback: grade.feedback,
      at: clock.now(),
      maxAttempts: config.maxAttempts,
      ...(eventId ? { eventKey: `${actor.platform}:${eventId}` } : {}),
    });
    switch (outcome.status) {
      case 'attempt-cap':
        return { message: notice(t(locale, 'answer.cap', { max: config.maxAttempts }), 'warning', 'attempt-cap') };
      case 'closed':
        return { message: notice(t(locale, 'challenge.closed'), 'warning', 'challenge-closed') };
      case 'duplicate':
        return { message: notice(t(locale, 'answer.duplicate'), 'neutral', 'duplicate') };
      case 'recorded': {
        const mark = t(locale, grade.passed ? 'mark.pass' : 'mark.fail');
        const details = [
          grade.feedback,
          '',
          t(locale, 'answer.attempts-left', { left: outcome.attemptsLeft, best: outcome.bestScore }),
          t(locale, 'answer.points', { points: outcome.points }),
          t(locale, 'answer.streak', {
            current: outcome.streak.current,
            longest: outcome.streak.longest,
            freezes: outcome.streak.freezes,
          }),
          ...(outcome.freezesUsed > 0 ? [t(locale, 'answer.freezes-used', { count: outcome.freezesUsed })] : []),
        ];
        return {
          reply: {
            publicMessage: {
              text: t(locale, 'answer.public', { name: actor.displayName, score: grade.score, mark }),
              tone: grade.passed ? 'success' : 'failure',
            },
            privateMessage: {
              title: t(locale, 'answer.title', { score: grade.score, mark }),
              text: details.join('\n'),
              tone: grade.passed ? 'success' : 'failure',
              private: true,
            },
            reaction: grade.passed ? 'pass' : 'fail',
            attemptId: outcome.attemptId,
          },
        };
      }
    }
  }

  async function answerPractice(actor: Actor, content: Challenge, text: string): Promise<OutMessage> {
    const locale = actor.locale;
    const grade = gradeAnswer(content, text, { passMark: config.passMark, ...gradingToolsFor(deps.knowledge().graph) });
    await ensureWorkspace(actor);
    await store.recordPractice({
      user: userRef(actor),
      topicId: content.topicId,
      text,
      score: grade.score,
      passed: grade.passed,
      at: clock.now(),
    });
    practice.delete(practiceKey(actor));
    const mark = t(locale, grade.passed ? 'mark.pass' : 'mark.fail');
    return {
      title: t(locale, 'answer.practice-title', { score: grade.score, mark }),
      text: [grade.feedback, '', t(locale, 'answer.practice-note')].join('\n'),
      tone: grade.passed ? 'success' : 'failure',
      private: true,
    };
  }

  function pendingPractice(actor: Actor): Challenge | null {
    const pending = practice.get(practiceKey(actor));
    if (!pending || pending.expires < clock.now().getTime()) return null;
    return deps.knowledge().challengeFor(pending.topicId);
  }

  async function answerCommand(request: CommandRequest, text: string): Promise<CommandReply> {
    const { actor, place } = request;
    const locale = actor.locale;
    const rejection = rejectAnswer(text, locale);
    if (rejection) return reply(notice(rejection.message, 'warning', rejection.id));
    const pending = pendingPractice(actor);
    if (pending) return reply(await answerPractice(actor, pending, text));
    const channel = await channelOf(place);
    const record = await store.dailyChallenge(channel.id, dayOf(clock.now(), channel.timeZone));
    if (!record?.postedAt) return reply(openingNotice(locale, channel, record));
    const result = await answerDaily(actor, channel, record, text, request.eventId);
    if ('message' in result) return reply(result.message);
    return reply(result.reply.publicMessage, result.reply.privateMessage);
  }

  async function practiceCommand(actor: Actor, query: string | undefined): Promise<CommandReply> {
    const locale = actor.locale;
    const kb = deps.knowledge();
    let topicId: string | undefined;
    if (query) {
      // The same resolution as `/topic` and `tutor grade --topic`: the best hit, or close topics when none.
      const resolution = kb.resolveTopic(query);
      topicId = resolution.found && resolution.challenge ? resolution.topic.id : undefined;
      if (!topicId) {
        return reply({
          text: t(locale, 'topic.none', { query }),
          fields: nearestFields(locale, resolution.found ? [resolution.topic] : resolution.nearest),
          tone: 'warning',
          errorId: 'unknown-topic',
          private: true,
        });
      }
    } else {
      const topics = kb.dailyTopics();
      topicId = topics[clock.now().getTime() % Math.max(topics.length, 1)];
    }
    const content = topicId ? kb.challengeFor(topicId) : null;
    if (!content) return reply(notice(t(locale, 'challenge.no-topics'), 'warning', 'no-topics'));
    const now = clock.now().getTime();
    for (const [key, pending] of practice) if (pending.expires < now) practice.delete(key);
    practice.set(practiceKey(actor), { topicId: content.topicId, expires: now + PRACTICE_TTL_MS });
    return reply(practiceMessage(locale, content));
  }

  async function streakCommand(request: CommandRequest, who: string | undefined): Promise<CommandReply> {
    const { actor, place } = request;
    const locale = actor.locale;
    let user: Omit<UserRef, 'displayName'> & { displayName: string } = userRef(actor);
    if (who) {
      const found = await store.findUserByName(actor.platform, actor.workspaceId, who);
      if (!found) return reply(notice(t(locale, 'streak.unknown-user', { name: who }), 'warning', 'unknown-user'));
      user = found;
    }
    const view = await store.streak(user, { recentDays: 14 });
    if (!view || view.longest === 0) return reply(notice(t(locale, 'streak.none', { name: user.displayName })));
    const today = dayOf(clock.now(), await zoneOf(place));
    return reply(streakMessage(locale, user.displayName, view, currentStreakAsOf(view, today)));
  }

  async function leaderboardCommand(
    request: CommandRequest,
    options: CommandOptions['leaderboard'],
  ): Promise<CommandReply> {
    const { actor, place } = request;
    if (options.teams) await syncPlatformTeam(actor).catch(() => undefined);
    const entries = await store.leaderboard({
      workspace: { platform: actor.platform, externalId: actor.workspaceId },
      period: options.period,
      today: dayOf(clock.now(), await zoneOf(place)),
      by: 'points',
      teams: options.teams,
      limit: 10,
    });
    return reply(leaderboardMessage(actor.locale, options.period, options.teams, entries));
  }

  async function teamCommand(request: CommandRequest, name: string | undefined): Promise<CommandReply> {
    const { actor } = request;
    const locale = actor.locale;
    if (request.subcommand === 'join' && name) {
      await ensureWorkspace(actor);
      const joined = await store.joinTeam(userRef(actor), name);
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
      const left = await store.leaveTeam(userRef(actor));
      return reply(
        left.previous
          ? notice(t(locale, 'team.left', { team: left.previous }), 'success')
          : notice(t(locale, 'team.none')),
      );
    }
    return reply(notice(t(locale, 'team.choose'), 'warning', 'invalid-option'));
  }

  async function adminCommand(
    request: CommandRequest,
    command: 'schedule' | 'pause' | 'resume' | 'post-now' | 'reload',
    options: Partial<CommandOptions['schedule']>,
  ): Promise<CommandReply> {
    const { actor, place } = request;
    const locale = actor.locale;
    if (command === 'reload') {
      if (!deps.reload) return reply(notice(t(locale, 'admin.reload-unavailable'), 'warning', 'reload-unavailable'));
      const outcome = await deps.reload();
      return reply(
        outcome.ok
          ? notice(t(locale, 'admin.reloaded', { warnings: outcome.warnings }), 'success')
          : notice(t(locale, 'admin.reload-failed', { error: outcome.error }), 'error', 'reload-failed'),
      );
    }
    const channel = await channelOf(place);
    if (command === 'post-now') return postNow(locale, channel);
    let changed: ChannelRecord;
    if (command === 'schedule') {
      const time = options.time ?? '';
      if (!TIME.test(time))
        return reply(notice(t(locale, 'admin.bad-time', { value: time }), 'warning', 'invalid-option'));
      const zone = options.timezone ?? channel.timeZone;
      if (!isTimeZone(zone))
        return reply(notice(t(locale, 'admin.bad-zone', { value: zone }), 'warning', 'invalid-option'));
      changed = await store.updateChannel(channel.id, { scheduleTime: time, timeZone: zone });
    } else {
      changed = await store.updateChannel(channel.id, { paused: command === 'pause' });
    }
    for (const listener of scheduleListeners) listener(changed);
    const params = { time: changed.scheduleTime, zone: changed.timeZone };
    const text =
      command === 'schedule'
        ? t(locale, 'admin.scheduled', params)
        : command === 'pause'
          ? t(locale, 'admin.paused')
          : t(locale, 'admin.resumed', params);
    return reply(notice(text, 'success'));
  }

  async function postNow(locale: Locale, channel: ChannelRecord): Promise<CommandReply> {
    const outbox = deps.outboxes?.[channel.platform];
    if (!outbox) return reply(notice(t(locale, 'challenge.no-outbox'), 'warning', 'no-outbox'));
    const result = await daily.post(channel, outbox);
    switch (result.status) {
      case 'posted':
        return reply(notice(t(locale, 'challenge.posted'), 'success'));
      case 'already-posted':
        return reply(notice(t(locale, 'challenge.already-posted'), 'neutral', 'already-posted'));
      case 'pending':
        return reply(notice(t(locale, 'challenge.posting'), 'neutral', 'post-pending'));
      case 'no-topics':
        return reply(notice(t(locale, 'challenge.no-topics'), 'warning', 'no-topics'));
      case 'failed':
        return reply(notice(t(locale, 'challenge.post-failed'), 'error', 'post-failed'));
    }
  }

  async function challengeCommand(request: CommandRequest): Promise<CommandReply> {
    const channel = await channelOf(request.place);
    const record = await store.dailyChallenge(channel.id, dayOf(clock.now(), channel.timeZone));
    if (!record?.postedAt) return reply(openingNotice(request.actor.locale, channel, record));
    return reply(todayChallengeMessage(request.actor.locale, channel, record));
  }

  async function dispatch(request: CommandRequest, command: CommandName): Promise<CommandReply> {
    const locale = request.actor.locale;
    const parsed = parseCommandOptions(command, request.options);
    if (!parsed.ok) {
      return reply(notice(t(locale, 'error.invalid-option', { detail: parsed.detail }), 'warning', 'invalid-option'));
    }
    const group =
      command === 'schedule' ||
      command === 'pause' ||
      command === 'resume' ||
      command === 'post-now' ||
      command === 'reload';
    if (group && !isAdmin(request.actor)) return reply(notice(t(locale, 'admin.refused'), 'warning', 'not-admin'));
    switch (command) {
      case 'topic': {
        const { query } = parsed.options as CommandOptions['topic'];
        return reply(topicMessage(locale, deps.knowledge().lookup(query, 5)));
      }
      case 'challenge':
        return challengeCommand(request);
      case 'answer':
        return answerCommand(request, (parsed.options as CommandOptions['answer']).text);
      case 'practice':
        return practiceCommand(request.actor, (parsed.options as CommandOptions['practice']).topic || undefined);
      case 'streak':
        return streakCommand(request, (parsed.options as CommandOptions['streak']).user);
      case 'leaderboard':
        return leaderboardCommand(request, parsed.options as CommandOptions['leaderboard']);
      case 'team':
        return teamCommand(request, (parsed.options as CommandOptions['team']).name);
      case 'schedule':
        return adminCommand(request, command, parsed.options as CommandOptions['schedule']);
      case 'pause':
      case 'resume':
      case 'post-now':
      case 'reload':
        return adminCommand(request, command, {});
    }
  }

  return {
    async handleCommand(request) {
      const log = placeLogger(request.place, request.actor).child({ command: request.command });
      try {
        if (!isCommandName(request.command)) {
          return reply(
            notice(
              t(request.actor.locale, 'error.invalid-option', { detail: `command “${String(request.command)}”` }),
              'warning',
              'unknown-command',
            ),
          );
        }
        if (request.eventId) {
          const first = await store.claimEvent(request.actor.platform, request.eventId, clock.now()).catch((error) => {
            // A store that cannot record the event id must not block lookups: process the event.
            log.warn({ err: error }, 'could not record the event id');
            return true;
          });
          if (!first) {
            log.info({ eventId: request.eventId }, 'duplicate event ignored');
            return reply();
          }
        }
        return await dispatch(request, request.command);
      } catch (error) {
        return reply(failure(request.actor.locale, error, log, `command ${request.command}`));
      }
    },

    async handleThreadAnswer(answer) {
      const { actor, place } = answer;
      const log = placeLogger(place, actor).child({ threadId: place.threadId });
      let found: { channel: ChannelRecord; record: DailyChallengeRecord } | null;
      try {
        const channel = await store.findChannel(place.platform, place.workspaceId, place.channelId);
        const record = channel ? await store.challengeByThread(channel.id, place.threadId) : null;
        found = channel && record ? { channel, record } : null;
      } catch (error) {
        // Unknown whether this is a challenge thread: stay silent rather than answer every thread message.
        log.error({ err: error }, 'could not tell whether a thread is a challenge thread');
        return null;
      }
      if (!found) return null;
      const { channel, record } = found;
      try {
        const rejection = rejectAnswer(answer.text, actor.locale);
        // A graded answer is de-duplicated by its event key inside the attempt's own transaction, so a
        // delivery whose recording failed (full disk…) can still be recorded when it is redelivered.
        const duplicate = rejection
          ? answer.eventId !== undefined && !(await store.claimEvent(actor.platform, answer.eventId, clock.now()))
          : false;
        const result = duplicate
          ? null
          : rejection
            ? { message: notice(rejection.message, 'warning', rejection.id) }
            : await answerDaily(actor, channel, record, answer.text, answer.eventId);
        if (result === null || ('message' in result && result.message.errorId === 'duplicate')) {
          log.info({ eventId: answer.eventId }, 'duplicate event ignored');
          return null;
        }
        if ('reply' in result) return result.reply;
        return {
          publicMessage: result.message,
          privateMessage: { ...result.message, private: true },
          reaction: 'rejected',
        };
      } catch (error) {
        const message = failure(actor.locale, error, log, 'thread answer');
        return { publicMessage: message, privateMessage: { ...message, private: true }, reaction: 'rejected' };
      }
    },

    autocomplete(fragment, _locale): AutocompleteChoice[] {
      try {
        return deps
          .knowledge()
          .autocomplete(fragment, 25)
          .map((topic) => {
            const parents = topic.path.slice(0, -1).join(' › ');
            const name = parents ? `${topic.title} — ${parents}` : topic.title;
            return { name: name.slice(0, 100), value: topic.title.slice(0, 100) };
          });
      } catch (error) {
        deps.logger.error({ err: error, fragment }, 'autocomplete failed');
        return [];
      }
    },

    async attemptFeedback(actor, attemptId) {
      const log = deps.logger.child({ platform: actor.platform, userId: actor.userId, attemptId });
      try {
        const attempt = await store.attempt(attemptId);
        if (!attempt) return notice(t(actor.locale, 'answer.unknown-attempt'), 'warning', 'unknown-attempt');
        const own =
          attempt.platform === actor.platform &&
          attempt.workspaceExternalId === actor.workspaceId &&
          attempt.userExternalId === actor.userId;
        if (!own) return notice(t(actor.locale, 'answer.not-yours'), 'warning', 'not-yours');
        return {
          title: t(actor.locale, 'answer.title', { score: attempt.score, mark: '' }).trim(),
          text: attempt.feedback,
          tone: 'neutral',
          private: true,
        };
      } catch (error) {
        return failure(actor.locale, error, log, 'attempt feedback');
      }
    },

    async ensureChannel(place) {
      try {
        await channelOf(place);
      } catch (error) {
        placeLogger(place).error({ err: error }, 'could not register the channel');
      }
    },

    async overview(actor) {
      return overviewOf(actor);
    },

    async postDailyChallenge(channel, outbox) {
      try {
        return await daily.post(channel, outbox);
      } catch (error) {
        deps.logger.error(
          { err: error, channelId: channel.externalId, platform: channel.platform },
          'daily post failed',
        );
        return { status: 'failed', error: String(error) };
      }
    },

    async closeChallenge(channel, challenge, outbox) {
      try {
        return await daily.close(channel, challenge, outbox);
      } catch (error) {
        deps.logger.error({ err: error, challengeId: challenge.id }, 'closing a challenge failed');
        return false;
      }
    },

    onScheduleChange(listener) {
      scheduleListeners.push(listener);
    },
  };

  async function overviewOf(actor: Actor): Promise<UserOverview> {
    const empty: UserOverview = {
      streak: { current: 0, longest: 0, freezes: 0 },
      points: { week: 0, month: 0, all: 0 },
      team: null,
      today: [],
    };
    try {
      const now = clock.now();
      const user = userRef(actor);
      const channels = (await store.listChannels()).filter(
        (c) => c.platform === actor.platform && c.workspaceExternalId === actor.workspaceId,
      );
      const zone = channels[0]?.timeZone ?? config.defaults.timeZone;
      const today = dayOf(now, zone);
      const view = await store.streak(user, { recentDays: 0 });
      const workspace = { platform: actor.platform, externalId: actor.workspaceId };
      const pointsIn = async (period: 'week' | 'month' | 'all') => {
        const entries = await store.leaderboard({ workspace, period, today, by: 'points', teams: false, limit: 1000 });
        return entries.find((e) => e.name === actor.displayName)?.points ?? 0;
      };
      const teamName = await store.teamOf(user);
      let team: UserOverview['team'] = null;
      if (teamName) {
        const teams = await store.leaderboard({
          workspace,
          period: 'week',
          today,
          by: 'points',
          teams: true,
          limit: 1000,
        });
        team = { name: teamName, rank: teams.find((e) => e.name === teamName)?.rank ?? null, teams: teams.length };
      }
      const todayList = await Promise.all(
        channels.map(async (channel) => {
          const record = await store.dailyChallenge(channel.id, dayOf(now, channel.timeZone));
          if (!record?.postedAt) return null;
          const mine = (await store.dayResults(record.id)).find((r) => r.userExternalId === actor.userId);
          return {
            channelId: channel.externalId,
            channelName: channel.name,
            title: deps.knowledge().challengeFor(record.topicId)?.title ?? record.topicId,
            answered: mine !== undefined,
            bestScore: mine?.bestScore ?? null,
          };
        }),
      );
      return {
        streak: view
          ? { current: currentStreakAsOf(view, today), longest: view.longest, freezes: view.freezes }
          : empty.streak,
        points: { week: await pointsIn('week'), month: await pointsIn('month'), all: await pointsIn('all') },
        team,
        today: todayList.filter((x) => x !== null),
      };
    } catch (error) {
      deps.logger.error({ err: error, platform: actor.platform, userId: actor.userId }, 'overview failed');
      return empty;
    }
  }
}
