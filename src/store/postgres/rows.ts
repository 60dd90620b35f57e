/**
 * Rows every concern of the PostgreSQL store reads, each query written once (the row shapes and their mapping
 * are shared with SQLite: `../logic/rows.ts`).
 */
import { EMPTY_STREAK, type StreakState } from '../../domain/streak.js';
import type { Day, Platform } from '../../domain/vocabulary.js';
import {
  CHALLENGE_COLUMNS,
  CHANNEL_SELECT,
  toChallenge,
  toChannel,
  type ChallengeRow,
  type ChannelRow,
} from '../logic/rows.js';
import type { DailyChallengeRecord } from '../ports/challenges.js';
import type { ChannelRecord, WorkspaceRecord } from '../ports/channels.js';
import { StoreError } from '../ports/errors.js';
import type { UserKey } from '../ports/users.js';
import type { Sql } from './context.js';

/** The advisory lock key of one learner: every unit of work that reads then writes their rows takes it. */
export const learnerLock = (user: UserKey) => `learner:${user.platform}:${user.workspaceExternalId}:${user.externalId}`;
/** The advisory lock key of one workspace's teams: joining, leaving, dropping a team and crediting it. */
export const teamsLock = (workspaceId: number) => `teams:${workspaceId}`;

export async function workspaceRow(sql: Sql, platform: Platform, externalId: string): Promise<WorkspaceRecord | null> {
  const row = await sql.row<{ id: number; platform: Platform; external_id: string; time_zone: string }>(
    'SELECT id, platform, external_id, time_zone FROM workspaces WHERE platform = $1 AND external_id = $2',
    [platform, externalId],
  );
  return row ? { id: row.id, platform: row.platform, externalId: row.external_id, timeZone: row.time_zone } : null;
}

export async function ensureWorkspaceRow(
  sql: Sql,
  platform: Platform,
  externalId: string,
  timeZone: string,
): Promise<WorkspaceRecord> {
  await sql.run(
    'INSERT INTO workspaces (platform, external_id, time_zone) VALUES ($1, $2, $3) ON CONFLICT (platform, external_id) DO NOTHING',
    [platform, externalId, timeZone],
  );
  return (await workspaceRow(sql, platform, externalId))!;
}

export async function requireWorkspace(sql: Sql, platform: Platform, externalId: string): Promise<WorkspaceRecord> {
  const workspace = await workspaceRow(sql, platform, externalId);
  if (!workspace) throw new StoreError('store-failed', `unknown workspace ${platform}:${externalId}`);
  return workspace;
}

/** Writes only when the user is new or renamed (the caller holds the learner's lock). */
export async function upsertUser(
  sql: Sql,
  workspaceId: number,
  externalId: string,
  displayName: string,
): Promise<number> {
  const existing = await sql.row<{ id: number; display_name: string }>(
    'SELECT id, display_name FROM users WHERE workspace_id = $1 AND external_id = $2',
    [workspaceId, externalId],
  );
  if (!existing) {
    // Two first answers at once: the later insert does nothing and reads the earlier one's row.
    const inserted = await sql.row<{ id: number }>(
      `INSERT INTO users (workspace_id, external_id, display_name) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, external_id) DO NOTHING RETURNING id`,
      [workspaceId, externalId, displayName],
    );
    if (inserted) return inserted.id;
    return upsertUser(sql, workspaceId, externalId, displayName);
  }
  if (existing.display_name !== displayName) {
    await sql.run('UPDATE users SET display_name = $1 WHERE id = $2', [displayName, existing.id]);
  }
  return existing.id;
}

interface UserRow {
  readonly id: number;
  readonly workspaceId: number;
  readonly displayName: string;
}

export async function userRow(sql: Sql, user: UserKey): Promise<UserRow | null> {
  const row = await sql.row<{ id: number; workspace_id: number; display_name: string }>(
    `SELECT u.id, u.workspace_id, u.display_name FROM users u JOIN workspaces w ON w.id = u.workspace_id
     WHERE w.platform = $1 AND w.external_id = $2 AND u.external_id = $3`,
    [user.platform, user.workspaceExternalId, user.externalId],
  );
  return row ? { id: row.id, workspaceId: row.workspace_id, displayName: row.display_name } : null;
}

export async function channelRow(sql: Sql, channelId: number): Promise<ChannelRecord | null> {
  const row = await sql.row<ChannelRow>(`${CHANNEL_SELECT} WHERE c.id = $1`, [channelId]);
  return row ? toChannel(row) : null;
}

export async function challengeRow(sql: Sql, challengeId: number): Promise<DailyChallengeRecord | null> {
  const row = await sql.row<ChallengeRow>(`SELECT ${CHALLENGE_COLUMNS} FROM daily_challenges WHERE id = $1`, [
    challengeId,
  ]);
  return row ? toChallenge(row) : null;
}

export async function challengeOnDay(sql: Sql, channelId: number, day: Day): Promise<DailyChallengeRecord | null> {
  const row = await sql.row<ChallengeRow>(
    `SELECT ${CHALLENGE_COLUMNS} FROM daily_challenges WHERE channel_id = $1 AND day = $2`,
    [channelId, day],
  );
  return row ? toChallenge(row) : null;
}

export async function streakState(sql: Sql, userId: number): Promise<StreakState> {
  const row = await sql.row<{ current: number; longest: number; freezes: number; last_counted_day: string | null }>(
    'SELECT current, longest, freezes, last_counted_day FROM streaks WHERE user_id = $1',
    [userId],
  );
  return row
    ? { current: row.current, longest: row.longest, freezes: row.freezes, lastCountedDay: row.last_counted_day }
    : EMPTY_STREAK;
}

export async function membership(sql: Sql, userId: number): Promise<{ teamId: number; name: string } | null> {
  const row = await sql.row<{ id: number; name: string }>(
    'SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = $1',
    [userId],
  );
  return row ? { teamId: row.id, name: row.name } : null;
}

/** A team goes once it has neither members nor points on record (the caller holds the workspace's teams lock). */
export async function dropTeamIfEmpty(sql: Sql, teamId: number): Promise<void> {
  await sql.run(
    `DELETE FROM teams WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM team_members WHERE team_id = $1)
       AND NOT EXISTS (SELECT 1 FROM team_period_totals WHERE team_id = $1)`,
    [teamId],
  );
}
