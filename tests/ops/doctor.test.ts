import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor.js';
import { knowledgeCommand } from '../../src/cli/knowledge.js';
import { runDoctor } from '../../src/app/doctor.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import { captureIo, corruptTable, seedDatabase, smallMount, tempDir, tutorAsNobody } from './helpers.js';

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
    expect(out).toMatch(/^✓ database +.*ok\.db: schema version \d+, intact, writable$/m);
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

  it('passes on a fresh setup, saying the database will be created, and creates nothing', async () => {
    const db = path.join(dir, 'fresh', 'data', 'tutor.db');
    const io = captureIo({ TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge }, dir);
    expect(await doctorCommand.run([], io), io.out()).toBe(0);
    expect(io.out()).toMatch(
      new RegExp(
        `^✓ database +${db}: not created yet; \`tutor start\` \\(or \`tutor migrate\`\\) will create it$`,
        'm',
      ),
    );
    expect(existsSync(path.join(dir, 'fresh'))).toBe(false);
    // Where it cannot be created, that is the failure.
    const blocked = path.join(knowledge, 'glossary.json', 'tutor.db');
    const report = await runDoctor({ TUTOR_DB: blocked, TUTOR_KNOWLEDGE: knowledge }, dir);
    expect(report.checks.find((c) => c.name === 'database')).toMatchObject({
      status: 'fail',
      details: [`${path.join(knowledge, 'glossary.json')} is not a folder`],
    });
  });

  it('reports a database with damaged pages, which answers need, though the file opens', async () => {
    const db = path.join(dir, 'damaged.db');
    await seedDatabase(db);
    corruptTable(db, 'attempts');
    const report = await runDoctor({ TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge }, dir);
    expect(report.ok).toBe(false);
    const database = report.checks.find((c) => c.name === 'database')!;
    expect(database.status).toBe('fail');
    expect(database.details).toEqual([expect.stringMatching(/^damaged \(PRAGMA quick_check\): .+/)]);
    expect(database.details[0]).not.toContain('not writable');
  });

  it('reports a read-only database file as not writable (run as another user: root ignores file modes)', async () => {
    const shared = path.join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(dir, 0o711);
    chmodSync(shared, 0o777);
    const db = path.join(shared, 'tutor.db');
    await seedDatabase(db);
    chmodSync(db, 0o444);
    const run = tutorAsNobody(['doctor', '--json'], { TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge });
    if (!run) return;
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { checks: { name: string; status: string; details: string[] }[] };
    const database = report.checks.find((c) => c.name === 'database')!;
    expect(database.status).toBe('fail');
    expect(database.details).toEqual([expect.stringMatching(/^not writable: SQLITE_READONLY/)]);
  });

  it('reports a database on a read-only file system as a failure', async () => {
    const mount = smallMount('tutor-doctor-ro-', 2048);
    if (!mount) return;
    const db = path.join(mount.dir, 'tutor.db');
    await seedDatabase(db);
    mount.readOnly();
    const database = (await runDoctor({ TUTOR_DB: db, TUTOR_KNOWLEDGE: knowledge }, dir)).checks.find(
      (c) => c.name === 'database',
    )!;
    expect(database.status).toBe('fail');
    expect(database.details).toEqual([expect.stringMatching(/SQLITE_(CANTOPEN|READONLY)/)]);
  });

  it('counts the errors and warnings of a knowledge folder as `tutor knowledge check` does', async () => {
    const notes = path.join(dir, 'flawed-notes');
    mkdirSync(notes);
    // Errors: invalid UTF-8, a glossary that is not JSON. Warnings: a file that is not a note.
    writeFileSync(
      path.join(notes, 'notes.txt'),
      Buffer.concat([
        Buffer.from('--缓存: 正文\n\t>痛点: 慢\n\t>方案: 加缓存\n>坏 '),
        Buffer.from([0x80]),
        Buffer.from('\n'),
      ]),
    );
    writeFileSync(path.join(notes, 'glossary.json'), '{"x":');
    writeFileSync(path.join(notes, 'picture.png'), 'png');
    const check = captureIo({}, dir);
    expect(await knowledgeCommand.run(['check', '--knowledge', notes], check)).toBe(1);
    expect(check.out().trimEnd().split('\n').at(-1)).toBe('2 error(s), 1 warning(s)');
    const report = await runDoctor({ TUTOR_DB: path.join(dir, 'counts.db'), TUTOR_KNOWLEDGE: notes }, dir);
    expect(report.checks.find((c) => c.name === 'knowledge')!.summary).toMatch(/, 1 warning\(s\), 2 error\(s\)$/);
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
