/**
 * The tutor as a discord.js 14 bot: a thin adapter that turns gateway events into TutorApi calls and the core's
 * replies into embeds. Intents: Guilds, GuildMessages and MessageContent (thread answers need the text; `/answer`
 * works without it). Rate limits and 5xx retries are discord.js's; every handler is guarded so one bad event is
 * logged and never reaches the client; discord.js resumes dropped sessions and `connectionState` follows it.
 */
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type Interaction,
  type Message,
  type RESTOptions,
} from 'discord.js';
import type { Logger } from '../../domain/logger.js';
import type { TutorApi } from '../../tutor/api.js';
import type { ConnectionState, PlatformAdapter } from '../contract.js';
import { GuardedTasks } from '../shared/guarded-tasks.js';
import { RecentIds } from '../shared/recent-ids.js';
import { SeenChannels } from '../shared/seen-channels.js';
import { localeOf, placeOf, type ActorPolicy } from './actor.js';
import { describeError } from './errors.js';
import { handleAutocomplete, handleButton, handleCommand, type InteractionDeps } from './interactions.js';
import { NO_MENTIONS, createOutbox } from './outbox.js';
import { strings } from './strings.js';
import { handleThreadMessage } from './thread-answers.js';

export interface DiscordAdapterOptions {
  readonly token: string;
  /** The application id `register-commands` uses; checked against the bot's own at connect. */
  readonly appId?: string;
  /** REST base URL (DISCORD_API_BASE), e.g. a local fake's `http://127.0.0.1:PORT/api`. */
  readonly apiBase?: string;
  readonly tutor: TutorApi;
  readonly logger: Logger;
  /** Discord user ids or usernames that may run admin commands besides Manage Server members. */
  readonly admins?: readonly string[];
  /** Role name → team name, for teams that follow Discord roles. */
  readonly teamRoles?: Readonly<Record<string, string>>;
  /** Extra discord.js REST options; benchmarks raise `globalRequestsPerSecond`. */
  readonly restOptions?: Partial<RESTOptions>;
  /** How long an interaction may wait for the core before it is deferred (Discord allows 3 s in all). */
  readonly deferAfterMs?: number;
  /** Ask for the privileged Message Content intent (default true; dropped automatically if Discord refuses it). */
  readonly messageContent?: boolean;
  /** The one shard this process connects (`DISCORD_SHARDS`); unset: shard 0 of 1. */
  readonly shard?: { readonly id: number; readonly count: number };
}

/** Gateway close code: the app asked for a privileged intent it has not been granted. */
const DISALLOWED_INTENTS = 4014;

export function createDiscordAdapter(options: DiscordAdapterOptions): PlatformAdapter {
  const logger = options.logger.child({ platform: 'discord' });
  const policy: ActorPolicy = { admins: options.admins ?? [], teamRoles: options.teamRoles ?? {} };
  const seenEvents = new RecentIds();
  const seenChannels = new SeenChannels((place) => options.tutor.ensureChannel(place));
  const tasks = new GuardedTasks(({ event, context, stage, error }) =>
    stage === 'handler'
      ? logger.error({ event, ...context, ...describeError(error) }, 'discord: event handler failed')
      : logger.warn(
          { event, ...context, ...describeError(error) },
          'discord: could not tell the user about the failure',
        ),
  );
  let state: ConnectionState = 'disconnected';
  let stopping = false;

  const deps: InteractionDeps = {
    tutor: options.tutor,
    policy,
    deferAfterMs: options.deferAfterMs ?? 1_500,
    channelSeen: async (interaction) => {
      if (!interaction.guildId) return;
      const place = placeOf(interaction.guildId, interaction.channel, interaction.channelId ?? '');
      await seenChannels.ensure({
        platform: place.platform,
        workspaceId: place.workspaceId,
        channelId: place.channelId,
        channelName: place.channelName,
      });
    },
  };

  /** Handles one event detached from discord.js (logged on failure, awaited by `stop()`); none once stopping. */
  function guard(
    event: string,
    context: Record<string, unknown>,
    work: () => Promise<void>,
    tellUser?: () => Promise<void>,
  ): void {
    if (stopping) return;
    void tasks.run(event, context, work, tellUser);
  }

  /** Connection state for /healthz and the logs: discord.js resumes dropped sessions by itself. */
  function watchConnection(client: Client): void {
    client.on(Events.ClientReady, () => {
      state = 'connected';
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord: connected');
      const actual = client.application?.id;
      if (options.appId && actual && actual !== options.appId) {
        logger.warn(
          { configured: options.appId, actual },
          'discord: DISCORD_APP_ID is not this bot’s application; `tutor register-commands` would register elsewhere',
        );
      }
    });
    client.on(Events.ShardReady, () => (state = stopping ? state : 'connected'));
    client.on(Events.ShardResume, () => (state = stopping ? state : 'connected'));
    client.on(Events.ShardReconnecting, () => {
      if (stopping) return;
      state = 'reconnecting';
      logger.warn('discord: gateway connection lost, resuming');
    });
    client.on(Events.ShardDisconnect, (event) => {
      if (event.code === DISALLOWED_INTENTS) disallowedIntents = true;
      if (stopping) return;
      state = 'disconnected';
      logger.error({ code: event.code }, 'discord: gateway closed and will not reconnect');
    });
    client.on(Events.Invalidated, () => {
      state = 'disconnected';
      logger.error('discord: session invalidated');
    });
    client.on(Events.Error, (error) => logger.error({ ...describeError(error) }, 'discord: client error'));
    client.on(Events.ShardError, (error, shardId) =>
      logger.warn({ shardId, ...describeError(error) }, 'discord: gateway error'),
    );
    client.rest.on('response', (request, response) => {
      if (response.status >= 500) {
        logger.warn(
          { route: `${request.method} ${request.path}`, status: response.status },
          'discord: server error, discord.js retries',
        );
      }
    });
    client.rest.on('rateLimited', (info) =>
      logger.debug({ route: info.route, retryAfter: info.retryAfter }, 'discord: rate limited'),
    );
  }

  /** A discord.js client with every handler attached; rebuilt once without Message Content if Discord refuses it. */
  function buildClient(messageContent: boolean): Client {
    const client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
      ],
      allowedMentions: NO_MENTIONS,
      ...(options.shard ? { shards: [options.shard.id], shardCount: options.shard.count } : {}),
      rest: { ...options.restOptions, ...(options.apiBase ? { api: options.apiBase } : {}) },
    });
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (!seenEvents.firstSighting(`interaction:${interaction.id}`)) return;
      const context = {
        guildId: interaction.guildId,
        channelId: interaction.channelId,
        userId: interaction.user.id,
        interactionId: interaction.id,
      };
      if (interaction.isAutocomplete()) {
        guard('autocomplete', context, () => handleAutocomplete(deps, interaction));
        return;
      }
      if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
      const tellUser = async () => {
        const content = strings(localeOf(interaction.locale)).failed(interaction.id);
        if (interaction.deferred) await interaction.editReply({ content, embeds: [], allowedMentions: NO_MENTIONS });
        else if (!interaction.replied)
          await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      };
      const command = interaction.isChatInputCommand() ? interaction.commandName : `button:${interaction.customId}`;
      guard(
        'interaction',
        { ...context, command },
        () => (interaction.isChatInputCommand() ? handleCommand(deps, interaction) : handleButton(deps, interaction)),
        tellUser,
      );
    });

    client.on(Events.MessageCreate, (message: Message) => {
      if (message.author.bot || !message.channel.isThread()) return;
      if (!seenEvents.firstSighting(`message:${message.id}`)) return;
      guard(
        'thread-answer',
        { guildId: message.guildId, channelId: message.channelId, userId: message.author.id },
        () =>
          handleThreadMessage(
            { tutor: options.tutor, rest: client.rest, policy, logger, botId: client.user?.id },
            message,
          ),
      );
    });

    watchConnection(client);
    return client;
  }

  async function login(): Promise<void> {
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(options.token);
    await ready;
  }

  let messageContent = options.messageContent ?? true;
  let disallowedIntents = false;
  let client = buildClient(messageContent);

  return {
    platform: 'discord',
    outbox: createOutbox(() => client.rest, logger, strings('en').dailyChallenge),
    async start() {
      state = 'starting';
      stopping = false;
      try {
        await login();
      } catch (error) {
        if (!(disallowedIntents && messageContent)) {
          state = 'disconnected';
          throw error;
        }
        // The Message Content intent is privileged: without it enabled in the Developer Portal Discord refuses
        // the connection. Connect without it; /answer and answers that mention the bot still work.
        logger.warn(
          'discord: the Message Content intent is not enabled for this app; thread answers need it (or a mention of the bot), /answer works',
        );
        await client.destroy();
        messageContent = false;
        disallowedIntents = false;
        client = buildClient(false);
        await login().catch((second: unknown) => {
          state = 'disconnected';
          throw second;
        });
      }
    },
    async stop() {
      stopping = true;
      await tasks.settled();
      await client.destroy();
      state = 'stopped';
    },
    connectionState: () => state,
  };
}
