/** Workspaces and the channels that receive a daily challenge, with their schedules. */
import type { ChannelMode } from '../../domain/adaptive.js';
import type { Platform } from '../../domain/vocabulary.js';

export interface WorkspaceRecord {
  readonly id: number;
  readonly platform: Platform;
  readonly externalId: string;
  /** Used for week/month leaderboards. */
  readonly timeZone: string;
}

export interface ChannelRecord {
  readonly id: number;
  readonly workspaceId: number;
  readonly platform: Platform;
  readonly workspaceExternalId: string;
  readonly externalId: string;
  readonly name: string | null;
  /** `HH:MM`, local to `timeZone`. */
  readonly scheduleTime: string;
  readonly timeZone: string;
  readonly paused: boolean;
  /** How the daily topic is picked: `rotation` (default) or `adaptive` (failed and due topics first). */
  readonly mode: ChannelMode;
}

export interface ChannelStore {
  ensureWorkspace(platform: Platform, externalId: string, defaults: { timeZone: string }): Promise<WorkspaceRecord>;
  ensureChannel(
    ref: { platform: Platform; workspaceExternalId: string; externalId: string; name?: string },
    defaults: { scheduleTime: string; timeZone: string },
  ): Promise<ChannelRecord>;
  findChannel(platform: Platform, workspaceExternalId: string, externalId: string): Promise<ChannelRecord | null>;
  listChannels(): Promise<ChannelRecord[]>;
  updateChannel(
    channelId: number,
    change: { scheduleTime?: string; timeZone?: string; paused?: boolean },
  ): Promise<ChannelRecord>;
}
