/**
 * `tutor start` as an operator runs it: a child process on a free port with the seed notes and a database in a
 * temp folder, its stdout and stderr captured as one log, and `/healthz` polled until it answers 200.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

export interface TutorProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  logs(): string;
  /** The exit code, once the process has exited. */
  readonly exited: Promise<number | null>;
  /** Kills the process if it still runs and removes its folder. */
  cleanup(): Promise<void>;
}

/** Starts `tutor start` with `env` over the defaults (temp database, ./knowledge, PORT, LOG_LEVEL=debug). */
export async function startTutor(env: Record<string, string>): Promise<TutorProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-process-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/tutor.js', 'start'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TUTOR_DB: path.join(dir, 'tutor.db'),
      TUTOR_KNOWLEDGE: './knowledge',
      PORT: String(port),
      LOG_LEVEL: 'debug',
      ...env,
    },
  });
  let logs = '';
  child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    port,
    logs: () => logs,
    exited,
    async cleanup() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One `/healthz` request: its status and JSON report. Rejects while nothing listens on the port. */
export async function healthz(port: number): Promise<{ status: number; report: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  return { status: res.status, report: text ? (JSON.parse(text) as unknown) : null };
}

/** Polls `/healthz` until it answers 200 and returns that report; on timeout, the error carries the logs. */
export async function waitHealthy(tutor: TutorProcess, timeoutMs = 45_000): Promise<unknown> {
  let report: unknown;
  const healthy = async () => {
    const health = await healthz(tutor.port).catch(() => null);
    if (health?.status === 200) report = health.report;
    return health?.status === 200;
  };
  await waitFor('a healthy /healthz', healthy, timeoutMs, 100).catch((error: unknown) => {
    throw new Error(`${String(error)}; the tutor logged:\n${tutor.logs()}`);
  });
  return report;
}
