import { spawnSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupCommand } from '../../src/cli/backup.js';
import { forgetCommand } from '../../src/cli/forget.js';
import { openSqliteStore } from '../../src/store/sqlite/store.js';
import { captureIo, console_, seedDatabase, smallMount, tempDir } from './helpers.js';

const dir = tempDir('tutor-backup-');
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

async function leaderboardNames(file: string): Promise<string[]> {
  const store = openSqliteStore(file, { readOnly: true });
  try {
    const entries = await store.leaderboard({
      workspace: { platform: 'console', externalId: 'local' },
      period: 'all',
      today: '2026-03-02',
      by: 'points',
      teams: false,
      limit: 10,
    });
    return entries.map((e) => e.name);
  } finally {
    await store.close();
  }
}

describe('tutor backup', () => {
  it('copies the live database (while another connection holds it open) into a file that opens', async () => {
    const db = path.join(dir, 'live.db');
    await seedDatabase(db);
    const running = openSqliteStore(db);
    try {
      // The bot is "running": a write lands just before the backup and must be in it.
      await running.joinTeam(console_('bob', 'Bob'), 'frontend');
      const io = captureIo({ TUTOR_DB: db }, dir);
      expect(await backupCommand.run(['backups/copy.db'], io), io.err()).toBe(0);
      expect(readdirSync(path.join(dir, 'backups'))).toEqual(['copy.db']);
      expect(io.out()).toMatch(
        /^Backed up .*live\.db → .*backups\/copy\.db \(\d+ bytes, \d+ pages, schema version \d+, \d+ ms\)\n$/,
      );
      const copy = openSqliteStore(path.join(dir, 'backups/copy.db'), { readOnly: true });
      try {
        expect(await copy.teamOf(console_('bob', 'Bob'))).toBe('frontend');
      } finally {
        await copy.close();
      }
      expect(await leaderboardNames(path.join(dir, 'backups/copy.db'))).toEqual(['Ada', 'Bob']);
    } finally {
      await running.close();
    }
  });

  it('refuses to overwrite a file without --force, a missing database, and a missing argument', async () => {
    const db = path.join(dir, 'refuse.db');
    await seedDatabase(db);
    const target = path.join(dir, 'existing.db');
    writeFileSync(target, 'keep me');
    const io = captureIo({ TUTOR_DB: db }, dir);
    expect(await backupCommand.run([target], io)).toBe(2);
    expect(io.err()).toBe(`tutor backup: ${target} exists (--force replaces it)\n`);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(await backupCommand.run([target, '--force'], captureIo({ TUTOR_DB: db }, dir))).toBe(0);
    expect(await leaderboardNames(target)).toEqual(['Ada', 'Bob']);

    const missing = captureIo({ TUTOR_DB: path.join(dir, 'nope.db') }, dir);
    expect(await backupCommand.run(['x.db'], missing)).toBe(1);
    expect(missing.err()).toBe(
      `tutor backup: no database at ${path.join(dir, 'nope.db')} (set TUTOR_DB or --db; \`tutor migrate\` creates one)\n`,
    );
    expect(existsSync(path.join(dir, 'nope.db'))).toBe(false);
    expect(await backupCommand.run([], captureIo({ TUTOR_DB: db }, dir))).toBe(2);
  });

  it('never replaces what is not a regular file, even with --force: a FIFO, a device, a folder, a symlink', async () => {
    const db = path.join(dir, 'kinds.db');
    await seedDatabase(db);
    const targets = path.join(dir, 'kinds');
    mkdirSync(targets);
    const fifo = path.join(targets, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const folder = path.join(targets, 'folder');
    mkdirSync(folder);
    const link = path.join(targets, 'link');
    writeFileSync(path.join(targets, 'linked-file'), 'linked');
    symlinkSync(path.join(targets, 'linked-file'), link);
    const cases: [string, string][] = [
      [fifo, 'a FIFO'],
      [folder, 'a folder'],
      [link, 'a symbolic link'],
    ];
    // A character device like /dev/null (its own node here, so a failure could not break the machine's).
    const device = path.join(targets, 'null');
    if (spawnSync('mknod', [device, 'c', '1', '3']).status === 0) cases.push([device, 'a device']);
    else console.warn('skipped the device case: mknod is not allowed here (not root)');
    for (const [target, kind] of cases) {
      const before = lstatSync(target);
      const io = captureIo({ TUTOR_DB: db }, dir);
      expect(await backupCommand.run([target, '--force'], io), target).toBe(2);
      expect(io.err()).toBe(`tutor backup: ${target} is ${kind}: a backup goes to a new path or a regular file\n`);
      const after = lstatSync(target);
      expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
    }
    expect(readFileSync(path.join(targets, 'linked-file'), 'utf8')).toBe('linked');
    expect(readdirSync(targets).filter((name) => name.includes('.partial'))).toEqual([]);
  });

  it('refuses the live database under another name (a symlinked folder, a hard link), keeping its WAL', async () => {
    const live = path.join(dir, 'data');
    mkdirSync(live);
    const db = path.join(live, 'tutor.db');
    await seedDatabase(db);
    symlinkSync(live, path.join(dir, 'data-link'));
    linkSync(db, path.join(dir, 'hard-link.db'));
    const running = openSqliteStore(db);
    try {
      // 150 committed rows, in the WAL only (far fewer writes than a checkpoint needs).
      for (let i = 0; i < 150; i++) expect(await running.claimEvent('console', `ev-${i}`, new Date(0))).toBe(true);
      const walSize = statSync(`${db}-wal`).size;
      expect(walSize).toBeGreaterThan(0);
      for (const target of [
        path.join(dir, 'data-link', 'tutor.db'),
        path.join(dir, 'data-link', 'tutor.db-wal'),
        path.join(dir, 'data-link', '.', 'tutor.db-shm'),
        path.join(dir, 'hard-link.db'),
      ]) {
        const io = captureIo({ TUTOR_DB: db }, dir);
        expect(await backupCommand.run([target, '--force'], io), target).toBe(2);
        expect(io.err()).toMatch(/is the database .*tutor\.db \(or its -wal\/-shm\) under another name/);
      }
      expect(statSync(`${db}-wal`).size).toBe(walSize);
    } finally {
      await running.close();
    }
    const sqlite = new Database(db, { readonly: true });
    try {
      expect(sqlite.prepare('SELECT COUNT(*) AS n FROM processed_events').get()).toEqual({ n: 150 });
    } finally {
      sqlite.close();
    }
  });

  it('backs up a database on a read-only file system, with or without a WAL, and leaves no partial file', async () => {
    const mount = smallMount('tutor-ro-', 4096);
    if (!mount) return;
    const clean = path.join(mount.dir, 'clean.db');
    await seedDatabase(clean);
    const withWal = path.join(mount.dir, 'wal.db');
    await seedDatabase(withWal);
    // A WAL that holds committed rows: a process wrote and died without closing, so nothing checkpointed it.
    const crashed = spawnSync(process.execPath, [
      '-e',
      `const db = new (require(${JSON.stringify(DRIVER)}))(${JSON.stringify(withWal)});
       db.pragma('wal_autocheckpoint = 0');
       db.prepare("UPDATE users SET display_name = 'Ada Lovelace' WHERE external_id = 'ada'").run();
       process.exit(0);`,
    ]);
    expect(crashed.status, String(crashed.stderr)).toBe(0);
    expect(statSync(`${withWal}-wal`).size).toBeGreaterThan(0);
    mount.readOnly();
    expect(() => writeFileSync(path.join(mount.dir, 'probe'), 'x')).toThrow(/EROFS/);
    const out = path.join(dir, 'ro-backups');
    for (const [source, names] of [
      [clean, ['Ada', 'Bob']],
      [withWal, ['Ada Lovelace', 'Bob']],
    ] as const) {
      const target = path.join(out, `${path.basename(source)}.bak`);
      const io = captureIo({ TUTOR_DB: source }, dir);
      expect(await backupCommand.run([target], io), io.err()).toBe(0);
      expect(readdirSync(out).filter((name) => name.startsWith(path.basename(source)))).toEqual([
        path.basename(target),
      ]);
      expect(await leaderboardNames(target)).toEqual(names);
    }
  });
});

/** The rows about one user in every table that holds any, by user id; the team by its name. */
function rowsAbout(file: string, externalId: string, team: string): Record<string, number> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const id = sqlite.prepare('SELECT id FROM users WHERE external_id = ?').pluck().get(externalId) ?? -1;
    const count = (sql: string, ...args: unknown[]) =>
      sqlite
        .prepare(sql)
        .pluck()
        .get(...args) as number;
    return {
      ...Object.fromEntries(
        USER_TABLES.map((table) => [table, count(`SELECT COUNT(*) FROM ${table} WHERE user_id = ?`, id)]),
      ),
      users: count('SELECT COUNT(*) FROM users WHERE id = ?', id),
      teams: count('SELECT COUNT(*) FROM teams WHERE name = ?', team),
    };
  } finally {
    sqlite.close();
  }
}

const USER_TABLES = [
  'attempts',
  'practice_attempts',
  'challenge_results',
  'streaks',
  'streak_days',
  'period_totals',
  'team_members',
];

/** Which of `needles` occur, as UTF-8 bytes, in any of `files` (missing files hold nothing). */
function readableIn(files: readonly string[], needles: readonly string[]): string[] {
  const contents = files.filter((f) => existsSync(f)).map((f) => readFileSync(f));
  return needles.filter((needle) => contents.some((bytes) => bytes.includes(Buffer.from(needle, 'utf8'))));
}

describe('tutor forget', () => {
  it('removes every row about the user, by id or by name, in every table, and leaves the others alone', async () => {
    const db = path.join(dir, 'forget.db');
    await seedDatabase(db);
    // Zelda's id is not her name: the "by id" step must find her by the id alone.
    const zelda = console_('u-5d1e9c', 'Zelda Quartermain');
    const store = openSqliteStore(db);
    try {
      const channel = await store.ensureChannel(
        { platform: 'console', workspaceExternalId: 'local', externalId: 'general' },
        { scheduleTime: '09:00', timeZone: 'UTC' },
      );
      const { challenge } = await store.claimDailyChallenge({
        channelId: channel.id,
        day: '2026-03-03',
        topicId: 't-2026-03-03',
        at: new Date('2026-03-03T09:00:00Z'),
      });
      for (const [text, score] of [
        ['kumquat-first-try', 40],
        ['kumquat-second-try', 90],
      ] as const) {
        await store.recordAttempt({
          challengeId: challenge.id,
          user: zelda,
          text,
          score,
          passed: score >= 60,
          concepts: { pain: [], fix: [], negated: [] },
          feedback: 'feedback',
          at: new Date('2026-03-03T10:00:00Z'),
          maxAttempts: 3,
        });
      }
      await store.recordPractice({
        user: zelda,
        topicId: 't-practice',
        text: 'kumquat-practice',
        score: 70,
        passed: true,
        at: new Date('2026-03-03T11:00:00Z'),
      });
      await store.joinTeam(zelda, 'quokka-squad');
    } finally {
      await store.close();
    }
    const before = rowsAbout(db, 'u-5d1e9c', 'quokka-squad');
    expect(before).toEqual({
      attempts: 2,
      practice_attempts: 1,
      challenge_results: 1,
      streaks: 1,
      streak_days: 1,
      period_totals: 3,
      team_members: 1,
      users: 1,
      teams: 1,
    });

    // The bot runs meanwhile (its connection keeps the WAL alive), as it would in production.
    const running = openSqliteStore(db);
    try {
      const byId = captureIo({ TUTOR_DB: db }, dir);
      expect(await forgetCommand.run(['u-5d1e9c'], byId), byId.err()).toBe(0);
      const rows = Object.values(before).reduce((a, b) => a + b, 0) - before.teams!;
      expect(byId.out()).toBe(`Forgot Zelda Quartermain (u-5d1e9c) on console/local: ${rows} row(s) removed\n`);
      expect(rowsAbout(db, 'u-5d1e9c', 'quokka-squad')).toEqual(
        Object.fromEntries(Object.keys(before).map((table) => [table, 0])),
      );
      // Nothing of her is readable in the database file or its WAL: not her id, name, answers or team.
      const markers = ['u-5d1e9c', 'Zelda Quartermain', 'kumquat', 'quokka-squad'];
      expect(readableIn([db], ['Bob'])).toEqual(['Bob']); // the search finds what is there
      expect(readableIn([db, `${db}-wal`, `${db}-shm`], markers)).toEqual([]);
      expect(await leaderboardNames(db)).toEqual(['Ada', 'Bob']);
      expect(await running.teamOf(console_('ada', 'Ada'))).toBe('backend');
    } finally {
      await running.close();
    }

    const ada = rowsAbout(db, 'ada', 'backend');
    expect(ada).toMatchObject({ attempts: 2, practice_attempts: 1, team_members: 1, users: 1, teams: 1 });
    const byName = captureIo({ TUTOR_DB: db }, dir);
    expect(await forgetCommand.run(['ada'], byName)).toBe(0);
    const adaRows = Object.values(ada).reduce((a, b) => a + b, 0) - ada.teams!;
    expect(byName.out()).toBe(`Forgot Ada (ada) on console/local: ${adaRows} row(s) removed\n`);
    expect(await leaderboardNames(db)).toEqual(['Bob']);
    expect(rowsAbout(db, 'ada', 'backend')).toEqual(Object.fromEntries(Object.keys(before).map((t) => [t, 0])));
    const again = captureIo({ TUTOR_DB: db }, dir);
    expect(await forgetCommand.run(['ada'], again)).toBe(1);
    expect(again.err()).toBe('tutor forget: no user "ada" on console/local: nothing removed\n');
    // Bob, who never passed (50 < 60), keeps every row he had.
    expect(rowsAbout(db, 'bob', 'backend')).toEqual({
      attempts: 2,
      practice_attempts: 0,
      challenge_results: 2,
      streaks: 0,
      streak_days: 0,
      period_totals: 4,
      team_members: 0,
      users: 1,
      teams: 0,
    });
  });

  it('looks in the platform and workspace given, and rejects an unknown platform', async () => {
    const db = path.join(dir, 'forget-ws.db');
    await seedDatabase(db);
    const elsewhere = captureIo({ TUTOR_DB: db }, dir);
    expect(await forgetCommand.run(['Ada', '--platform', 'slack', '--workspace', 'T1'], elsewhere)).toBe(1);
    expect(await leaderboardNames(db)).toEqual(['Ada', 'Bob']);
    const bad = captureIo({ TUTOR_DB: db }, dir);
    expect(await forgetCommand.run(['Ada', '--platform', 'irc'], bad)).toBe(2);
    expect(bad.err()).toContain('--platform');
  });
});
