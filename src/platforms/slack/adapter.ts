/**
 * The tutor as a Bolt app: one `/tutor <subcommand>` slash command, graded replies in challenge threads, an App
 * Home tab, and an outbox the scheduler posts daily challenges through. HTTP receiver on PORT, or Socket Mode
 * when an app token is given. Every listener acknowledges first and works after; every failure is logged and
 * swallowed here, so no Slack event can take the process down.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  HTTPReceiver,
  SocketModeReceiver,
  webApi,
  type Receiver,
  type RespondFn,
  type SlashCommand,
} from '@slack/bolt';
import type { Logger } from '../../domain/logger.js';
import type { Actor, AnswerReaction, Place, TutorApi } from '../../tutor/api.js';
import type { ErrorId } from '../../tutor/errors.js';
import type { OutMessage } from '../../tutor/messages.js';
import { t } from '../../tutor/i18n.js';
import { commandHelp, parseTextCommand } from '../../tutor/text-commands.js';
import type { ConnectionState, HttpRoute, PlatformAdapter } from '../contract.js';
import { GuardedTasks } from '../shared/guarded-tasks.js';
import { RecentIds } from '../shared/recent-ids.js';
import { SeenChannels } from '../shared/seen-channels.js';
import { boltLogger } from './bolt-logger.js';
import { createPoster } from './poster.js';
import { renderMessage } from './render.js';
import { refuseFutureTimestamps } from './request-guard.js';
import { UserDirectory } from './users.js';
import { homeView } from './home.js';

export interface SlackAdapterOptions {
  readonly botToken: string;
  /** Required for the HTTP receiver; unused in Socket Mode. */
  readonly signingSecret?: string;
  /** Selects Socket Mode (xapp-…). */
  readonly appToken?: string;
  /** Web API base (`SLACK_API_URL`), e.g. a local fake in tests. */
  readonly apiUrl?: string;
  readonly port?: number;
  readonly host?: string;
  readonly tutor: TutorApi;
  readonly logger: Logger;
  /** Slack user ids or names allowed to run admin commands besides workspace admins and owners. */
  readonly admins?: readonly string[];
  /** Extra HTTP routes on the same server (e.g. GET /healthz on PORT). */
  readonly customRoutes?: readonly HttpRoute[];
  /** Web API retries for idempotent calls; tests pass `{ retries: 0 }`. */
  readonly retryConfig?: webApi.RetryOptions;
  /** Skip the auth.test round trip (tests, benchmarks). */
  readonly botId?: string;
  readonly botUserId?: string;
}

export interface SlackAdapter extends PlatformAdapter {
  /** `http://host:port` of the HTTP receiver once started; undefined in Socket Mode. */
  httpUrl(): string | undefined;
}

/** A few quick retries: a Slack hiccup should not hold a handler for the Web API's default half hour. */
const DEFAULT_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 };
const SLASH_COMMAND = '/tutor';
const HELP_PREFIX = { prefix: `${SLASH_COMMAND} ` };

const REACTIONS: Record<AnswerReaction, string | null> = {
  pass: 'white_check_mark',
  fail: 'x',
  rejected: null,
};

interface MessageEvent {
  readonly type: 'message';
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly user?: string;
  readonly text?: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly channel: string;
  readonly team?: string;
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const log = options.logger.child({ platform: 'slack' });
  const socketMode = options.appToken !== undefined;
  const bolt = boltLogger(log);
  const clientOptions = (retryConfig: webApi.RetryOptions): webApi.WebClientOptions => ({
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig,
    logger: bolt,
  });
  let state: ConnectionState = 'stopped';
  let server: Server | undefined;

  const customRoutes = (options.customRoutes ?? []).map((r) => ({
    path: r.path,
    method: typeof r.method === 'string' ? r.method : [...r.method],
    handler: r.handler,
  }));
  const receiver = makeReceiver();
  const app = new App({
    token: options.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    receiver,
    socketMode,
    logger: bolt,
    clientOptions: clientOptions(options.retryConfig ?? DEFAULT_RETRY),
    // The tutor keeps no per-conversation state in Bolt; its default memory store builds and throws an Error for
    // every event in a conversation it has not seen ("Conversation not found"), which is most events.
    convoStore: false,
  });
  const poster = createPoster(
    new webApi.WebClient(options.botToken, { ...clientOptions({ retries: 0 }), rejectRateLimitedCalls: true }),
    log,
  );
  const outbox = poster.outbox;
  const users = new UserDirectory(app.client, options.admins ?? [], log);
  const recent = new RecentIds();
  const seenChannels = new SeenChannels((place) => options.tutor.ensureChannel(place));
  // Every listener acks first, then runs its work here: a failure is logged with its context (and the user told),
  // never thrown into Bolt, and `stop()` waits for the work in flight.
  const tasks = new GuardedTasks(({ event, context, stage, error }) =>
    stage === 'handler'
      ? log.error({ err: error, ...context }, `slack: ${event} failed`)
      : log.error({ err: error, ...context }, `slack: could not report that ${event} failed`),
  );

  function makeReceiver(): Receiver {
    if (options.appToken) {
      const socket = new SocketModeReceiver({
        appToken: options.appToken,
        logger: bolt,
        customRoutes,
        installerOptions: {
          port: options.port,
          clientOptions: clientOptions(options.retryConfig ?? DEFAULT_RETRY),
        },
      });
      socket.client.on('connected', () => (state = 'connected'));
      socket.client.on('reconnecting', () => (state = 'reconnecting'));
      socket.client.on('disconnected', () => (state = state === 'stopped' ? 'stopped' : 'disconnected'));
      return socket;
    }
    if (!options.signingSecret) throw new Error('Slack HTTP mode needs a signing secret (SLACK_SIGNING_SECRET)');
    const http = new HTTPReceiver({
      signingSecret: options.signingSecret,
      port: options.port,
      customRoutes,
      logger: bolt,
    });
    http.requestListener = refuseFutureTimestamps(http.requestListener, (req) =>
      log.warn(
        { url: req.url, timestamp: req.headers['x-slack-request-timestamp'] },
        'slack: refused a request timestamped in the future',
      ),
    );
    return http;
  }

  /** Registers a channel once per process; direct messages are never scheduled channels. */
  async function ensureChannel(place: Place): Promise<void> {
    if (
      place.channelId.startsWith('D') ||
      place.channelName === 'directmessage' ||
      place.channelName?.startsWith('mpdm-')
    ) {
      return;
    }
    await seenChannels.ensure(place);
  }

  async function actorFor(workspaceId: string, userId: string, fallbackName?: string): Promise<Actor> {
    const info = await users.lookup(userId, fallbackName);
    return {
      platform: 'slack',
      workspaceId,
      userId,
      displayName: info.displayName,
      locale: info.locale,
      isAdmin: info.isAdmin,
    };
  }

  async function reply(respond: RespondFn, message: OutMessage): Promise<void> {
    for (const piece of renderMessage(message)) {
      await respond({
        response_type: message.private ? 'ephemeral' : 'in_channel',
        replace_original: false,
        text: piece.text,
        blocks: piece.blocks,
      });
    }
  }

  function errorMessage(text: string, errorId: ErrorId): OutMessage {
    return { text, tone: 'error', private: true, errorId };
  }

  async function runCommand(command: SlashCommand, respond: RespondFn): Promise<void> {
    const actor = await actorFor(command.team_id, command.user_id, command.user_name);
    const place: Place = {
      platform: 'slack',
      workspaceId: command.team_id,
      channelId: command.channel_id,
      channelName: command.channel_name,
    };
    const text = command.text.trim();
    if (text === '' || /^help$/i.test(text)) {
      await reply(respond, { text: commandHelp(actor.locale, HELP_PREFIX), tone: 'neutral', private: true });
      return;
    }
    const parsed = parseTextCommand(text, actor.locale, HELP_PREFIX);
    if (!parsed.ok) {
      await reply(respond, errorMessage(parsed.message, parsed.errorId));
      return;
    }
    await ensureChannel(place);
    const result = await options.tutor.handleCommand({
      actor,
      place,
      command: parsed.command,
      ...(parsed.subcommand ? { subcommand: parsed.subcommand } : {}),
      options: parsed.options,
      eventId: command.trigger_id,
    });
    for (const message of result.messages) await reply(respond, message);
  }

  async function gradeThreadReply(
    event: MessageEvent & { user: string; thread_ts: string },
    workspaceId: string,
    eventId: string | undefined,
  ): Promise<void> {
    const actor = await actorFor(workspaceId, event.user);
    const place = { platform: 'slack' as const, workspaceId, channelId: event.channel, threadId: event.thread_ts };
    const answer = await options.tutor.handleThreadAnswer({
      actor,
      place,
      text: event.text ?? '',
      ...(eventId ? { eventId } : {}),
    });
    if (!answer) return;
    const context = { channel: event.channel, user: event.user, eventId };
    const attempt = async (method: string, send: () => Promise<unknown>) => {
      try {
        await send();
      } catch (error) {
        log.error({ err: error, method, ...context }, 'slack: answer reply failed');
      }
    };
    // The answerer's feedback goes first; the reaction and the public line follow, side by side.
    await attempt('chat.postEphemeral', async () => {
      for (const piece of renderMessage(answer.privateMessage)) {
        await poster.post('chat.postEphemeral', {
          channel: event.channel,
          user: event.user,
          thread_ts: event.thread_ts,
          text: piece.text,
          blocks: piece.blocks,
        });
      }
    });
    const reaction = REACTIONS[answer.reaction];
    await Promise.all([
      reaction &&
        attempt('reactions.add', () =>
          app.client.reactions.add({ channel: event.channel, timestamp: event.ts, name: reaction }),
        ),
      answer.reaction !== 'rejected' &&
        attempt('chat.postMessage', () =>
          poster.postPieces(renderMessage(answer.publicMessage), event.channel, event.thread_ts),
        ),
    ]);
  }

  async function publishHome(userId: string, workspaceId: string): Promise<void> {
    const actor = await actorFor(workspaceId, userId);
    const overview = await options.tutor.overview(actor);
    await app.client.views.publish({ user_id: userId, view: homeView(overview, actor.locale) });
  }

  // Redeliveries: Bolt passes X-Slack-Retry-Num / retry_attempt as context.retryNum but does not drop them.
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !recent.firstSighting(eventId) && context.retryNum !== undefined) {
      log.info(
        { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        'slack: dropped a redelivered event',
      );
      return;
    }
    await next();
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    await tasks.run(
      '/tutor',
      { command: command.text, user: command.user_id, channel: command.channel_id },
      () => runCommand(command, respond),
      async () => {
        const { locale } = await users.lookup(command.user_id, command.user_name);
        await reply(respond, errorMessage(t(locale, 'error.internal'), 'internal'));
      },
    );
  });

  app.event('message', async ({ event, body }) => {
    const message = event as unknown as MessageEvent;
    if (message.subtype !== undefined || message.bot_id !== undefined || !message.user) return;
    if (!message.thread_ts || message.thread_ts === message.ts) return;
    const threadMessage = { ...message, user: message.user, thread_ts: message.thread_ts };
    const workspaceId = (body as { team_id?: string }).team_id ?? message.team ?? '';
    const eventId = (body as { event_id?: string }).event_id;
    await tasks.run('grading a thread reply', { channel: message.channel, user: message.user, eventId }, () =>
      gradeThreadReply(threadMessage, workspaceId, eventId),
    );
  });

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const workspaceId = (body as { team_id?: string }).team_id ?? '';
    await tasks.run('publishing App Home', { user: event.user, method: 'views.publish' }, () =>
      publishHome(event.user, workspaceId),
    );
  });

  app.error(async (error) => {
    log.error({ err: error, code: error.code }, 'slack: unhandled error in Bolt');
  });

  return {
    platform: 'slack',
    outbox,
    async start() {
      state = 'starting';
      try {
        if (socketMode) {
          await app.start();
        } else {
          server = (await app.start({ port: options.port ?? 3000, host: options.host })) as Server;
        }
      } catch (error) {
        state = 'disconnected';
        throw error;
      }
      state = 'connected';
      log.info({ mode: socketMode ? 'socket' : 'http', url: this.httpUrl() }, 'slack: started');
    },
    async stop() {
      if (state === 'stopped') return;
      const wasRunning = state !== 'disconnected' || socketMode;
      state = 'stopped';
      server = undefined;
      if (wasRunning) await app.stop();
      await tasks.settled();
    },
    connectionState: () => state,
    httpUrl() {
      const address = server?.address() as AddressInfo | null | undefined;
      if (!address) return undefined;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
  };
}
