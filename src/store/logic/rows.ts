/**
 * Row shapes and their mapping to records, written once for every backend: both schemas use the same column
 * names and conventions (instants as milliseconds, days as 'YYYY-MM-DD', flags as 0/1), so a row read from
 * SQLite or PostgreSQL maps the same way.
 */
import type { ChannelMode } from '../../domain/adaptive.js';
import type { ChallengeResultState } from '../../domain/day-score.js';
import type { Platform } from '../../domain/vocabulary.js';
import type { AttemptInput } from '../ports/attempts.js';
import type { DailyChallengeRecord } from '../ports/challenges.js';
import type { ChannelRecord } from '../ports/channels.js';

export interface ChannelRow {
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

export interface ResultRow {
  attempts: number;
  best_score: number;
  best_attempt_id: number;
  passed: number;
  streak: number;
  points: number;
}

/** The columns of a ChallengeRow, named (a prepared `SELECT *` breaks when a migration adds a column). */
export const CHALLENGE_COLUMNS =
  'id, channel_id, day, topic_id, claimed_at, posted_at, message_id, thread_id, closed_at';

/** Valid in both dialects. */
export const CHANNEL_SELECT = `
  SELECT c.id, c.workspace_id, w.platform, w.external_id AS workspace_external_id, c.external_id, c.name,
         c.schedule_time, c.time_zone, c.paused, c.mode
  FROM channels c JOIN workspaces w ON w.id = c.workspace_id`;

export function toChannel(row: ChannelRow): ChannelRecord {
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

export function toResult(row: ResultRow | undefined): ChallengeResultState | null {
  return row
    ? {
        attempts: row.attempts,
        bestScore: row.best_score,
        passed: row.passed !== 0,
        streak: row.streak,
        points: row.points,
      }
    : null;
}

/** An attempt's row after its id, both backends: its values in the order of `ATTEMPT_COLUMNS`. */
export const ATTEMPT_COLUMNS =
  'challenge_id, user_id, attempt_number, text, score, passed, concepts, feedback, at, event_key';

export function attemptValues(
  challengeId: number,
  userId: number | null,
  attemptNumber: number,
  input: AttemptInput,
  score: number,
): (string | number | null)[] {
  return [
    challengeId,
    userId,
    attemptNumber,
    input.text,
    score,
    Number(input.passed),
    JSON.stringify(input.concepts),
    input.feedback,
    input.at.getTime(),
    input.eventKey ?? null,
  ];
}
