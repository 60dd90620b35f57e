/**
 * `GET /healthz`: the database (what answering needs: a write rolled back, and PRAGMA quick_check), the
 * knowledge and each platform connection, as JSON; 200 when all are fine,
 * 503 otherwise. Served by the Slack HTTP receiver as a custom route when Slack owns PORT, else by a small
 * standalone server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KnowledgeBase } from '../challenges/types.js';
import type { Logger } from '../domain/logger.js';
import type { ConnectionState, HttpRoute, PlatformAdapter } from '../platforms/contract.js';
import type { Store } from '../store/types.js';

export interface HealthSources {
  readonly store: Pick<Store, 'health'>;
  /** The knowledge in service now; `null` before the first load succeeded. */
  readonly knowledge: () => Pick<KnowledgeBase, 'graph' | 'warnings'> | null;
  readonly platforms: readonly Pick<PlatformAdapter, 'platform' | 'connectionState'>[];
}

export interface HealthReport {
  readonly ok: boolean;
  readonly database: {
    readonly ok: boolean;
    readonly writable?: boolean;
    readonly intact?: boolean;
    readonly schemaVersion?: number;
    readonly latestVersion?: number;
    readonly detail?: string;
  };
  readonly knowledge: {
    readonly ok: boolean;
    readonly loaded: boolean;
    readonly nodes: number;
    readonly warnings: number;
  };
  readonly platforms: readonly { readonly platform: string; readonly ok: boolean; readonly state: ConnectionState }[];
}

export type HealthCheck = () => Promise<HealthReport>;

export function createHealthCheck(sources: HealthSources): HealthCheck {
  return async () => {
    const database = await sources.store.health().then(
      (h) => ({
        ok: h.ok,
        writable: h.writable,
        intact: h.intact,
        schemaVersion: h.schemaVersion,
        latestVersion: h.latestVersion,
        ...(h.detail === undefined ? {} : { detail: h.detail }),
      }),
      (error: unknown) => ({ ok: false, detail: error instanceof Error ? error.message : String(error) }),
    );
    const kb = sources.knowledge();
    const knowledge = {
      ok: kb !== null && kb.graph.nodes.size > 0,
      loaded: kb !== null,
      nodes: kb?.graph.nodes.size ?? 0,
      warnings: kb?.warnings.length ?? 0,
    };
    const platforms = sources.platforms.map((p) => {
      const state = p.connectionState();
      return { platform: p.platform, ok: state === 'connected', state };
    });
    return { ok: database.ok && knowledge.ok && platforms.every((p) => p.ok), database, knowledge, platforms };
  };
}

/**
 * A Node request handler answering `/healthz` (GET or HEAD). It never throws: a failing check is a 503 with
 * the error, logged once.
 */
export function healthHandler(check: HealthCheck, logger?: Logger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== HEALTH_PATH) return reply(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, { error: 'method not allowed' });
    check().then(
      (report) => reply(res, report.ok ? 200 : 503, report, req.method === 'HEAD'),
      (error: unknown) => {
        logger?.error({ err: error }, 'health check failed');
        reply(res, 503, { ok: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
  };
}

export const HEALTH_PATH = '/healthz';

/** `/healthz` as a route on an adapter's own server (Slack's HTTP receiver, when it owns PORT). */
export function healthRoute(check: HealthCheck, logger?: Logger): HttpRoute {
  return { path: HEALTH_PATH, method: ['GET', 'HEAD'], handler: healthHandler(check, logger) };
}

function reply(res: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
  });
  res.end(headOnly ? undefined : json);
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A server for `/healthz` alone, for when no Slack HTTP receiver owns PORT. Host defaults to all interfaces. */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  check: HealthCheck;
  logger?: Logger;
}): Promise<HealthServer> {
  const server = createServer(healthHandler(options.check, options.logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
