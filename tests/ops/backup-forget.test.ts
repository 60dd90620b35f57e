import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupCommand } from '../../src/cli/backup.js';
import { forgetCommand } from '../../src/cli/forget.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { captureIo, console_, seedDatabase, tempDir } from './helpers.js';

const dir = tempDir('tutor-backup-');

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
      expect(io.out()).toMatch(
        /^Backed up .*live\.db → .*backups\/copy\.db \(\d+ bytes, schema version \d+, \d+ ms\)\n$/,
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
    expect(io.err()).toContain('exists (--force overwrites it)');
    expect(await backupCommand.run([target, '--force'], captureIo({ TUTOR_DB: db }, dir))).toBe(0);
    expect(await leaderboardNames(target)).toEqual(['Ada', 'Bob']);

    const missing = captureIo({ TUTOR_DB: path.join(dir, 'nope.db') }, dir);
    expect(await backupCommand.run(['x.db'], missing)).toBe(2);
    expect(missing.err()).toMatch(/no database at .*nope\.db/);
    expect(existsSync(path.join(dir, 'nope.db'))).toBe(false);
    expect(await backupCommand.run([], captureIo({ TUTOR_DB: db }, dir))).toBe(2);
  });
});

describe('tutor forget', () => {
  it('removes every row about the user, by name or id, and leaves the others alone', async () => {
    const db = path.join(dir, 'forget.db');
    await seedDatabase(db);
    const io = captureIo({ TUTOR_DB: db }, dir);
    expect(await forgetCommand.run(['Ada'], io), io.err()).toBe(0);
    const rows = Number(/: (\d+) row\(s\) removed/.exec(io.out())?.[1]);
    // 2 attempts + 1 practice + results, streak, points, membership, the user: well over 5.
    expect(rows).toBeGreaterThan(5);
    expect(io.out()).toMatch(/^Forgot Ada \(ada\) on console\/local: \d+ row\(s\) removed\n$/);
    expect(await leaderboardNames(db)).toEqual(['Bob']);
    const store = openSqliteStore(db, { readOnly: true });
    try {
      expect(await store.findUserByName('console', 'local', 'ada')).toBeNull();
      expect(await store.teamOf(console_('ada', 'Ada'))).toBeNull();
      expect(await store.streak(console_('ada', 'Ada'), { recentDays: 30 })).toBeNull();
      expect(await store.findUserByName('console', 'local', 'bob')).not.toBeNull();
    } finally {
      await store.close();
    }

    const again = captureIo({ TUTOR_DB: db }, dir);
    expect(await forgetCommand.run(['ada'], again)).toBe(1);
    expect(again.err()).toContain('no user "ada" on console/local: nothing removed');
    const byId = captureIo({ TUTOR_DB: db }, dir);
    expect(await forgetCommand.run(['bob'], byId)).toBe(0);
    expect(await leaderboardNames(db)).toEqual([]);
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
