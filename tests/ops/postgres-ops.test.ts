/**
 * Operating the tutor on PostgreSQL: migrate (twice at once, and again), doctor and /healthz (reachable,
 * migrated, writable), backup through pg_dump, and the password kept out of every error and log line.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/app/doctor.js';
import { findPgDump, pgDumpCommand } from '../../src/app/store-factory.js';
import { ConfigError, loadConfig, secretsOf } from '../../src/config/config.js';
import { createHealthCheck } from '../../src/ops/health.js';
import { migratePostgres, openPostgresStore } from '../../src/store/postgres/store.js';
import { StoreError } from '../../src/store/types.js';
import { freePort } from '../support/free-port.js';
import { postgresBinariesOrSkip, usePostgresServer } from '../support/postgres-server.js';
import { recordingLogger } from '../support/recording-logger.js';
import { tutor } from '../support/run-cli.js';
import { waitFor } from '../support/wait-for.js';
import { tempDir } from './helpers.js';

const knowledge = new URL('../../knowledge', import.meta.url).pathname;
const connection = (url: string) => ({ url, poolSize: 2, statementTimeoutMs: 10_000 });

describe('TUTOR_DATABASE_URL in the configuration', () => {
  it('is parsed with the pool settings, its password a secret the logger scrubs', () => {
    const config = loadConfig({
      TUTOR_DATABASE_URL: 'postgres://tutor:s3cr%40t@db:5432/tutor',
      TUTOR_PG_POOL_SIZE: '4',
      TUTOR_PG_STATEMENT_TIMEOUT_MS: '2500',
    });
    expect(config.postgres).toEqual({
      url: 'postgres://tutor:s3cr%40t@db:5432/tutor',
      poolSize: 4,
      statementTimeoutMs: 2500,
    });
    expect(secretsOf(config)).toEqual(expect.arrayContaining(['s3cr%40t', 's3cr@t']));
    expect(loadConfig({}).postgres).toBeUndefined();
  });

  it('reports a wrong URL without echoing it (nor its password)', () => {
    let problems: readonly string[] = [];
    try {
      loadConfig({ TUTOR_DATABASE_URL: 'mysql://tutor:hunter2pw@db/tutor', TUTOR_PG_POOL_SIZE: '0' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems.some((p) => p.startsWith('TUTOR_DATABASE_URL: must be a postgres://'))).toBe(true);
    expect(problems.some((p) => p.startsWith('TUTOR_PG_POOL_SIZE:'))).toBe(true);
    expect(problems.join('\n')).not.toContain('hunter2pw');
  });
});

describe('backup without pg_dump', () => {
  it('finds no pg_dump off the PATH and the package folder, and names the command to run without the password', () => {
    expect(findPgDump('', path.join(tempDir('tutor-no-pg-'), 'none'))).toBeNull();
    const command = pgDumpCommand('postgres://tutor:s3cret@db:5432/tutor', '/backups/tutor.dump');
    expect(command).toBe("pg_dump --format=custom --file='/backups/tutor.dump' 'postgres://tutor@db:5432/tutor'");
  });
});

const binDir = postgresBinariesOrSkip();

describe.skipIf(binDir === null)('PostgreSQL operations', () => {
  const server = usePostgresServer(binDir);
  let cwd = '';
  beforeAll(() => {
    cwd = tempDir('tutor-pg-ops-');
  });

  it('migrates once when two processes start at once, and tutor migrate then finds it up to date', async () => {
    const url = await server().createDatabase();
    const [a, b] = await Promise.all([migratePostgres(connection(url)), migratePostgres(connection(url))]);
    expect(a.applied.length + b.applied.length).toBe(a.to);
    expect(a.to).toBeGreaterThan(0);
    expect(b.to).toBe(a.to);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const versions = (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1')).rows;
    await client.end();
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: a.to }, (_, i) => i + 1));

    const run = await tutor(['migrate'], { TUTOR_DATABASE_URL: url }, cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^postgres://tutor:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/\\w+: up to date at schema version ${a.to}\\n$`),
    );
    expect(run.stdout + run.stderr).not.toContain(server().password);
  });

  it('doctor: an empty database will be migrated; a migrated one is reachable and writable', async () => {
    const url = await server().createDatabase();
    const env = { TUTOR_DATABASE_URL: url, TUTOR_KNOWLEDGE: knowledge };
    const database = async () => (await runDoctor(env, cwd)).checks.find((c) => c.name === 'database')!;
    expect(await database()).toMatchObject({ status: 'ok', summary: expect.stringMatching(/reachable, empty/) });
    await migratePostgres(connection(url));
    const migrated = await database();
    expect(migrated).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/schema version \d+, reachable, writable$/),
    });
    expect(JSON.stringify(migrated)).not.toContain(server().password);
  });

  it('/healthz reports the database migrated and writable', async () => {
    const store = await openPostgresStore(connection(await server().createDatabase()));
    try {
      const report = await createHealthCheck({ store, knowledge: () => null, platforms: [] })();
      expect(report.database).toMatchObject({ ok: true, writable: true });
      expect(report.database.schemaVersion).toBe(report.database.latestVersion);
    } finally {
      await store.close();
    }
  });

  it('keeps the password out of errors and logs: a wrong password, an unreachable server', async () => {
    const url = await server().createDatabase();
    const wrong = url.replace(encodeURIComponent(server().password), 'not-the-pw-0xdeadbeef');
    const log = recordingLogger();
    const refused = await openPostgresStore({ ...connection(wrong), logger: log.logger }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).message).toMatch(/password authentication failed/);
    expect((refused as StoreError).message).toContain('postgres://tutor:***@127.0.0.1');

    const closedPort = await freePort();
    const unreachable = url.replace(`:${server().port}/`, `:${closedPort}/`);
    const down = await openPostgresStore({ ...connection(unreachable), logger: log.logger }).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(StoreError);
    expect((down as StoreError).message).toMatch(/ECONNREFUSED/);

    // A working store whose idle connections the server ends (as in a restart): logged, and replaced.
    const store = await openPostgresStore({ ...connection(url), logger: log.logger });
    await store.listChannels();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pain-point-tutor'",
    );
    await admin.end();
    await waitFor('the idle connection failure logged', () =>
      log.messages().includes('an idle database connection failed'),
    );
    expect(await store.listChannels()).toEqual([]);
    await store.close();

    const everything = [String(refused), String(down), JSON.stringify(log.lines)].join('\n');
    for (const secret of [server().password, 'not-the-pw-0xdeadbeef']) expect(everything).not.toContain(secret);
    const run = await tutor(['doctor'], { TUTOR_DATABASE_URL: wrong, TUTOR_KNOWLEDGE: knowledge }, cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ database +postgres:\/\/tutor:\*\*\*@/);
    expect(run.stdout + run.stderr).not.toContain('not-the-pw-0xdeadbeef');
  });

  it('tutor backup runs pg_dump into a custom-format archive', async () => {
    const url = await server().createDatabase();
    await migratePostgres(connection(url));
    const target = path.join(cwd, 'backup.dump');
    const run = await tutor(['backup', target], { TUTOR_DATABASE_URL: url, PATH: process.env.PATH ?? '' }, cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Backed up postgres:\/\/tutor:\*\*\*@.* → .*backup\.dump \(pg_dump custom format/);
    expect(fs.readFileSync(target).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    const again = await tutor(['backup', target], { TUTOR_DATABASE_URL: url }, cwd);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists \(--force replaces it\)/);
  });
});
