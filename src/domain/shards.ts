/**
 * Which tutor process serves a channel when several run on one database. Discord fixes the rule for guilds (a
 * guild's events come over shard `(guild_id >> 22) % shard_count`); other platforms' channels are spread by a
 * stable hash of their ids, so every process agrees without asking the others.
 */
import type { Platform } from './vocabulary.js';

/** This process's place among `count` processes (Discord: its shard id and the shard count). */
export interface ProcessSlot {
  readonly index: number;
  readonly count: number;
}

export const SINGLE_PROCESS: ProcessSlot = { index: 0, count: 1 };

/** Discord's sharding formula; a guild id that is not a snowflake goes to shard 0. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  if (!/^\d+$/.test(guildId)) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** FNV-1a over the UTF-16 code units: stable across processes and versions, unlike a seeded hash. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface ChannelKey {
  readonly platform: Platform;
  readonly workspaceExternalId: string;
  readonly externalId: string;
}

/** True when the process in `slot` schedules and posts for `channel`. The console has one process: slot 0. */
export function slotOwnsChannel(slot: ProcessSlot, channel: ChannelKey): boolean {
  if (slot.count <= 1) return true;
  switch (channel.platform) {
    case 'discord':
      return shardOfGuild(channel.workspaceExternalId, slot.count) === slot.index;
    case 'slack':
      return stableHash(`${channel.workspaceExternalId}/${channel.externalId}`) % slot.count === slot.index;
    case 'console':
      return slot.index === 0;
  }
}
