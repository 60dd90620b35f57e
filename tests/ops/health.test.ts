import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeGraph } from '../../src/knowledge/load.js';
import type { KnowledgeGraph } from '../../src/knowledge/types.js';
import { createHealthCheck, healthRoute, startHealthServer, type HealthSources } from '../../src/ops/health.js';
import type { ConnectionState } from '../../src/platforms/contract.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/store.js';
import { corruptTable, seedDatabase } from './helpers.js';

let dir: string;
let store: SqliteStore;
let graph: KnowledgeGraph;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tutor-health-'));
  store = openSqliteStore(path.join(dir, 'tutor.db'));
  graph = await loadKnowledgeGraph(new URL('../../knowledge', import.meta.url).pathname);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function platform(name: 'discord' | 'slack', state: ConnectionState) {
  return { platform: name, connectionState: () => state };
}

function sources(overrides: Partial<HealthSources> = {}): HealthSources {
  return {
    store,
    knowledge: () => ({ graph, warnings: graph.warnings }),
    platforms: [platform('discord', 'connected'), platform('slack', 'connected')],
    ...overrides,
  };
}

async function get(port: number, pathname = '/healthz', method = 'GET') {
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { method });
  return { status: res.status, body: method === 'HEAD' ? '' : await res.text() };
}

describe('createHealthCheck', () => {
  it('is ok with a migrated writable database, loaded knowledge and connected platforms', async () => {
    const report = await createHealthCheck(sources())();
    expect(report.ok).toBe(true);
    expect(report.database).toMatchObject({ ok: true, writable: true, intact: true });
    expect(report.database.schemaVersion).toBe(report.database.latestVersion);
    expect(report.knowledge).toEqual({
      ok: true,
      loaded: true,
      nodes: graph.nodes.size,
      warnings: graph.warnings.length,
    });
    expect(report.knowledge.nodes).toBeGreaterThan(10);
    expect(report.platforms).toEqual([
      { platform: 'discord', ok: true, state: 'connected' },
      { platform: 'slack', ok: true, state: 'connected' },
    ]);
  });

  it('is not ok while a platform reconnects, before knowledge loads, or when the database cannot write', async () => {
    const reconnecting = await createHealthCheck(sources({ platforms: [platform('slack', 'reconnecting')] }))();
    expect(reconnecting.ok).toBe(false);
    expect(reconnecting.platforms[0]).toEqual({ platform: 'slack', ok: false, state: 'reconnecting' });

    const noKnowledge = await createHealthCheck(sources({ knowledge: () => null }))();
    expect(noKnowledge.ok).toBe(false);
    expect(noKnowledge.knowledge).toEqual({ ok: false, loaded: false, nodes: 0, warnings: 0 });

    const readOnly = openSqliteStore(path.join(dir, 'tutor.db'), { readOnly: true });
    try {
      const report = await createHealthCheck(sources({ store: readOnly }))();
      expect(report.ok).toBe(false);
      expect(report.database).toMatchObject({ ok: false, writable: false });
      expect(report.database.detail).toMatch(/read-only/);
    } finally {
      await readOnly.close();
    }
  });

  it('is not ok, and /healthz says 503, when damaged pages fail PRAGMA quick_check though writes still work', async () => {
    const file = path.join(dir, 'damaged.db');
    await seedDatabase(file);
    corruptTable(file, 'attempts');
    const damaged = openSqliteStore(file);
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      check: createHealthCheck(sources({ store: damaged })),
    });
    try {
      const { status, body } = await get(server.port);
      expect(status).toBe(503);
      const report = JSON.parse(body) as { ok: boolean; database: Record<string, unknown> };
      expect(report.ok).toBe(false);
      expect(report.database).toMatchObject({ ok: false, intact: false, writable: true });
      expect(report.database.detail).toMatch(/^damaged \(PRAGMA quick_check\): .+/);
    } finally {
      await server.close();
      await damaged.close();
    }
  });

  it('reports a database that fails outright instead of throwing', async () => {
    const closed = openSqliteStore(path.join(dir, 'closed.db'));
    await closed.close();
    const report = await createHealthCheck(sources({ store: closed }))();
    expect(report.ok).toBe(false);
    expect(report.database.ok).toBe(false);
    expect(report.database.detail).toBe('The database connection is not open');
  });
});

describe('startHealthServer', () => {
  it('answers GET /healthz with 200 or 503 and the JSON report, and nothing else', async () => {
    let state: ConnectionState = 'connected';
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      check: createHealthCheck(sources({ platforms: [{ platform: 'discord', connectionState: () => state }] })),
    });
    try {
      const ok = await get(server.port);
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ ok: true, database: { ok: true }, knowledge: { loaded: true } });
      state = 'disconnected';
      const down = await get(server.port);
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body).platforms).toEqual([{ platform: 'discord', ok: false, state: 'disconnected' }]);
      expect((await get(server.port, '/healthz?verbose=1')).status).toBe(503);
      expect((await get(server.port, '/healthz', 'HEAD')).status).toBe(503);
      expect((await get(server.port, '/other')).status).toBe(404);
      expect((await get(server.port, '/healthz', 'POST')).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('answers 503 when the check itself fails', async () => {
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      check: () => Promise.reject(new Error('boom')),
    });
    try {
      const res = await get(server.port);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: 'boom' });
    } finally {
      await server.close();
    }
  });

  it('fails to start, rather than hang, when the port is taken', async () => {
    const first = await startHealthServer({ port: 0, host: '127.0.0.1', check: createHealthCheck(sources()) });
    try {
      await expect(
        startHealthServer({ port: first.port, host: '127.0.0.1', check: createHealthCheck(sources()) }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});

describe('healthRoute', () => {
  it('is a Bolt custom route whose handler answers GET and HEAD /healthz', async () => {
    const route = healthRoute(createHealthCheck(sources()));
    expect(route.path).toBe('/healthz');
    expect(route.method).toEqual(['GET', 'HEAD']);
    const server = createServer(route.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await get(port);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).ok).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
