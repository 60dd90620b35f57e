/**
 * Several real tutor processes on one database, for the multi-process suite. The database is a parameter
 * (`TestDatabase`): a database on a real PostgreSQL server, shared by the processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openStore } from '../../src/app/store-factory.js';
import type { Store } from '../../src/store/types.js';
import { waitFor } from '../support/wait-for.js';

export const REPO = path.resolve(new URL('../../', import.meta.url).pathname);
export const KNOWLEDGE = path.join(REPO, 'knowledge');

/** One attempt row as stored: what a leaderboard is recomputed from. */
export interface AttemptRow {
  readonly user: string;
  readonly challengeId: number;
  readonly score: number;
}

export interface TestDatabase {
  /** What a tutor process needs in its environment to open this database. */
  readonly env: Readonly<Record<string, string>>;
  open(): Promise<Store>;
  attemptRows(): Promise<AttemptRow[]>;
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const ATTEMPT_ROWS = `SELECT u.external_id AS "user", a.challenge_id AS "challengeId", a.score AS score
  FROM attempts a JOIN users u ON u.id = a.user_id`;

/** A database on a PostgreSQL server (`tests/support/postgres-server.ts`), shared by every process. */
export function postgresDatabase(url: string): TestDatabase {
  return {
    env: { TUTOR_DATABASE_URL: url },
    open: () => openStore({ kind: 'postgres', url, poolSize: 4, statementTimeoutMs: 30_000 }),
    async attemptRows() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ user: string; challengeId: string; score: number }>(ATTEMPT_ROWS);
        return rows.map((row) => ({ user: row.user, challengeId: Number(row.challengeId), score: row.score }));
      } finally {
        await client.end();
      }
    },
  };
}

export interface TutorProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Spawns `node --import tsx <script>` in the repository with `env` on top of this process's environment. */
export function spawnTutor(script: string, args: readonly string[], env: Record<string, string>): TutorProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, script), ...args], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  afterAll(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, exited, stderr: () => err };
}

/** Resolves once `process` logged `count` lines with `message` (JSON logs on stderr); fails if it exits first. */
export async function logged(process: TutorProcess, message: string, timeoutMs = 60_000, count = 1): Promise<void> {
  const needle = `"msg":"${message}"`;
  await waitFor(
    `a tutor process to log "${message}" ×${count}`,
    () => {
      if (process.child.exitCode !== null || process.child.signalCode !== null) {
        throw new Error(`the tutor process exited before "${message}":\n${process.stderr().slice(-3000)}`);
      }
      return process.stderr().split(needle).length - 1 >= count;
    },
    timeoutMs,
  );
}

/** SIGTERM, then the exit code of the graceful shutdown (which lets every in-flight answer finish). */
export async function stopGracefully(process: TutorProcess): Promise<number | null> {
  process.child.kill('SIGTERM');
  const { code } = await process.exited;
  return code;
}

export { waitFor };
