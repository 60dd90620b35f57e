/**
 * A local Discord for tests and benchmarks: REST under /api/v10 and a gateway on 127.0.0.1, enough for the real
 * discord.js client. It records every request, enforces Discord's message limits and its one-response-per-
 * interaction rule, can be told to fail, and lets a test inject gateway dispatches (commands, buttons, messages).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { FakeGateway, guildShard } from './gateway.js';
import { choiceLimitViolations, messageLimitViolations } from './limits.js';
import { DiscordRateLimits } from './rate-limits.js';
import {
  CHANNEL_TYPE,
  PERMISSIONS,
  channelJson,
  memberJson,
  messageJson,
  roleJson,
  snowflake,
  userJson,
  type FakeChannel,
  type FakeMember,
  type FakeRole,
  type FakeUser,
} from './payloads.js';

export { PERMISSIONS, snowflake, type FakeMember, type FakeUser, type FakeChannel, type FakeRole };

type Json = Record<string, unknown>;

export interface RecordedRequest {
  readonly method: string;
  /** Path below /api/v10, segments decoded, e.g. `/channels/123/messages/456/reactions/✅/@me`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Json | null;
  /** `performance.now()` when the request arrived. */
  readonly at: number;
  readonly status: number;
}

export interface FailureRule {
  readonly method: string;
  readonly path: RegExp;
  remaining: number;
  readonly status: number;
  /** Do the work, then answer with the error: a response lost on the way back. */
  readonly afterEffect: boolean;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly channelId: string;
  readonly member: FakeMember;
  acknowledged: boolean;
}

export interface StoredMessage {
  readonly json: Json;
  readonly body: Json;
}

/** An application-command option as Discord sends it in INTERACTION_CREATE. */
export interface ApiOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly focused?: boolean;
  readonly options?: readonly ApiOption[];
}

export const OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5, user: 6 } as const;

export interface InteractionOptions {
  readonly locale?: string;
  /** Defaults to the fake's main text channel. */
  readonly channelId?: string;
}

const FAKE_TOKEN = 'fake-bot-token';
const ALL_INTENTS = (1 << 26) - 1;
export const MESSAGE_CONTENT_INTENT = 1 << 15;

export class FakeDiscord extends EventEmitter {
  readonly token = FAKE_TOKEN;
  readonly appId = snowflake();
  readonly bot: FakeUser = { id: snowflake(), username: 'tutor-bot', bot: true };
  readonly guildId = snowflake();
  readonly channels = new Map<string, FakeChannel>();
  readonly roles: FakeRole[] = [];
  readonly members = new Map<string, FakeMember>();
  /** Every REST request in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Messages per channel (threads and DMs included), as created. */
  readonly messages = new Map<string, StoredMessage[]>();
  readonly reactions: { channelId: string; messageId: string; emoji: string }[] = [];
  readonly commands = new Map<string, Json[]>();
  readonly textChannelId = snowflake();
  /** Intents the app is allowed; clear MESSAGE_CONTENT to act as an app without the privileged intent. */
  allowedIntents = ALL_INTENTS;
  /** The shard count GET /gateway/bot recommends; a session identified as `[id, count]` gets only its guilds. */
  shardCount = 1;
  /** Guild id → name: the main guild and those `addGuild` made. */
  readonly guilds = new Map<string, string>();
  private nextGuild = 0;
  /** Set by `enforceRateLimits`: Discord's global and per-route limits, with 429 and retry_after. */
  rateLimits: DiscordRateLimits | null = null;
  private readonly failures: FailureRule[] = [];
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly nonces = new Map<string, Json>();
  private server: Server | null = null;
  private gateway: FakeGateway | null = null;
  private port = 0;

  constructor() {
    super();
    this.setMaxListeners(0);
    this.guilds.set(this.guildId, 'Fake Guild');
    this.channels.set(this.textChannelId, {
      id: this.textChannelId,
      type: CHANNEL_TYPE.guildText,
      name: 'daily',
      guildId: this.guildId,
    });
  }

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayLog(): FakeGateway['log'] {
    return this.gateway?.log ?? [];
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    this.gateway = new FakeGateway(server, () => `ws://127.0.0.1:${this.port}/gateway`, {
      onIdentify: (sessionId, url, shard) => {
        const own = [...this.guilds.keys()].filter((id) => guildShard(id, shard[1]) === shard[0]);
        return {
          ready: {
            v: 10,
            user: { ...userJson(this.bot), verified: true, mfa_enabled: false },
            guilds: own.map((id) => ({ id, unavailable: true })),
            session_id: sessionId,
            resume_gateway_url: url,
            shard,
            application: { id: this.appId, flags: 0 },
          },
          guilds: own.map((id) => this.guildJson(id)),
        };
      },
      allowedIntents: () => this.allowedIntents,
      shape: (t, d, intents) => this.shapeDispatch(t, d, intents),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await this.gateway?.close();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  // ── world building ────────────────────────────────────────────────────────────────────────────────────────

  addMember(username: string, options: { admin?: boolean; roles?: readonly string[] } = {}): FakeMember {
    const member: FakeMember = {
      user: { id: snowflake(), username },
      roles: options.roles ?? [],
      permissions: PERMISSIONS.viewAndSend | (options.admin ? PERMISSIONS.manageGuild : 0n),
    };
    this.members.set(member.user.id, member);
    return member;
  }

  addRole(name: string): FakeRole {
    const role = { id: snowflake(), name };
    this.roles.push(role);
    return role;
  }

  /**
   * One more guild with `channels` text channels, for sharding: its id's timestamp bits are the guild's ordinal,
   * so consecutive guilds land on consecutive shards (`(id >> 22) % count`), as real guilds spread over time.
   */
  addGuild(name: string, channels: number): { guildId: string; channelIds: string[] } {
    const guildId = ((BigInt(++this.nextGuild) << 22n) | BigInt(this.nextGuild & 0xfff)).toString();
    this.guilds.set(guildId, name);
    const channelIds = Array.from({ length: channels }, (_, i) => {
      const id = snowflake();
      this.channels.set(id, { id, type: CHANNEL_TYPE.guildText, name: `daily-${i}`, guildId });
      return id;
    });
    return { guildId, channelIds };
  }

  private guildJson(guildId = this.guildId): Json {
    const everyone = roleJson({ id: guildId, name: '@everyone' }, 0, PERMISSIONS.viewAndSend);
    const ownMember: FakeMember = { user: this.bot, roles: [], permissions: PERMISSIONS.viewAndSend };
    const inGuild = [...this.channels.values()].filter((c) => c.guildId === guildId);
    return {
      id: guildId,
      name: this.guilds.get(guildId) ?? 'Fake Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: [...this.members.keys()][0] ?? this.bot.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: '2025-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: this.members.size + 1,
      roles: [everyone, ...this.roles.map((r, i) => roleJson(r, i + 1, 0n))],
      emojis: [],
      stickers: [],
      voice_states: [],
      members: [memberJson(ownMember, false), ...[...this.members.values()].map((m) => memberJson(m, false))],
      channels: inGuild.filter((c) => c.type === CHANNEL_TYPE.guildText).map((c) => channelJson(c)),
      threads: inGuild.filter((c) => c.type === CHANNEL_TYPE.publicThread).map((c) => channelJson(c)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** Without the Message Content intent, Discord withholds message text unless the message mentions the bot. */
  private shapeDispatch(t: string, d: unknown, intents: number): unknown {
    if (t !== 'MESSAGE_CREATE' || (intents & MESSAGE_CONTENT_INTENT) !== 0) return d;
    const message = d as Json;
    const author = message.author as Json;
    if (author.id === this.bot.id || String(message.content).includes(`<@${this.bot.id}>`)) return d;
    return { ...message, content: '', embeds: [], attachments: [], components: [] };
  }

  /** From now on, answers as Discord does over its rate limits (see rate-limits.ts). */
  enforceRateLimits(): DiscordRateLimits {
    this.rateLimits = new DiscordRateLimits();
    return this.rateLimits;
  }

  // ── failures and observation ──────────────────────────────────────────────────────────────────────────────

  /** Answer the next `count` matching requests with `status` (500 by default). */
  failNext(
    method: string,
    path: RegExp,
    count: number,
    options: { status?: number; afterEffect?: boolean } = {},
  ): void {
    this.failures.push({
      method,
      path,
      remaining: count,
      status: options.status ?? 500,
      afterEffect: options.afterEffect ?? false,
    });
  }

  /** How many requests are recorded so far: pass it to `waitForRequest` as `since` to wait only for later ones. */
  mark(): number {
    return this.requests.length;
  }

  /** Resolves with the first request (recorded at index `since` or later, or still to come) that matches. */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 5_000, since = 0): Promise<RecordedRequest> {
    for (let i = since; i < this.requests.length; i++) {
      const recorded = this.requests[i] as RecordedRequest;
      if (match(recorded)) return Promise.resolve(recorded);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('request', listener);
        reject(new Error(`fake discord: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (r: RecordedRequest) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.off('request', listener);
        resolve(r);
      };
      this.on('request', listener);
    });
  }

  /** Every request whose body carries a message the bot sends (channel posts, interaction replies, webhooks). */
  sentMessageBodies(): Json[] {
    return this.requests
      .filter((r) => r.body && /\/messages$|\/callback$|^\/webhooks\/|\/messages\/@original$/.test(r.path))
      .map((r) => (r.path.endsWith('/callback') ? ((r.body?.data as Json | undefined) ?? null) : r.body))
      .filter((b): b is Json => b !== null && (b.content !== undefined || b.embeds !== undefined));
  }

  channelMessages(channelId: string): StoredMessage[] {
    return this.messages.get(channelId) ?? [];
  }

  dropConnections(): void {
    this.gateway?.dropConnections();
  }

  connectedSessions(): number {
    return this.gateway?.connected() ?? 0;
  }

  // ── gateway injection ─────────────────────────────────────────────────────────────────────────────────────

  dispatch(t: string, d: unknown): void {
    this.gateway?.dispatch(t, d);
  }

  /** Send dispatches to one gateway session only (`null`: to all), e.g. to measure two bots in turn. */
  routeDispatchesTo(sessionId: string | null): void {
    if (this.gateway) this.gateway.target = sessionId;
  }

  /** A member writes in a channel or thread: MESSAGE_CREATE as Discord sends it. Returns the payload. */
  userMessage(member: FakeMember, channelId: string, content: string): Json {
    const payload = messageJson({
      id: snowflake(),
      channelId,
      guildId: this.channels.get(channelId)?.guildId ?? this.guildId,
      author: member.user,
      member,
      content,
    });
    this.store(channelId, payload, { content });
    this.dispatch('MESSAGE_CREATE', payload);
    return payload;
  }

  /** A slash command. `name` is the top-level command; options as Discord nests them. */
  slashCommand(member: FakeMember, name: string, options: readonly ApiOption[] = [], opts: InteractionOptions = {}) {
    return this.interact(member, 2, { id: snowflake(), name, type: 1, options: [...options] }, opts);
  }

  autocomplete(member: FakeMember, name: string, options: readonly ApiOption[], opts: InteractionOptions = {}) {
    return this.interact(member, 4, { id: snowflake(), name, type: 1, options: [...options] }, opts);
  }

  /** A button click on one of the bot's messages. */
  clickButton(member: FakeMember, customId: string, message: Json, opts: InteractionOptions = {}) {
    return this.interact(member, 3, { custom_id: customId, component_type: 2 }, opts, message);
  }

  private interact(member: FakeMember, type: number, data: Json, opts: InteractionOptions, message?: Json) {
    const id = snowflake();
    const token = `itoken-${id}`;
    const channelId = opts.channelId ?? this.textChannelId;
    const channel = this.channels.get(channelId);
    const guildId = channel?.guildId ?? this.guildId;
    this.interactions.set(id, { id, token, channelId, member, acknowledged: false });
    const payload: Json = {
      id,
      application_id: this.appId,
      type,
      data: { ...data, ...this.resolvedFor(data) },
      guild_id: guildId,
      channel_id: channelId,
      channel: channel ? channelJson(channel) : { id: channelId, type: 0 },
      member: memberJson(member, true),
      token,
      version: 1,
      app_permissions: PERMISSIONS.viewAndSend.toString(),
      locale: opts.locale ?? 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 8_388_608,
      ...(message ? { message } : {}),
    };
    this.dispatch('INTERACTION_CREATE', payload);
    return {
      id,
      token,
      payload,
      callback: () => this.waitForRequest((r) => r.path === `/interactions/${id}/${token}/callback`),
    };
  }

  private resolvedFor(data: Json): Json {
    const users: Json = {};
    const members: Json = {};
    const visit = (options: readonly ApiOption[] | undefined) => {
      for (const option of options ?? []) {
        if (option.type === OPTION_TYPE.user && typeof option.value === 'string') {
          const member = this.members.get(option.value);
          if (member) {
            users[option.value] = userJson(member.user);
            const { user: _user, ...rest } = memberJson(member, true);
            members[option.value] = rest;
          }
        }
        visit(option.options);
      }
    };
    visit(data.options as ApiOption[] | undefined);
    return Object.keys(users).length > 0 ? { resolved: { users, members } } : {};
  }

  // ── REST ──────────────────────────────────────────────────────────────────────────────────────────────────

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname
      .replace(/^\/api\/v10/, '')
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    let body: Json | null = null;
    try {
      body = raw.length > 0 ? (JSON.parse(raw) as Json) : null;
    } catch {
      body = { unparsed: raw };
    }
    const limit = this.rateLimits?.take(method, path, at) ?? null;
    const failure = this.failures.find((f) => f.remaining > 0 && f.method === method && f.path.test(path));
    if (failure && limit?.status !== 429) failure.remaining -= 1;
    let reply: Reply;
    if (limit?.status === 429) {
      reply = { status: 429, body: limit.body, headers: limit.headers };
    } else if (req.headers.authorization !== undefined && req.headers.authorization !== `Bot ${FAKE_TOKEN}`) {
      reply = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    } else if (failure && !failure.afterEffect) {
      reply = { status: failure.status, body: { message: 'fake: injected failure', code: 0 } };
    } else {
      reply = this.route(method, path, url.searchParams, body ?? {});
      if (failure)
        reply = { status: failure.status, body: { message: 'fake: injected failure after effect', code: 0 } };
    }
    const recorded: RecordedRequest = { method, path, query: url.searchParams, body, at, status: reply.status };
    this.requests.push(recorded);
    const headers = { ...limit?.headers, ...reply.headers };
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
    } else {
      res.writeHead(reply.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    }
    this.emit('request', recorded);
  }

  private route(method: string, path: string, query: URLSearchParams, body: Json): Reply {
    const parts = path.split('/').filter(Boolean);
    const key = `${method} /${parts.map((p, i) => (ROUTE_PARAM_POSITIONS.has(`${parts[0]}:${i}`) ? ':' : p)).join('/')}`;
    switch (key) {
      case 'GET /gateway/bot':
        return {
          status: 200,
          body: {
            url: `ws://127.0.0.1:${this.port}/gateway`,
            shards: this.shardCount,
            session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
          },
        };
      case 'GET /users/@me':
        return { status: 200, body: userJson(this.bot) };
      case 'GET /channels/:':
        return this.getChannel(parts[1] as string);
      case 'POST /channels/:/messages':
        return this.createMessage(parts[1] as string, body);
      case 'POST /channels/:/messages/:/threads':
        return this.startThread(parts[1] as string, parts[3] as string, body);
      case 'PUT /channels/:/messages/:/reactions/:/@me':
        this.reactions.push({
          channelId: parts[1] as string,
          messageId: parts[3] as string,
          emoji: parts[5] as string,
        });
        return { status: 204 };
      case 'POST /users/@me/channels':
        return this.openDm(String(body.recipient_id));
      case 'POST /interactions/:/:/callback':
        return this.interactionCallback(parts[1] as string, parts[2] as string, body, query);
      case 'PATCH /webhooks/:/:/messages/@original':
        return this.webhookMessage(parts[2] as string, body, 'original');
      case 'DELETE /webhooks/:/:/messages/@original':
        return this.interactionByToken(parts[2] as string) ? { status: 204 } : unknownWebhook();
      case 'POST /webhooks/:/:':
        return this.webhookMessage(parts[2] as string, body, 'followup');
      case 'PUT /applications/:/commands':
      case 'PUT /applications/:/guilds/:/commands':
        return this.putCommands(parts[3] ?? 'global', body);
      default:
        return { status: 404, body: { message: `404: Not Found (${method} ${path})`, code: 0 } };
    }
  }

  private getChannel(id: string): Reply {
    const channel = this.channels.get(id);
    return channel
      ? { status: 200, body: channelJson(channel) }
      : { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
  }

  private createMessage(channelId: string, body: Json): Reply {
    const channel = this.channels.get(channelId);
    if (!channel) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    const invalid = messageLimitViolations(body);
    if (invalid.length > 0) return formError(invalid);
    const nonceKey = `${channelId}:${String(body.nonce)}`;
    if (body.enforce_nonce === true && body.nonce !== undefined) {
      const existing = this.nonces.get(nonceKey);
      if (existing) return { status: 200, body: existing };
    }
    const json = messageJson({
      id: snowflake(),
      channelId,
      guildId: channel.guildId,
      author: this.bot,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: body.embeds as unknown[] | undefined,
      components: body.components as unknown[] | undefined,
      nonce: body.nonce as string | undefined,
    });
    if (body.nonce !== undefined) this.nonces.set(nonceKey, json);
    this.store(channelId, json, body);
    if (channel.guildId) this.dispatch('MESSAGE_CREATE', json);
    return { status: 200, body: json };
  }

  private startThread(channelId: string, messageId: string, body: Json): Reply {
    const parent = this.channels.get(channelId);
    if (!parent || !this.channelMessages(channelId).some((m) => m.json.id === messageId)) {
      return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    }
    if (this.channels.has(messageId)) {
      return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
    }
    const name = typeof body.name === 'string' ? body.name : '';
    if (name.length < 1 || name.length > 100) return formError([{ path: 'name', problem: '1 to 100 characters' }]);
    const thread: FakeChannel = {
      id: messageId,
      type: CHANNEL_TYPE.publicThread,
      name,
      guildId: parent.guildId,
      parentId: channelId,
      ownerId: this.bot.id,
    };
    this.channels.set(thread.id, thread);
    const json = channelJson(thread);
    this.dispatch('THREAD_CREATE', { ...json, newly_created: true });
    return { status: 201, body: json };
  }

  private openDm(recipientId: string): Reply {
    const member = this.members.get(recipientId);
    if (!member) return { status: 400, body: { message: 'Invalid Recipient(s)', code: 50033 } };
    const existing = [...this.channels.values()].find(
      (c) => c.type === CHANNEL_TYPE.dm && c.recipient?.id === recipientId,
    );
    const channel: FakeChannel = existing ?? {
      id: snowflake(),
      type: CHANNEL_TYPE.dm,
      name: '',
      recipient: member.user,
    };
    this.channels.set(channel.id, channel);
    return { status: 200, body: channelJson(channel) };
  }

  private interactionCallback(id: string, token: string, body: Json, query: URLSearchParams): Reply {
    const interaction = this.interactions.get(id);
    if (!interaction || interaction.token !== token)
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    if (interaction.acknowledged) {
      return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    }
    const type = Number(body.type);
    const data = (body.data ?? {}) as Json;
    const invalid =
      type === 8 ? choiceLimitViolations(body) : type === 4 || type === 7 ? messageLimitViolations(data) : [];
    if (invalid.length > 0) return formError(invalid);
    interaction.acknowledged = true;
    if (type === 4) this.store(interaction.channelId, this.interactionMessage(interaction, data), data);
    if (query.get('with_response') !== 'true') return { status: 204 };
    return { status: 200, body: { interaction: { id, type: 2, response_message_loading: type === 5 } } };
  }

  private interactionByToken(token: string): InteractionRecord | undefined {
    return [...this.interactions.values()].find((i) => i.token === token);
  }

  private webhookMessage(token: string, body: Json, kind: 'original' | 'followup'): Reply {
    const interaction = this.interactionByToken(token);
    if (!interaction) return unknownWebhook();
    if (!interaction.acknowledged) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    const invalid = messageLimitViolations(body);
    if (invalid.length > 0) return formError(invalid);
    const json = this.interactionMessage(interaction, body);
    if (kind === 'followup') this.store(interaction.channelId, json, body);
    return { status: 200, body: json };
  }

  private interactionMessage(interaction: InteractionRecord, body: Json): Json {
    return messageJson({
      id: snowflake(),
      channelId: interaction.channelId,
      guildId: this.guildId,
      author: this.bot,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: body.embeds as unknown[] | undefined,
      components: body.components as unknown[] | undefined,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      webhookId: this.appId,
      applicationId: this.appId,
    });
  }

  private putCommands(scope: string, body: unknown): Reply {
    const list = Array.isArray(body) ? (body as Json[]) : [];
    const created = list.map((c) => ({ ...c, id: snowflake(), application_id: this.appId, version: snowflake() }));
    this.commands.set(scope, created);
    return { status: 200, body: created };
  }

  private store(channelId: string, json: Json, body: Json): void {
    const list = this.messages.get(channelId) ?? [];
    list.push({ json, body });
    this.messages.set(channelId, list);
  }
}

/** Positions of ids in paths, by first segment, so routes match regardless of the snowflakes in them. */
const ROUTE_PARAM_POSITIONS = new Set([
  'channels:1',
  'channels:3',
  'channels:5',
  'interactions:1',
  'interactions:2',
  'webhooks:1',
  'webhooks:2',
  'applications:1',
  'applications:3',
]);

function formError(problems: readonly { path: string; problem: string }[]): Reply {
  return {
    status: 400,
    body: {
      message: 'Invalid Form Body',
      code: 50035,
      errors: Object.fromEntries(
        problems.map((p) => [p.path, { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: p.problem }] }]),
      ),
    },
  };
}

function unknownWebhook(): Reply {
  return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
