/** Which process serves what: the slot of a worker, the process plan of a configuration, the channel partition. */
import { describe, expect, it } from 'vitest';
import { parseSlot, planProcesses } from '../../src/app/processes.js';
import { loadConfig } from '../../src/config/config.js';
import { shardOfGuild, slotOwnsChannel } from '../../src/domain/shards.js';
import { guildShard } from '../fakes/discord/gateway.js';
import { snowflake } from '../fakes/discord/payloads.js';

describe('process slots', () => {
  it('parses index/count and refuses anything else', () => {
    expect(parseSlot('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['3/3', '1', '-1/2', 'a/b', '0/0', '']) expect(parseSlot(bad)).toBeNull();
  });

  it('plans one process per Discord shard, Discord’s recommendation for auto, else TUTOR_PROCESSES', async () => {
    const asked: string[] = [];
    const fetchJson = async (url: string, init: RequestInit) => {
      asked.push(`${url} ${(init.headers as Record<string, string>).authorization}`);
      return { shards: 4, session_start_limit: { max_concurrency: 2 } };
    };
    const discord = { DISCORD_TOKEN: 't0k', DISCORD_API_BASE: 'http://127.0.0.1:9/api' };
    expect(await planProcesses(loadConfig({ ...discord, DISCORD_SHARDS: 'auto' }), fetchJson)).toEqual({
      count: 4,
      spawnDelayMs: 2_750,
    });
    expect(asked).toEqual(['http://127.0.0.1:9/api/v10/gateway/bot Bot t0k']);
    expect((await planProcesses(loadConfig({ ...discord, DISCORD_SHARDS: '3' }), fetchJson)).count).toBe(3);
    expect(await planProcesses(loadConfig({ TUTOR_PROCESSES: '2' }), fetchJson)).toEqual({ count: 2, spawnDelayMs: 0 });
    expect(asked).toHaveLength(1);
    expect(() => loadConfig({ DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS: must be auto/);
    expect(() => loadConfig({ TUTOR_PROCESSES: '0' })).toThrow(/TUTOR_PROCESSES/);
  });

  it('gives every channel to exactly one process, Discord channels by their guild’s shard', () => {
    const count = 3;
    const guilds = Array.from({ length: 60 }, (_, i) => ((BigInt(i + 1) << 22n) | 7n).toString());
    guilds.push(snowflake());
    for (const guild of guilds) expect(shardOfGuild(guild, count)).toBe(guildShard(guild, count));
    const channels = [
      ...guilds.map((g, i) => ({ platform: 'discord' as const, workspaceExternalId: g, externalId: `D${i}` })),
      ...Array.from({ length: 90 }, (_, i) => ({
        platform: 'slack' as const,
        workspaceExternalId: 'T1',
        externalId: `C${i}`,
      })),
      { platform: 'console' as const, workspaceExternalId: 'local', externalId: 'console' },
    ];
    const owners = channels.map((c) => [0, 1, 2].filter((index) => slotOwnsChannel({ index, count }, c)));
    expect(owners.every((o) => o.length === 1)).toBe(true);
    // Spread: each process gets a share of the Discord guilds and of the Slack channels.
    for (const platform of ['discord', 'slack']) {
      const shares = [0, 1, 2].map(
        (index) => channels.filter((c, i) => c.platform === platform && owners[i]![0] === index).length,
      );
      expect(Math.min(...shares)).toBeGreaterThan(0);
    }
    expect(channels.every((c) => slotOwnsChannel({ index: 0, count: 1 }, c))).toBe(true);
  });
});
