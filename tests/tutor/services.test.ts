import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../src/app/services.js';
import { loadConfig } from '../../src/config/config.js';
import { ManualClock } from '../../src/tutor/clock.js';
import { silentLogger } from '../../src/domain/logger.js';

let dir: string;
let services: Services;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tutor-services-'));
  cpSync(path.resolve('knowledge'), path.join(dir, 'knowledge'), { recursive: true });
  const config = loadConfig({ TUTOR_DB: 'data/tutor.db', TUTOR_KNOWLEDGE: 'knowledge', TUTOR_ADMINS: 'root' });
  services = await openServices(config, {
    clock: new ManualClock(new Date('2026-03-02T10:00:00Z')),
    logger: silentLogger,
    cwd: dir,
  });
});
afterEach(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = {
  platform: 'console' as const,
  workspaceId: 'local',
  userId: 'root',
  displayName: 'root',
  locale: 'en' as const,
  isAdmin: false,
};
const place = { platform: 'console' as const, workspaceId: 'local', channelId: 'console' };

describe('openServices', () => {
  it('composes store, knowledge and tutor on the configured paths (relative to cwd)', async () => {
    expect((await services.store.health()).writable).toBe(true);
    const reply = await services.tutor.handleCommand({
      actor: admin,
      place,
      command: 'topic',
      options: { query: 'k8s' },
    });
    expect(reply.messages[0]!.errorId).toBeUndefined();
  });

  it('reload swaps in good notes, and keeps the previous notes when the new load has errors (file:line)', async () => {
    const before = services.knowledge.current();
    const ok = await services.tutor.handleCommand({ actor: admin, place, command: 'reload', options: {} });
    expect(ok.messages[0]!.text).toMatch(/^Knowledge reloaded \(\d+ warning\(s\)\)\.$/);
    const reloaded = services.knowledge.current();
    expect(reloaded).not.toBe(before);

    writeFileSync(path.join(dir, 'knowledge', 'broken.md'), '# Title\n- fine\n- bad \u0000 byte\n');
    const failed = await services.tutor.handleCommand({ actor: admin, place, command: 'reload', options: {} });
    expect(failed.messages[0]).toMatchObject({ errorId: 'reload-failed', tone: 'error' });
    expect(failed.messages[0]!.text).toMatch(/broken\.md:\d+: /);
    expect(services.knowledge.current()).toBe(reloaded);
    const lookup = await services.tutor.handleCommand({
      actor: admin,
      place,
      command: 'topic',
      options: { query: 'redis' },
    });
    expect(lookup.messages[0]!.errorId).toBeUndefined();
  });
});
