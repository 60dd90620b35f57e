/** What learners read back: a streak with its recent days, a learner's points, the leaderboards. */
import type { StreakState } from '../../domain/streak.js';
import type { Day, Period, Platform } from '../../domain/vocabulary.js';
import type { UserKey, UserRef } from './users.js';

/**
 * A challenge day of the user's workspace, from their first answer on: passed, covered by a freeze,
 * answered without a pass, or missed (no answer, and its day is over).
 */
export type StreakDayStatus = 'passed' | 'frozen' | 'failed' | 'missed';

export interface StreakView extends StreakState {
  readonly user: string;
  /** Recent challenge days, most recent first. */
  readonly days: readonly { readonly day: Day; readonly status: StreakDayStatus }[];
}

export interface LeaderboardQuery {
  readonly workspace: { readonly platform: Platform; readonly externalId: string };
  readonly period: Period;
  /** The day "now" falls on in the workspace's time zone: selects the week/month. */
  readonly today: Day;
  readonly by: 'points' | 'streak';
  readonly teams: boolean;
  readonly limit: number;
}

export interface LeaderboardEntry {
  readonly rank: number;
  readonly name: string;
  readonly points: number;
  readonly streak: number;
  /** Teams only: member count and average points per member (teams rank by the average). */
  readonly members?: number;
  readonly averagePoints?: number;
}

export type PointsByPeriod = Readonly<Record<Period, number>>;

export interface BoardStore {
  /**
   * `recentDays` challenge days at most; a day is missed once its challenge closed or, given `today` (the
   * day in the workspace's zone), once it is over.
   */
  streak(user: UserKey, options: { recentDays: number; today?: Day }): Promise<StreakView | null>;
  findUserByName(platform: Platform, workspaceExternalId: string, nameOrId: string): Promise<UserRef | null>;
  leaderboard(query: LeaderboardQuery): Promise<LeaderboardEntry[]>;
  /** One learner's points in the week, month and all time `today` falls in (0 for a learner never seen). */
  learnerPoints(user: UserKey, today: Day): Promise<PointsByPeriod>;
}
