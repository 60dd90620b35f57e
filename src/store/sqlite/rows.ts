/**
 * Rows every concern reads, each query written once: the workspace, the user (by key, or created), the
 * channel, the challenge (by id, by channel-day), the streak state and the team membership.
 */
import { EMPTY_STREAK, type StreakState } from '../../domain/streak.js';
import type { ChannelMode } from '../../domain/adaptive.js';
import type { Day, Platform } from '../../domain/vocabulary.js';
import type { DailyChallengeRecord } from '../ports/challenges.js';
import type { ChannelRecord, WorkspaceRecord } from '../ports/channels.js';
import { StoreError } from '../ports/errors.js';
import type { UserKey } from '../ports/users.js';
import type { SqliteContext } from './context.js';

interface ChannelRow {
  id: number;
  workspace_id: number;
  platform: Platform;
  workspace_external_id: string;
  external_id: string;
  name: string | null;
  schedule_time: string;
  time_zone: string;
  paused: number;
  mode: ChannelMode;
}

export interface ChallengeRow {
  id: number;
  channel_id: number;
  day: string;
  topic_id: string;
  claimed_at: number;
  posted_at: number | null;
  message_id: string | null;
  thread_id: string | null;
  closed_at: number | null;
}

export const CHANNEL_SELECT = `
  SELECT c.id, c.workspace_id, w.platform, w.external_id AS workspace_external_id, c.external_id, c.name,
         c.schedule_time, c.time_zone, c.paused, c.mode
  FROM channels c JOIN workspaces w ON w.id = c.workspace_id`;

function toChannel(row: ChannelRow): ChannelRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    platform: row.platform,
    workspaceExternalId: row.workspace_external_id,
    externalId: row.external_id,
    name: row.name,
    scheduleTime: row.schedule_time,
    timeZone: row.time_zone,
    paused: row.paused !== 0,
    mode: row.mode,
  };
}

export const toChannels = (rows: unknown[]): ChannelRecord[] => (rows as ChannelRow[]).map(toChannel);

const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

export function toChallenge(row: ChallengeRow): DailyChallengeRecord {
  return {
    id: row.id,
    channelId: row.channel_id,
    day: row.day,
    topicId: row.topic_id,
    claimedAt: new Date(row.claimed_at),
    postedAt: dateOrNull(row.posted_at),
    messageId: row.message_id,
    threadId: row.thread_id,
    closedAt: dateOrNull(row.closed_at),
  };
}

export function workspaceRow(ctx: SqliteContext, platform: Platform, externalId: string): WorkspaceRecord | null {
  const row = ctx
    .sql('SELECT id, platform, external_id, time_zone FROM workspaces WHERE platform = ? AND external_id = ?')
    .get(platform, externalId) as
    { id: number; platform: Platform; external_id: string; time_zone: string } | undefined;
  return row ? { id: row.id, platform: row.platform, externalId: row.external_id, timeZone: row.time_zone } : null;
}

export function ensureWorkspaceRow(
  ctx: SqliteContext,
  platform: Platform,
  externalId: string,
  timeZone: string,
): WorkspaceRecord {
  ctx
    .sql(
      'INSERT INTO workspaces (platform, external_id, time_zone) VALUES (?, ?, ?) ON CONFLICT (platform, external_id) DO NOTHING',
    )
    .run(platform, externalId, timeZone);
  return workspaceRow(ctx, platform, externalId)!;
}

export function requireWorkspace(ctx: SqliteContext, platform: Platform, externalId: string): WorkspaceRecord {
  const workspace = workspaceRow(ctx, platform, externalId);
  if (!workspace) throw new StoreError('store-failed', `unknown workspace ${platform}:${externalId}`);
  return workspace;
}

/** Writes only when the user is new or renamed: an unchanged row costs no page write. */
export function upsertUser(ctx: SqliteContext, workspaceId: number, externalId: string, displayName: string): number {
  const existing = ctx
    .sql('SELECT id, display_name FROM users WHERE workspace_id = ? AND external_id = ?')
    .get(workspaceId, externalId) as { id: number; display_name: string } | undefined;
  if (!existing) {
    return Number(
      ctx
        .sql('INSERT INTO users (workspace_id, external_id, display_name) VALUES (?, ?, ?)')
        .run(workspaceId, externalId, displayName).lastInsertRowid,
    );
  }
  if (existing.display_name !== displayName) {
    ctx.sql('UPDATE users SET display_name = ? WHERE id = ?').run(displayName, existing.id);
  }
  return existing.id;
}

interface UserRow {
  readonly id: number;
  readonly workspaceId: number;
  readonly displayName: string;
}

/** The user a key names, or null when they never answered (nor joined a team) in that workspace. */
export function userRow(ctx: SqliteContext, user: UserKey): UserRow | null {
  const row = ctx
    .sql(
      `SELECT u.id, u.workspace_id, u.display_name FROM users u JOIN workspaces w ON w.id = u.workspace_id
       WHERE w.platform = ? AND w.external_id = ? AND u.external_id = ?`,
    )
    .get(user.platform, user.workspaceExternalId, user.externalId) as
    { id: number; workspace_id: number; display_name: string } | undefined;
  return row ? { id: row.id, workspaceId: row.workspace_id, displayName: row.display_name } : null;
}

export function channelRow(ctx: SqliteContext, channelId: number): ChannelRecord | null {
  const row = ctx.sql(`${CHANNEL_SELECT} WHERE c.id = ?`).get(channelId) as ChannelRow | undefined;
  return row ? toChannel(row) : null;
}

export function challengeRow(ctx: SqliteContext, challengeId: number): DailyChallengeRecord | null {
  const row = ctx.sql('SELECT * FROM daily_challenges WHERE id = ?').get(challengeId) as ChallengeRow | undefined;
  return row ? toChallenge(row) : null;
}

export function challengeOnDay(ctx: SqliteContext, channelId: number, day: Day): DailyChallengeRecord | null {
  const row = ctx.sql('SELECT * FROM daily_challenges WHERE channel_id = ? AND day = ?').get(channelId, day) as
    ChallengeRow | undefined;
  return row ? toChallenge(row) : null;
}

/** The stored streak state; `current` is as of the last counted day (see currentStreakAsOf for "today"). */
export function streakState(ctx: SqliteContext, userId: number): StreakState {
  const row = ctx
    .sql('SELECT current, longest, freezes, last_counted_day FROM streaks WHERE user_id = ?')
    .get(userId) as { current: number; longest: number; freezes: number; last_counted_day: string | null } | undefined;
  return row
    ? { current: row.current, longest: row.longest, freezes: row.freezes, lastCountedDay: row.last_counted_day }
    : EMPTY_STREAK;
}

export function membership(ctx: SqliteContext, userId: number): { teamId: number; name: string } | null {
  const row = ctx
    .sql('SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ?')
    .get(userId) as { id: number; name: string } | undefined;
  return row ? { teamId: row.id, name: row.name } : null;
}

/** A team goes once it has neither members nor points on record (what it earned stays with it). */
export function dropTeamIfEmpty(ctx: SqliteContext, teamId: number): void {
  ctx
    .sql(
      `DELETE FROM teams WHERE id = @team AND NOT EXISTS (SELECT 1 FROM team_members WHERE team_id = @team)
         AND NOT EXISTS (SELECT 1 FROM team_period_totals WHERE team_id = @team)`,
    )
    .run({ team: teamId });
}
