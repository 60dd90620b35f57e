/**
 * What every platform adapter offers the app (after Hubot's adapter contract): start, stop, an outbox the
 * scheduler posts through, and a connection state for `/healthz`. Adapters receive the `TutorApi` at
 * construction and call it for every event; they never touch the store or the knowledge graph.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Platform } from '../domain/vocabulary.js';
import type { Outbox } from '../tutor/api.js';

export type ConnectionState = 'starting' | 'connected' | 'reconnecting' | 'disconnected' | 'stopped';

export interface PlatformAdapter {
  readonly platform: Platform;
  readonly outbox: Outbox;
  start(): Promise<void>;
  /** Stop taking events, let in-flight handlers finish, close connections. */
  stop(): Promise<void>;
  connectionState(): ConnectionState;
}

/**
 * An extra HTTP route an adapter serves on its own server (Slack's HTTP receiver owns PORT, so `/healthz` is
 * mounted there), in Node's own types so the app never needs the platform library's.
 */
export interface HttpRoute {
  readonly path: string;
  readonly method: string | readonly string[];
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
}
