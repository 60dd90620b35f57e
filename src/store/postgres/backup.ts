/**
 * `tutor backup` on PostgreSQL: the server's own `pg_dump`, in its custom format (restore with `pg_restore`),
 * into a side file renamed into place once complete. The password goes to pg_dump in its environment
 * (PGPASSWORD), never on its command line, where other users of the machine could read it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { StoreError } from '../ports/errors.js';
import { passwordsIn, redactUrl, scrub } from './connection.js';

const run = promisify(execFile);

/** `pg_dump` on the PATH, else the newest one Debian's packages install, or null. */
export function findPgDump(envPath: string, libRoot = '/usr/lib/postgresql'): string | null {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    if (fs.existsSync(path.join(dir, 'pg_dump'))) return path.join(dir, 'pg_dump');
  }
  if (!fs.existsSync(libRoot)) return null;
  const versions = fs
    .readdirSync(libRoot)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => path.join(libRoot, v, 'bin', 'pg_dump')).find((file) => fs.existsSync(file));
  return found ?? null;
}

/** The command an operator can run themselves (the password left to PGPASSWORD or ~/.pgpass). */
export function pgDumpCommand(url: string, target: string): string {
  const withoutPassword = new URL(url);
  withoutPassword.password = '';
  return `pg_dump --format=custom --file='${target}' '${withoutPassword.toString()}'`;
}

/** Why `target` cannot take a dump, or null: it must be a new path, or a regular file with `force`. */
export function dumpTargetProblem(target: string, force: boolean): string | null {
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!stat) return null;
  if (!stat.isFile()) return `${target} is not a regular file: a backup goes to a new path or a regular file`;
  return force ? null : `${target} exists (--force replaces it)`;
}

/** Dumps the database of `url` into `target`, pg_dump running in `env`; returns the dump's size in bytes. */
export async function dumpPostgres(
  pgDump: string,
  url: string,
  target: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const partial = `${target}.partial-${process.pid}`;
  const withoutPassword = new URL(url);
  const password = decodeURIComponent(withoutPassword.password);
  withoutPassword.password = '';
  try {
    await run(pgDump, ['--format=custom', `--file=${partial}`, `--dbname=${withoutPassword.toString()}`], {
      env: { ...env, ...(password ? { PGPASSWORD: password } : {}) },
    });
    fs.renameSync(partial, target);
    return fs.statSync(target).size;
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    throw new StoreError('store-failed', `pg_dump of ${redactUrl(url)} failed: ${scrub(detail, passwordsIn(url))}`);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
