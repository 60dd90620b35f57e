import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor.js';
import { runDoctor } from '../../src/ops/doctor.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { captureIo, tempDir } from './helpers.js';

const dir = tempDir('tutor-doctor-');
const knowledge = new URL('../../knowledge', import.meta.url).pathname;
const migrations = new URL('../../migrations', import.meta.url).pathname;

async function migratedDb(name: string): Promise<string> {
  const file = path.join(dir, name);
  await openSqliteStore(file).close();
  return file;
}

const statusOf = (report: Awaited<ReturnType<typeof runDoctor>>) =>
  Object.fromEntries(report.checks.map((c) => [c.name, c.status]));

describe('tutor doctor', () => {
  it('passes on a migrated database and the seed knowledge, printing a checklist', async () => {
    const db = await migratedDb('ok.db');
    const io = captureIo({ TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge }, dir);
    expect(await doctorCommand.run([], io), io.out()).toBe(0);
    const out = io.out();
    expect(out).toMatch(/^✓ configuration +every variable is valid$/m);
    expect(out).toMatch(/^✓ database +.*ok\.db: schema version \d+, writable$/m);
    expect(out).toMatch(/^[✓!] knowledge +.*: \d+ topics, [1-9]\d* daily challenges, \d+ warning\(s\), 0 error\(s\)$/m);
    expect(out).toMatch(/^- discord +disabled \(DISCORD_TOKEN not set\)$/m);
    expect(out).toMatch(/^✓ console +`tutor start` runs the console tutor/m);
    expect(out.trimEnd().endsWith('All checks passed.')).toBe(true);
  });

  it('lists every configuration problem and skips what depends on it', async () => {
    const io = captureIo({ TUTOR_PASS_MARK: 'abc', PORT: 'http' }, dir);
    expect(await doctorCommand.run([], io)).toBe(1);
    expect(io.out()).toContain('✗ configuration');
    expect(io.out()).toContain('  - configuration: TUTOR_PASS_MARK: must be a whole number from 1 to 100, got "abc"');
    expect(io.out()).toContain('  - configuration: PORT: must be a TCP port number');
    expect(io.out()).toMatch(/^\? database +needs a valid configuration$/m);
    expect(io.out()).toMatch(/^1 check\(s\) failed:$/m);
  });

  it('reports a missing database without creating it', async () => {
    const db = path.join(dir, 'absent', 'tutor.db');
    const report = await runDoctor({ TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge }, dir);
    expect(report.ok).toBe(false);
    expect(statusOf(report).database).toBe('fail');
    expect(report.checks.find((c) => c.name === 'database')?.details[0]).toMatch(/does not exist: `tutor migrate`/);
    expect(existsSync(db)).toBe(false);
  });

  it('reports a database behind on migrations without migrating it', async () => {
    const partial = path.join(dir, 'first-migration-only');
    mkdirSync(partial, { recursive: true });
    copyFileSync(path.join(migrations, '0001_init.sql'), path.join(partial, '0001_init.sql'));
    const db = path.join(dir, 'old.db');
    await openSqliteStore(db, { migrationsDir: partial }).close();
    const report = await runDoctor({ TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge }, dir);
    const database = report.checks.find((c) => c.name === 'database')!;
    expect(database.status).toBe('fail');
    expect(database.details[0]).toMatch(/^schema version 1, latest \d+: run `tutor migrate`$/);
    const again = await runDoctor({ TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge }, dir);
    expect(again.checks.find((c) => c.name === 'database')!.details[0]).toMatch(/^schema version 1,/);
  });

  it('fails on a file that is not a database and on a knowledge folder that does not exist', async () => {
    const report = await runDoctor(
      { TUTOR_DB: path.join(knowledge, 'glossary.json'), TUTOR_KNOWLEDGE: path.join(dir, 'no-notes') },
      dir,
    );
    expect(statusOf(report)).toMatchObject({ database: 'fail', knowledge: 'fail' });
    expect(report.checks.find((c) => c.name === 'database')!.details[0]).toMatch(/store-corrupt|not a database/i);
    expect(report.checks.find((c) => c.name === 'knowledge')!.details.join('\n')).toMatch(/no-notes/);
  });

  it('checks the settings each enabled platform needs', async () => {
    const db = await migratedDb('platforms.db');
    const base = { TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge };
    const http = await runDoctor({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' }, dir);
    expect(statusOf(http)).toMatchObject({ slack: 'fail', console: 'off', healthz: 'off' });
    expect(http.ok).toBe(false);
    const socket = await runDoctor(
      { ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DISCORD_TOKEN: 'd', PORT: '3000' },
      dir,
    );
    expect(statusOf(socket)).toMatchObject({ slack: 'ok', discord: 'warn', healthz: 'ok' });
    expect(socket.ok).toBe(true);
  });

  it('prints the report as JSON with --json', async () => {
    const db = await migratedDb('json.db');
    const io = captureIo({ TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge }, dir);
    expect(await doctorCommand.run(['--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.ok).toBe(true);
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual([
      'configuration',
      'database',
      'knowledge',
      'discord',
      'slack',
      'console',
      'healthz',
    ]);
  });
});
