/**
 * The store: intent-named units of work, each one whole transaction. Promise-returning although
 * better-sqlite3 is synchronous, so a server database can stand behind the same interface later.
 * Days are `YYYY-MM-DD` calendar days already computed in the channel's time zone by the caller.
 */
import type { StreakState } from '../domain/streak.js';
import type { Day, Period, Platform } from '../domain/vocabulary.js';

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
}

export interface UserRef {
  readonly platform: Platform;
  readonly workspaceExternalId: string;
  readonly externalId: string;
  readonly displayName: string;
}

export interface DailyChallengeRecord {
  readonly id: number;
  readonly channelId: number;
  readonly day: Day;
  readonly topicId: string;
  readonly claimedAt: Date;
  readonly postedAt: Date | null;
  readonly messageId: string | null;
  readonly threadId: string | null;
  readonly closedAt: Date | null;
}

export interface ConceptSummary {
  readonly pain: readonly string[];
  readonly fix: readonly string[];
  readonly negated: readonly string[];
}

export interface AttemptInput {
  readonly challengeId: number;
  readonly user: UserRef;
  readonly text: string;
  readonly score: number;
  readonly passed: boolean;
  readonly concepts: ConceptSummary;
  /** Detailed feedback as shown to the user, kept so it can be shown again. */
  readonly feedback: string;
  readonly at: Date;
  readonly maxAttempts: number;
  /** Platform event id; a second attempt with the same key is a duplicate delivery. */
  readonly eventKey?: string;
}

/** The streak rules live in the domain; the store persists their state. */
export type { StreakState } from '../domain/streak.js';

export type AttemptOutcome =
  | {
      readonly status: 'recorded';
      readonly attemptId: number;
      readonly attemptNumber: number;
      readonly attemptsLeft: number;
      readonly bestScore: number;
      /** Points this challenge now counts for this user (best attempt + streak bonus). */
      readonly points: number;
      /** Whether any attempt on this challenge passed (the streak bonus applies only then). */
      readonly passed: boolean;
      /** The streak on the day the challenge was first passed (0 until passed): what sets the bonus. */
      readonly dayStreak: number;
      readonly streak: StreakState;
      /** Freezes spent by this attempt on missed days. */
      readonly freezesUsed: number;
    }
  | { readonly status: 'attempt-cap'; readonly attemptsUsed: number }
  | { readonly status: 'duplicate'; readonly attemptId: number }
  | { readonly status: 'closed' };

export interface PracticeInput {
  readonly user: UserRef;
  readonly topicId: string;
  readonly text: string;
  readonly score: number;
  readonly passed: boolean;
  readonly at: Date;
}

export interface DayResult {
  readonly userExternalId: string;
  readonly displayName: string;
  readonly bestScore: number;
  readonly passed: boolean;
  readonly attempts: number;
}

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

export interface StoredAttempt {
  readonly id: number;
  readonly userExternalId: string;
  readonly workspaceExternalId: string;
  readonly platform: Platform;
  readonly score: number;
  readonly feedback: string;
}

export interface StoreHealth {
  readonly ok: boolean;
  readonly schemaVersion: number;
  readonly latestVersion: number;
  /** A row written in a transaction then rolled back: what recording an answer needs. */
  readonly writable: boolean;
  /** `PRAGMA quick_check` found nothing wrong. */
  readonly intact: boolean;
  readonly detail?: string;
}

/** Errors with stable identifiers, so the core can explain them to a user. */
export type StoreErrorId = 'store-busy' | 'store-read-only' | 'store-full' | 'store-corrupt' | 'store-failed';

export class StoreError extends Error {
  constructor(
    readonly id: StoreErrorId,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface Store {
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

  /** Exactly one per channel per day (unique key): `created` is false when another caller already claimed it. */
  claimDailyChallenge(input: {
    channelId: number;
    day: Day;
    topicId: string;
    at: Date;
  }): Promise<{ challenge: DailyChallengeRecord; created: boolean }>;
  markChallengePosted(challengeId: number, posted: { messageId: string; threadId: string; at: Date }): Promise<void>;
  dailyChallenge(channelId: number, day: Day): Promise<DailyChallengeRecord | null>;
  challengeById(challengeId: number): Promise<DailyChallengeRecord | null>;
  challengeByThread(channelId: number, threadId: string): Promise<DailyChallengeRecord | null>;
  /** Claimed but not yet posted (a post that failed or was interrupted). */
  unpostedChallenges(): Promise<DailyChallengeRecord[]>;
  /** Posted and not closed. */
  openChallenges(): Promise<DailyChallengeRecord[]>;
  /** True for exactly one caller: the one that closed it. */
  closeChallenge(challengeId: number, at: Date): Promise<boolean>;
  /** Most recent first. */
  topicHistory(channelId: number, limit: number): Promise<{ topicId: string; day: Day }[]>;

  /** One transaction: cap check, attempt row, best of the day, streak, points, period totals. */
  recordAttempt(input: AttemptInput): Promise<AttemptOutcome>;
  recordPractice(input: PracticeInput): Promise<{ attemptId: number }>;
  dayResults(challengeId: number): Promise<DayResult[]>;
  attempt(attemptId: number): Promise<StoredAttempt | null>;

  /**
   * `recentDays` challenge days at most; a day is missed once its challenge closed or, given `today` (the
   * day in the workspace's zone), once it is over.
   */
  streak(user: Omit<UserRef, 'displayName'>, options: { recentDays: number; today?: Day }): Promise<StreakView | null>;
  findUserByName(platform: Platform, workspaceExternalId: string, nameOrId: string): Promise<UserRef | null>;
  leaderboard(query: LeaderboardQuery): Promise<LeaderboardEntry[]>;

  joinTeam(user: UserRef, teamName: string): Promise<{ team: string; previous: string | null }>;
  leaveTeam(user: Omit<UserRef, 'displayName'>): Promise<{ previous: string | null }>;
  teamOf(user: Omit<UserRef, 'displayName'>): Promise<string | null>;

  /** False when this event id was already processed (a retried or duplicated delivery). */
  claimEvent(platform: Platform, eventId: string, at: Date): Promise<boolean>;

  /** Removes a user's answers, scores, streaks and memberships from every table. Returns rows removed. */
  forgetUser(platform: Platform, workspaceExternalId: string, userExternalId: string): Promise<number>;
  /** SQLite online backup: safe while the bot runs. */
  backup(toFile: string): Promise<void>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
