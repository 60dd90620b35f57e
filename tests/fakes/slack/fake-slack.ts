/**
 * A local stand-in for Slack, on 127.0.0.1 only: the Web API methods the tutor calls, `response_url`
 * endpoints for slash commands, and a Socket Mode WebSocket (apps.connections.open hands out its ws:// URL).
 * Every call is recorded; any method can be made to fail on demand (HTTP 500, or `ok:false` with Retry-After).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeUser {
  readonly id: string;
  readonly name?: string;
  readonly isAdmin?: boolean;
  readonly isOwner?: boolean;
  readonly locale?: string;
}

export interface RecordedCall {
  readonly method: string;
  /** The request path: tells apart the `response_url`s of different slash commands. */
  readonly path: string;
  readonly args: Record<string, unknown>;
  /** `performance.now()` when the fake received it: benchmarks measure latency against it. */
  readonly at: number;
}

export type Failure = { readonly status: 500 } | { readonly error: string; readonly retryAfterSeconds?: number };

export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: unknown;
}

export interface FakeSlackOptions {
  readonly teamId?: string;
  readonly botUserId?: string;
  readonly botId?: string;
  readonly users?: readonly FakeUser[];
}

/** Fields the Web API client sends as JSON strings inside a form body. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata'];

export class FakeSlack {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly calls: RecordedCall[] = [];
  private readonly users = new Map<string, FakeUser>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly waiters: { match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly pendingAcks = new Map<string, (ack: SocketAck) => void>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private baseUrl = '';
  private tsCounter = 0;
  private envelopeCounter = 0;
  private responseCounter = 0;

  constructor(options: FakeSlackOptions = {}) {
    this.teamId = options.teamId ?? 'T0TEAM';
    this.botUserId = options.botUserId ?? 'U0BOT';
    this.botId = options.botId ?? 'B0BOT';
    for (const user of options.users ?? []) this.users.set(user.id, user);
  }

  /** The Web API base for Bolt's `clientOptions.slackApiUrl` (`SLACK_API_URL`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server, path: '/socket' });
    this.wss.on('connection', (socket) => this.onSocket(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss?.close();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  setUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` fail as described. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** A fresh `response_url` for a slash command; what the app posts there is recorded as method `response_url`. */
  responseUrl(): string {
    this.responseCounter += 1;
    return `${this.baseUrl}/response/${this.responseCounter}`;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** How many calls are recorded so far: pass it to `waitFor` as `since` to wait only for later calls. */
  mark(): number {
    return this.calls.length;
  }

  /** Resolves with the first call of `method` matching `predicate`, recorded at index `since` or later (or in future). */
  waitFor(
    method: string,
    predicate: (args: Record<string, unknown>, call: RecordedCall) => boolean = () => true,
    since = 0,
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    const match = (c: RecordedCall) => c.method === method && predicate(c.args, c);
    const done = this.calls.slice(since).find(match);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (c: RecordedCall) => {
          clearTimeout(timer);
          resolve(c);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`fake Slack: no ${method} call matched within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  get socketConnections(): number {
    return this.sockets.size;
  }

  /** Waits until the app's Socket Mode client has received `hello`. */
  async waitForSocket(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sockets.size === 0) {
      if (Date.now() > deadline) throw new Error('fake Slack: no Socket Mode connection');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Sends a Socket Mode envelope (`events_api`, `slash_commands`, `interactive`) and resolves with the app's ack.
   * `retryAttempt` > 0 marks a redelivery, as Slack does.
   */
  sendEnvelope(type: string, payload: unknown, retryAttempt = 0, timeoutMs = 5000): Promise<SocketAck> {
    const socket = [...this.sockets][0];
    if (!socket) return Promise.reject(new Error('fake Slack: no Socket Mode connection'));
    this.envelopeCounter += 1;
    const envelopeId = `env-${this.envelopeCounter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(envelopeId);
        reject(new Error(`fake Slack: envelope ${envelopeId} not acknowledged within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pendingAcks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: retryAttempt,
          retry_reason: retryAttempt > 0 ? 'timeout' : '',
        }),
      );
    });
  }

  private onSocket(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      this.pendingAcks.get(ack.envelope_id)?.(ack);
      this.pendingAcks.delete(ack.envelope_id);
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    const isResponseUrl = path.startsWith('/response/');
    const method = isResponseUrl ? 'response_url' : path.replace(/^\/api\//, '');
    const args = parseBody(raw, req.headers['content-type'] ?? '');
    const call: RecordedCall = { method, path, args, at: performance.now() };
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    const failure = this.failures.get(method)?.shift();
    if (failure && 'status' in failure) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      return;
    }
    if (failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      const status = failure.error === 'ratelimited' ? 429 : 200;
      res.writeHead(status, headers).end(JSON.stringify({ ok: false, error: failure.error }));
      return;
    }
    const body = isResponseUrl ? { ok: true } : this.answer(method, args);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack/',
          team: 'Fake',
          team_id: this.teamId,
          user: 'tutor',
          user_id: this.botUserId,
          bot_id: this.botId,
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text, thread_ts: args.thread_ts } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'reactions.add':
        return { ok: true };
      case 'views.publish':
        return { ok: true, view: { id: 'V0VIEW', ...(args.view as object) } };
      case 'users.info':
        return this.userInfo(String(args.user));
      case 'apps.connections.open':
        return { ok: true, url: `${this.baseUrl.replace(/^http/, 'ws')}/socket` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private userInfo(id: string): Record<string, unknown> {
    const user = this.users.get(id);
    if (!user) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: {
        id: user.id,
        team_id: this.teamId,
        name: user.name ?? user.id.toLowerCase(),
        real_name: user.name ?? user.id,
        profile: { display_name: user.name ?? '', real_name: user.name ?? user.id },
        is_admin: user.isAdmin ?? false,
        is_owner: user.isOwner ?? false,
        is_bot: false,
        locale: user.locale ?? 'en-US',
      },
    };
  }
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.includes(key) ? JSON.parse(value) : value;
  }
  return args;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlack(options);
  await fake.start();
  return fake;
}
