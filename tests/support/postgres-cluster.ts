/**
 * A real PostgreSQL server from Debian's `postgresql` binaries, for tests and benchmarks (no vitest here: the
 * test files use it through `postgres-server.ts`): `initdb` in a temp folder (as the `postgres` user when run
 * as root: initdb refuses root), a free port on 127.0.0.1, password authentication over TCP, no fsync.
 * `createDatabase` makes a fresh database (from a template when given one: a file copy, much faster than
 * migrating again).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** Newest `/usr/lib/postgresql/<version>/bin` holding initdb and pg_ctl, or null. */
export function findPostgresBinaries(root = '/usr/lib/postgresql'): string | null {
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/** The binaries, or null after printing why the PostgreSQL tests skip; under CI their absence is an error. */
export function postgresBinariesOrSkip(env: NodeJS.ProcessEnv = process.env): string | null {
  const bin = findPostgresBinaries();
  if (bin !== null) return bin;
  const reason = 'no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  if (env.CI) throw new Error(`CI must run the PostgreSQL tests: ${reason}`);
  console.warn(`Skipping the PostgreSQL tests: ${reason}`);
  return null;
}

export interface PostgresServer {
  readonly binDir: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The URL of `database` on this server, with the password. */
  url(database?: string): string;
  /** A new empty database (or a copy of `template`); returns its URL. */
  createDatabase(options?: { template?: string; name?: string }): Promise<string>;
  stop(): Promise<void>;
}

/** Runs a server binary, as the `postgres` user when we are root. */
function asServerUser(binary: string, args: readonly string[]) {
  const root = os.userInfo().uid === 0;
  return root ? run('runuser', ['-u', 'postgres', '--', binary, ...args]) : run(binary, [...args]);
}

async function ownedTempDir(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tutor-pg-'));
  if (os.userInfo().uid === 0) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    fs.chownSync(dir, uid, gid);
  }
  return dir;
}

export async function startPostgresServer(binDir: string): Promise<PostgresServer> {
  const dir = await ownedTempDir();
  const data = path.join(dir, 'data');
  const user = 'tutor';
  const password = `pw-${randomBytes(9).toString('hex')}`;
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (os.userInfo().uid === 0) fs.chownSync(pwfile, fs.statSync(dir).uid, fs.statSync(dir).gid);
  await asServerUser(path.join(binDir, 'initdb'), [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  // Durability is not under test: no fsync makes the suite several times faster.
  const settings = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  await asServerUser(path.join(binDir, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-o',
    settings,
    'start',
  ]);

  const url = (database = 'postgres') =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let count = 0;
  let stopped = false;
  return {
    binDir,
    port,
    user,
    password,
    url,
    async createDatabase(options = {}) {
      count += 1;
      const name = options.name ?? `test_${process.pid}_${count}`;
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ''}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await asServerUser(path.join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
