import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInFlight, trackApi } from '../../src/ops/in-flight.js';
import { createShutdown, installProcessHandlers, type ReloadResult } from '../../src/ops/shutdown.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import type { TutorApi } from '../../src/tutor/api.js';
import { recordingLogger } from '../support/recording-logger.js';
import { waitFor } from '../support/wait-for.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tutor-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('createInFlight', () => {
  it('drains work tracked before and during the drain', async () => {
    const inFlight = createInFlight();
    const done: string[] = [];
    void inFlight.track(sleep(30).then(() => done.push('a')));
    void inFlight.track(Promise.reject(new Error('failures count as settled'))).catch(() => {});
    setTimeout(() => void inFlight.track(sleep(30).then(() => done.push('b'))), 10);
    expect(inFlight.size).toBe(2);
    expect(await inFlight.drain(1000)).toBe(true);
    expect(done).toEqual(['a', 'b']);
    expect(inFlight.size).toBe(0);
  });

  it('gives up after the timeout', async () => {
    const inFlight = createInFlight();
    void inFlight.track(new Promise(() => {}));
    const started = Date.now();
    expect(await inFlight.drain(50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
    expect(inFlight.size).toBe(1);
  });

  describe('trackApi', () => {
    /** Every TutorApi method that returns a promise: adding one to the API without a call here fails to compile. */
    type AsyncMethod = {
      [K in keyof TutorApi]: ReturnType<TutorApi[K]> extends Promise<unknown> ? K : never;
    }[keyof TutorApi];
    const place = { platform: 'console' as const, workspaceId: 'w', channelId: 'c' };
    const actor = {
      platform: 'console' as const,
      workspaceId: 'w',
      userId: 'u',
      displayName: 'Ada',
      locale: 'en' as const,
      isAdmin: false,
    };
    const calls: Record<AsyncMethod, (api: TutorApi) => Promise<unknown>> = {
      handleCommand: (api) => api.handleCommand({ actor, place, command: 'streak', options: {} }),
      handleThreadAnswer: (api) => api.handleThreadAnswer({ actor, place: { ...place, threadId: 't' }, text: 'x' }),
      attemptFeedback: (api) => api.attemptFeedback(actor, 1),
      ensureChannel: (api) => api.ensureChannel(place),
      overview: (api) => api.overview(actor),
    };

    /** An API whose every asynchronous call waits for `release()` and then returns `result` (sentinels). */
    function gatedApi() {
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const results = {
        handleCommand: { messages: [] },
        handleThreadAnswer: null,
        attemptFeedback: { text: 'feedback', tone: 'neutral' as const },
        ensureChannel: undefined,
        overview: { streak: 'sentinel' } as unknown as Awaited<ReturnType<TutorApi['overview']>>,
      } satisfies { [K in AsyncMethod]: Awaited<ReturnType<TutorApi[K]>> };
      const api = {
        handleCommand: async () => (await gate, results.handleCommand),
        handleThreadAnswer: async () => (await gate, results.handleThreadAnswer),
        autocomplete: () => [{ name: 'Cache', value: 'cache' }],
        attemptFeedback: async () => (await gate, results.attemptFeedback),
        ensureChannel: async () => (await gate, results.ensureChannel),
        overview: async () => (await gate, results.overview),
      } satisfies TutorApi;
      return { api, results, release: () => release() };
    }

    for (const method of Object.keys(calls) as AsyncMethod[]) {
      it(`tracks ${method} until it settles, and passes its result through`, async () => {
        const inFlight = createInFlight();
        const { api, results, release } = gatedApi();
        const call = calls[method](trackApi(api, inFlight));
        expect(inFlight.size).toBe(1);
        // Still pending: a drain must wait for it (and time out while it is held).
        expect(await inFlight.drain(20)).toBe(false);
        release();
        expect(await inFlight.drain(1000)).toBe(true);
        expect(inFlight.size).toBe(0);
        expect(await call).toBe(results[method]);
      });
    }

    it('tracks a failed call until it settles, and passes the failure through', async () => {
      const inFlight = createInFlight();
      const failure = new Error('store closed');
      const { api } = gatedApi();
      const tracked = trackApi({ ...api, handleCommand: () => Promise.reject(failure) }, inFlight);
      const call = tracked.handleCommand({ actor, place, command: 'streak', options: {} });
      expect(inFlight.size).toBe(1);
      await expect(call).rejects.toBe(failure);
      expect(await inFlight.drain(1000)).toBe(true);
    });

    it('leaves the synchronous autocomplete untracked', () => {
      const inFlight = createInFlight();
      expect(trackApi(gatedApi().api, inFlight).autocomplete('ca', 'en')).toEqual([{ name: 'Cache', value: 'cache' }]);
      expect(inFlight.size).toBe(0);
    });
  });
});

describe('createShutdown', () => {
  it('stops the scheduler, then the adapters, drains in-flight work, then closes, and exits 0', async () => {
    const { logger, messages } = recordingLogger('info');
    const order: string[] = [];
    const inFlight = createInFlight();
    void inFlight.track(sleep(40).then(() => order.push('grading finished')));
    const shutdown = createShutdown({
      scheduler: { stop: async () => void order.push('scheduler') },
      adapters: [
        { platform: 'discord', stop: async () => void order.push('discord') },
        { platform: 'slack', stop: async () => void order.push('slack') },
      ],
      inFlight,
      closers: [
        { name: 'health', close: async () => void order.push('health') },
        { name: 'store', close: async () => void order.push('store') },
      ],
      logger,
    });
    const first = shutdown('SIGTERM');
    expect(shutdown('SIGINT')).toBe(first);
    expect(await first).toBe(0);
    expect(order).toEqual(['scheduler', 'discord', 'slack', 'grading finished', 'health', 'store']);
    expect(messages()).toEqual(['shutting down', 'stopped']);
  });

  it('bounds a hung step by the grace period, still closes the rest, and exits 1', async () => {
    const { logger, lines } = recordingLogger('info');
    const closed: string[] = [];
    const started = Date.now();
    const code = await createShutdown({
      adapters: [{ platform: 'discord', stop: () => new Promise(() => {}) }],
      inFlight: createInFlight(),
      closers: [
        { name: 'health', close: () => Promise.reject(new Error('already closed')) },
        { name: 'store', close: async () => void closed.push('store') },
      ],
      logger,
      graceMs: 100,
    })('SIGTERM');
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(closed).toEqual(['store']);
    expect(lines).toContainEqual(expect.objectContaining({ step: 'adapter:discord', msg: 'shutdown step timed out' }));
    expect(lines).toContainEqual(expect.objectContaining({ step: 'health', msg: 'shutdown step failed' }));
  });
});

describe('installProcessHandlers', () => {
  function setup(reload: () => Promise<ReloadResult> = async () => ({ ok: true, warnings: 2 })) {
    const proc = new EventEmitter();
    const exits: number[] = [];
    const reasons: string[] = [];
    const recorder = recordingLogger('info');
    const uninstall = installProcessHandlers({
      logger: recorder.logger,
      shutdown: async (reason) => (reasons.push(reason), 0),
      reload,
      process: proc,
      exit: (code) => void exits.push(code),
      maxUncaughtPerMinute: 3,
    });
    return { proc, exits, reasons, uninstall, ...recorder };
  }

  it('shuts down on SIGTERM and exits with its code; a second signal exits at once with 1', async () => {
    const { proc, exits, reasons } = setup();
    proc.emit('SIGTERM');
    await waitFor('the exit after SIGTERM', () => exits.length === 1);
    expect(reasons).toEqual(['SIGTERM']);
    expect(exits).toEqual([0]);
    proc.emit('SIGINT');
    expect(exits).toEqual([0, 1]);
    expect(reasons).toEqual(['SIGTERM']);
  });

  it('reloads knowledge on SIGHUP and logs a failed reload with its file:line, without exiting', async () => {
    let result: ReloadResult = { ok: true, warnings: 2 };
    const { proc, exits, lines } = setup(async () => result);
    proc.emit('SIGHUP');
    await waitFor('the first reload', () => lines.some((l) => l.msg === 'knowledge reloaded'));
    result = { ok: false, error: 'notes/cache.md:12: unterminated code fence' };
    proc.emit('SIGHUP');
    await waitFor('the failed reload', () => lines.some((l) => l.level === 'error'));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'knowledge reloaded', warnings: 2 }));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        error: 'notes/cache.md:12: unterminated code fence',
        msg: 'knowledge reload failed; the previous knowledge stays in service',
      }),
    );
    expect(exits).toEqual([]);
  });

  it('logs unhandled rejections and uncaught exceptions and carries on, until exceptions keep coming', async () => {
    const { proc, exits, reasons, lines, uninstall } = setup();
    proc.emit('unhandledRejection', new Error('a bad event'));
    for (let i = 0; i < 3; i++) proc.emit('uncaughtException', new Error(`boom ${i}`));
    await waitFor('four errors logged', () => lines.filter((l) => l.level === 'error').length === 4);
    expect(exits).toEqual([]);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      msg: 'unhandled promise rejection (continuing)',
      err: { message: 'a bad event' },
    });
    proc.emit('uncaughtException', new Error('boom 3'));
    await waitFor('the exit after too many exceptions', () => exits.length === 1);
    expect(reasons).toEqual(['uncaughtException']);
    expect(exits).toEqual([1]);
    uninstall();
    expect(proc.listenerCount('SIGTERM') + proc.listenerCount('uncaughtException')).toBe(0);
  });
});

describe('a real process', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`finishes its in-flight write on ${signal}, closes the database and exits 0`, async () => {
      const db = path.join(dir, `${signal}.db`);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', new URL('./fixtures/graceful-child.ts', import.meta.url).pathname, db, '400'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
      });
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(code, stderr).toBe(0);
      expect(stderr).toContain('"msg":"stopped"');
      const store = openSqliteStore(db);
      try {
        // Already claimed: the in-flight write landed before the exit.
        expect(await store.claimEvent('console', 'in-flight-event', new Date())).toBe(false);
      } finally {
        await store.close();
      }
    });
  }
});
