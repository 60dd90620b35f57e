/**
 * The fake's gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat → ACK, RESUME → RESUMED, and dispatches
 * pushed by tests. Plain JSON frames: discord.js only asks for compression when zlib-sync is installed.
 */
import type { Server } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';

/** Discord's rule, written out here rather than imported, so the fake checks the tutor's copy of it. */
export function guildShard(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The guild a dispatch belongs to (`guild_id`), or `null` for one that is not a guild's (a DM). */
function guildOf(d: unknown): string | null {
  const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
  return typeof guildId === 'string' ? guildId : null;
}

const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, invalidSession: 9, hello: 10, heartbeatAck: 11 };

interface Session {
  readonly id: string;
  readonly intents: number;
  /** `[shard id, shard count]` from IDENTIFY (`[0, 1]` when the client sent none). */
  readonly shard: readonly [number, number];
  seq: number;
  socket: WebSocket | null;
}

export interface GatewayHooks {
  /** READY's `d` and the GUILD_CREATE payloads that follow it, built fresh for every identify. */
  onIdentify(
    sessionId: string,
    url: string,
    shard: readonly [number, number],
  ): { ready: Record<string, unknown>; guilds: Record<string, unknown>[] };
  /** Intent bits the application may use; identifying with others closes the socket with 4014. */
  allowedIntents(): number;
  /** A dispatch as a session with these intents receives it (e.g. message text withheld). */
  shape(t: string, d: unknown, intents: number): unknown;
}

export class FakeGateway {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private nextSession = 1;
  /** Every identify and resume the client made, for assertions about reconnects. */
  readonly log: {
    op: 'identify' | 'resume';
    session: string;
    intents?: number;
    shard?: readonly [number, number];
    at: number;
  }[] = [];
  /** When set, dispatches go to this session only (two bots on one fake, measured in turn). */
  target: string | null = null;

  constructor(
    server: Server,
    private readonly url: () => string,
    private readonly hooks: GatewayHooks,
  ) {
    this.wss = new WebSocketServer({ server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  private accept(socket: WebSocket): void {
    let session: Session | null = null;
    socket.send(JSON.stringify({ op: OP.hello, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | number | null };
      if (frame.op === OP.heartbeat) {
        socket.send(JSON.stringify({ op: OP.heartbeatAck, d: null, s: null, t: null }));
      } else if (frame.op === OP.identify) {
        const d = frame.d as { intents: number; shard?: [number, number] };
        const id = `session-${this.nextSession++}`;
        const shard = d.shard ?? ([0, 1] as const);
        this.log.push({ op: 'identify', session: id, intents: d.intents, shard, at: Date.now() });
        if ((d.intents & ~this.hooks.allowedIntents()) !== 0) {
          // What Discord does when a privileged intent is not enabled in the Developer Portal.
          socket.close(4014, 'Disallowed intent(s).');
          return;
        }
        session = { id, intents: d.intents, shard, seq: 0, socket };
        this.sessions.set(session.id, session);
        const { ready, guilds } = this.hooks.onIdentify(session.id, this.url(), shard);
        this.send(session, 'READY', ready);
        for (const guild of guilds) this.send(session, 'GUILD_CREATE', guild);
      } else if (frame.op === OP.resume) {
        const d = frame.d as { session_id: string };
        this.log.push({ op: 'resume', session: d.session_id, at: Date.now() });
        const known = this.sessions.get(d.session_id);
        if (!known) {
          socket.send(JSON.stringify({ op: OP.invalidSession, d: false, s: null, t: null }));
          return;
        }
        known.socket = socket;
        session = known;
        this.send(known, 'RESUMED', {});
      }
    });
    socket.on('close', () => {
      if (session && session.socket === socket) session.socket = null;
    });
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.socket?.send(JSON.stringify({ op: OP.dispatch, t, s: session.seq, d }));
  }

  /** Push one dispatch to every connected session of the guild's shard (what Discord does for a guild event). */
  dispatch(t: string, d: unknown): void {
    const guildId = guildOf(d);
    for (const session of this.sessions.values()) {
      if (this.target !== null && session.id !== this.target) continue;
      if (guildId !== null && guildShard(guildId, session.shard[1]) !== session.shard[0]) continue;
      if (session.socket) this.send(session, t, this.hooks.shape(t, d, session.intents));
    }
  }

  connected(): number {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).length;
  }

  /** Drop every connection as a network failure would; sessions stay resumable. */
  dropConnections(): void {
    for (const session of this.sessions.values()) session.socket?.close(4000, 'fake: connection dropped');
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
