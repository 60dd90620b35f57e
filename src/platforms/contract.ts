/**
 * What every platform adapter offers the app (after Hubot's adapter contract): start, stop, an outbox the
 * scheduler posts through, and a connection state for `/healthz`. Adapters receive the `TutorApi` at
 * construction and call it for every event; they never touch the store or the knowledge graph.
 */
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
