/**
 * The Store on one SQLite file (better-sqlite3). Every use case is one IMMEDIATE transaction: it takes
 * the write lock before its first read, so two processes on one file serialize instead of failing
 * to upgrade a read snapshot. Scoring and streak rules come from the domain (applyAttempt); this
 * module only reads and writes their state.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { dayEnd, periodKey } from '../domain/calendar.js';
import { applyAttempt, type ChallengeResultState } from '../domain/day-score.js';
import { silentLogger, type Logger } from '../domain/logger.js';
import { EMPTY_STREAK, currentStreakAsOf, type StreakState } from '../domain/streak.js';
import { PERIODS, type Day, type Period, type Platform } from '../domain/vocabulary.js';
import { DEFAULT_BACKUP_STALL_MS, runBackup } from './backup.js';
import { backgroundCheckpointer, DEFAULT_MAX_WAL_BYTES, type Checkpointer } from './checkpointer.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase, toStoreError } from './connection.js';
import { DEFAULT_MIGRATIONS_DIR, applyMigrations, latestVersion, schemaVersion } from './migrations.js';
import {
  StoreError,
  type AttemptInput,
  type AttemptOutcome,
  type ChannelRecord,
  type DailyChallengeRecord,
  type DayResult,
  type LeaderboardEntry,
  type LeaderboardQuery,
  type PracticeInput,
  type Store,
  type StoreHealth,
  type StoredAttempt,
  type StreakDayStatus,
  type StreakView,
  type UserRef,
  type WorkspaceRecord,
} from './types.js';

export interface SqliteStoreOptions {
  readonly migrationsDir?: string;
  readonly busyTimeoutMs?: number;
  readonly logger?: Logger;
  /** Open without write access: no migrations are applied and every write fails with `store-read-only`. */
  readonly readOnly?: boolean;
  /** The WAL is checkpointed when it reaches this size (default 4 MiB), as well as every 1,000 writes. */
  readonly maxWalBytes?: number;
}

/** One user's points for one period, as stored or as recomputed from the attempts. */
export interface PeriodTotalRow {
  readonly workspaceId: number;
  readonly userId: number;
  readonly kind: Period;
  readonly periodKey: string;
  readonly points: number;
}

/** Processed event ids are kept this long: platforms retry within minutes, not weeks. */
export const EVENT_RETENTION_MS = 7 * 86_400_000;
/** How long a passed integrity check (health) stands before the file is read through again. */
export const INTEGRITY_RECHECK_MS = 5 * 60_000;
const EVENT_PRUNE_EVERY_MS = 60_000;

type UserKey = Omit<UserRef, 'displayName'>;

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
}

interface ChallengeRow {
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

interface StreakRow {
  current: number;
  longest: number;
  freezes: number;
  last_counted_day: string | null;
}

interface ResultRow {
  attempts: number;
  best_score: number;
  best_attempt_id: number;
  passed: number;
  streak: number;
  points: number;
}

const CHANNEL_SELECT = `
  SELECT c.id, c.workspace_id, w.platform, w.external_id AS workspace_external_id, c.external_id, c.name,
         c.schedule_time, c.time_zone, c.paused
  FROM channels c JOIN workspaces w ON w.id = c.workspace_id`;

const CURRENT_STREAK_SQL =
  'CASE WHEN s.user_id IS NULL THEN 0 ELSE current_streak(s.current, s.freezes, s.last_counted_day, @today) END';

/**
 * A user's recent challenge days, from their first answer on: the days their streak counted or froze, and
 * every day a challenge was posted in their workspace, answered or not. An unanswered day counts as missed
 * once a challenge of it closed, or its day is before @today.
 */
const RECENT_DAYS_SQL = `
  WITH answered AS (
    SELECT d.day, MAX(r.passed) AS passed
    FROM challenge_results r JOIN daily_challenges d ON d.id = r.challenge_id
    WHERE r.user_id = @user GROUP BY d.day
  ),
  days AS (
    SELECT day FROM streak_days WHERE user_id = @user
    UNION
    SELECT day FROM answered
    UNION
    SELECT d.day FROM daily_challenges d JOIN channels c ON c.id = d.channel_id
    WHERE c.workspace_id = @ws AND d.posted_at IS NOT NULL AND d.day >= (SELECT MIN(day) FROM answered)
      AND (d.closed_at IS NOT NULL OR d.day < @today)
  )
  SELECT x.day,
         CASE WHEN sd.status = 'passed' OR a.passed = 1 THEN 'passed'
              WHEN sd.status = 'frozen' THEN 'frozen'
              WHEN a.day IS NOT NULL THEN 'failed'
              ELSE 'missed' END AS status
  FROM days x
  LEFT JOIN streak_days sd ON sd.user_id = @user AND sd.day = x.day
  LEFT JOIN answered a ON a.day = x.day
  ORDER BY x.day DESC LIMIT @limit`;

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
  };
}

/** Binary order, as SQLite's default collation sorts. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

function toChallenge(row: ChallengeRow): DailyChallengeRecord {
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

function toStreak(row: StreakRow | undefined): StreakState {
  return row
    ? { current: row.current, longest: row.longest, freezes: row.freezes, lastCountedDay: row.last_counted_day }
    : EMPTY_STREAK;
}

function toResult(row: ResultRow | undefined): ChallengeResultState | null {
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

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  const logger = (options.logger ?? silentLogger).child({ component: 'store' });
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const db = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs, readOnly: options.readOnly });
  try {
    if (!options.readOnly) {
      const report = applyMigrations(db, { migrationsDir });
      if (report.applied.length > 0) {
        logger.info({ from: report.from, to: report.to, file }, 'database migrated');
      }
    }
    const walFile = !options.readOnly && db.pragma('journal_mode', { simple: true }) === 'wal';
    const maxWalBytes = options.maxWalBytes ?? DEFAULT_MAX_WAL_BYTES;
    if (walFile) {
      // When SQLite starts the WAL over after a checkpoint, it truncates a larger file to this size; and if the
      // worker falls behind, a commit that finds twice the bound in the WAL checkpoints it itself.
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`journal_size_limit = ${Math.floor(maxWalBytes / 2)}`);
      db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.ceil((2 * maxWalBytes) / pageSize))}`);
    }
    const checkpointer = walFile
      ? backgroundCheckpointer({
          file: db.name,
          busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
          logger,
          maxWalBytes,
        })
      : null;
    return new SqliteStore(db, migrationsDir, logger, checkpointer);
  } catch (error) {
    db.close();
    throw toStoreError(error, file);
  }
}

export class SqliteStore implements Store {
  private readonly statements = new Map<string, Database.Statement>();
  /** One transaction wrapper for every write: better-sqlite3 builds four functions per `transaction()` call. */
  private readonly transaction: Database.Transaction<(work: () => unknown) => unknown>;
  /** Event time of the last pruning of expired event ids. */
  private eventsPrunedAt = -Infinity;
  /** When `PRAGMA quick_check` last found the file intact (performance.now()). */
  private intactSince = -Infinity;

  constructor(
    private readonly db: Database.Database,
    private readonly migrationsDir: string,
    private readonly logger: Logger,
    private readonly checkpointer: Checkpointer | null = null,
  ) {
    this.transaction = db.transaction((work: () => unknown) => work());
    // The displayed streak rule, callable from SQL so leaderboards can sort by it without a copy in SQL.
    db.function(
      'current_streak',
      { deterministic: true },
      (current: unknown, freezes: unknown, lastCountedDay: unknown, today: unknown) =>
        currentStreakAsOf(
          {
            current: Number(current),
            longest: Number(current),
            freezes: Number(freezes),
            lastCountedDay: typeof lastCountedDay === 'string' ? lastCountedDay : null,
          },
          String(today),
        ),
    );
  }

  /** Prepared statements are compiled once per connection and reused. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Runs a unit of work as one IMMEDIATE transaction, mapping SQLite failures to StoreErrors. */
  private write<T>(work: () => T): T {
    const result = this.guard(() => this.transaction.immediate(work) as T);
    this.checkpointer?.written();
    return result;
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const mapped = toStoreError(error, this.db.name);
      this.logger.error({ err: error, id: mapped.id }, 'store operation failed');
      throw mapped;
    }
  }

  // ── workspaces, channels, users ────────────────────────────────────────────────────────────────

  private workspaceRow(platform: Platform, externalId: string): WorkspaceRecord | null {
    const row = this.sql(
      'SELECT id, platform, external_id, time_zone FROM workspaces WHERE platform = ? AND external_id = ?',
    ).get(platform, externalId) as
      { id: number; platform: Platform; external_id: string; time_zone: string } | undefined;
    return row ? { id: row.id, platform: row.platform, externalId: row.external_id, timeZone: row.time_zone } : null;
  }

  private ensureWorkspaceRow(platform: Platform, externalId: string, timeZone: string): WorkspaceRecord {
    this.sql(
      'INSERT INTO workspaces (platform, external_id, time_zone) VALUES (?, ?, ?) ON CONFLICT (platform, external_id) DO NOTHING',
    ).run(platform, externalId, timeZone);
    return this.workspaceRow(platform, externalId)!;
  }

  private requireWorkspace(platform: Platform, externalId: string): WorkspaceRecord {
    const workspace = this.workspaceRow(platform, externalId);
    if (!workspace) throw new StoreError('store-failed', `unknown workspace ${platform}:${externalId}`);
    return workspace;
  }

  /** Writes only when the user is new or renamed: an unchanged row costs no page write. */
  private upsertUser(workspaceId: number, externalId: string, displayName: string): number {
    const existing = this.sql('SELECT id, display_name FROM users WHERE workspace_id = ? AND external_id = ?').get(
      workspaceId,
      externalId,
    ) as { id: number; display_name: string } | undefined;
    if (!existing) {
      return Number(
        this.sql('INSERT INTO users (workspace_id, external_id, display_name) VALUES (?, ?, ?)').run(
          workspaceId,
          externalId,
          displayName,
        ).lastInsertRowid,
      );
    }
    if (existing.display_name !== displayName) {
      this.sql('UPDATE users SET display_name = ? WHERE id = ?').run(displayName, existing.id);
    }
    return existing.id;
  }

  private userId(user: UserKey): number | null {
    const row = this.sql(
      `SELECT u.id FROM users u JOIN workspaces w ON w.id = u.workspace_id
       WHERE w.platform = ? AND w.external_id = ? AND u.external_id = ?`,
    ).get(user.platform, user.workspaceExternalId, user.externalId) as { id: number } | undefined;
    return row?.id ?? null;
  }

  private channelRow(channelId: number): ChannelRecord | null {
    const row = this.sql(`${CHANNEL_SELECT} WHERE c.id = ?`).get(channelId) as ChannelRow | undefined;
    return row ? toChannel(row) : null;
  }

  async ensureWorkspace(
    platform: Platform,
    externalId: string,
    defaults: { timeZone: string },
  ): Promise<WorkspaceRecord> {
    return this.write(() => this.ensureWorkspaceRow(platform, externalId, defaults.timeZone));
  }

  async ensureChannel(
    ref: { platform: Platform; workspaceExternalId: string; externalId: string; name?: string },
    defaults: { scheduleTime: string; timeZone: string },
  ): Promise<ChannelRecord> {
    return this.write(() => {
      const workspace = this.ensureWorkspaceRow(ref.platform, ref.workspaceExternalId, defaults.timeZone);
      const row = this.sql(
        `INSERT INTO channels (workspace_id, external_id, name, schedule_time, time_zone) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, external_id) DO UPDATE SET name = COALESCE(excluded.name, channels.name)
         RETURNING id`,
      ).get(workspace.id, ref.externalId, ref.name ?? null, defaults.scheduleTime, defaults.timeZone) as { id: number };
      return this.channelRow(row.id)!;
    });
  }

  async findChannel(
    platform: Platform,
    workspaceExternalId: string,
    externalId: string,
  ): Promise<ChannelRecord | null> {
    return this.guard(() => {
      const row = this.sql(`${CHANNEL_SELECT} WHERE w.platform = ? AND w.external_id = ? AND c.external_id = ?`).get(
        platform,
        workspaceExternalId,
        externalId,
      ) as ChannelRow | undefined;
      return row ? toChannel(row) : null;
    });
  }

  async listChannels(): Promise<ChannelRecord[]> {
    return this.guard(() => (this.sql(`${CHANNEL_SELECT} ORDER BY c.id`).all() as ChannelRow[]).map(toChannel));
  }

  async updateChannel(
    channelId: number,
    change: { scheduleTime?: string; timeZone?: string; paused?: boolean },
  ): Promise<ChannelRecord> {
    return this.write(() => {
      this.sql(
        `UPDATE channels SET schedule_time = COALESCE(?, schedule_time), time_zone = COALESCE(?, time_zone),
                paused = COALESCE(?, paused) WHERE id = ?`,
      ).run(
        change.scheduleTime ?? null,
        change.timeZone ?? null,
        change.paused === undefined ? null : Number(change.paused),
        channelId,
      );
      const channel = this.channelRow(channelId);
      if (!channel) throw new StoreError('store-failed', `unknown channel ${channelId}`);
      return channel;
    });
  }

  // ── daily challenges ───────────────────────────────────────────────────────────────────────────

  private challengeRow(challengeId: number): DailyChallengeRecord | null {
    const row = this.sql('SELECT * FROM daily_challenges WHERE id = ?').get(challengeId) as ChallengeRow | undefined;
    return row ? toChallenge(row) : null;
  }

  async claimDailyChallenge(input: {
    channelId: number;
    day: Day;
    topicId: string;
    at: Date;
  }): Promise<{ challenge: DailyChallengeRecord; created: boolean }> {
    return this.write(() => {
      const inserted = this.sql(
        `INSERT INTO daily_challenges (channel_id, day, topic_id, claimed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel_id, day) DO NOTHING`,
      ).run(input.channelId, input.day, input.topicId, input.at.getTime());
      const row = this.sql('SELECT * FROM daily_challenges WHERE channel_id = ? AND day = ?').get(
        input.channelId,
        input.day,
      ) as ChallengeRow;
      return { challenge: toChallenge(row), created: inserted.changes === 1 };
    });
  }

  async markChallengePosted(
    challengeId: number,
    posted: { messageId: string; threadId: string; at: Date },
  ): Promise<void> {
    this.write(() => {
      this.sql('UPDATE daily_challenges SET posted_at = ?, message_id = ?, thread_id = ? WHERE id = ?').run(
        posted.at.getTime(),
        posted.messageId,
        posted.threadId,
        challengeId,
      );
    });
  }

  async dailyChallenge(channelId: number, day: Day): Promise<DailyChallengeRecord | null> {
    return this.guard(() => {
      const row = this.sql('SELECT * FROM daily_challenges WHERE channel_id = ? AND day = ?').get(channelId, day) as
        ChallengeRow | undefined;
      return row ? toChallenge(row) : null;
    });
  }

  async challengeById(challengeId: number): Promise<DailyChallengeRecord | null> {
    return this.guard(() => this.challengeRow(challengeId));
  }

  async challengeByThread(channelId: number, threadId: string): Promise<DailyChallengeRecord | null> {
    return this.guard(() => {
      const row = this.sql('SELECT * FROM daily_challenges WHERE channel_id = ? AND thread_id = ?').get(
        channelId,
        threadId,
      ) as ChallengeRow | undefined;
      return row ? toChallenge(row) : null;
    });
  }

  async unpostedChallenges(): Promise<DailyChallengeRecord[]> {
    return this.guard(() =>
      (
        this.sql(
          'SELECT * FROM daily_challenges WHERE posted_at IS NULL AND closed_at IS NULL ORDER BY id',
        ).all() as ChallengeRow[]
      ).map(toChallenge),
    );
  }

  async openChallenges(): Promise<DailyChallengeRecord[]> {
    return this.guard(() =>
      (
        this.sql(
          'SELECT * FROM daily_challenges WHERE posted_at IS NOT NULL AND closed_at IS NULL ORDER BY id',
        ).all() as ChallengeRow[]
      ).map(toChallenge),
    );
  }

  async closeChallenge(challengeId: number, at: Date): Promise<boolean> {
    return this.write(
      () =>
        this.sql('UPDATE daily_challenges SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(
          at.getTime(),
          challengeId,
        ).changes === 1,
    );
  }

  async topicHistory(channelId: number, limit: number): Promise<{ topicId: string; day: Day }[]> {
    return this.guard(() =>
      (
        this.sql('SELECT topic_id, day FROM daily_challenges WHERE channel_id = ? ORDER BY day DESC LIMIT ?').all(
          channelId,
          limit,
        ) as { topic_id: string; day: string }[]
      ).map((r) => ({ topicId: r.topic_id, day: r.day })),
    );
  }

  // ── attempts ───────────────────────────────────────────────────────────────────────────────────

  async recordAttempt(input: AttemptInput): Promise<AttemptOutcome> {
    return this.write((): AttemptOutcome => {
      if (input.eventKey !== undefined) {
        const seen = this.sql('SELECT id FROM attempts WHERE event_key = ?').get(input.eventKey) as
          { id: number } | undefined;
        if (seen) return { status: 'duplicate', attemptId: seen.id };
      }
      const challenge = this.sql(
        `SELECT d.id, d.day, d.closed_at, c.workspace_id, c.time_zone
         FROM daily_challenges d JOIN channels c ON c.id = d.channel_id WHERE d.id = ?`,
      ).get(input.challengeId) as
        { id: number; day: string; closed_at: number | null; workspace_id: number; time_zone: string } | undefined;
      if (!challenge) throw new StoreError('store-failed', `unknown challenge ${input.challengeId}`);
      // Closed by the scheduler, or past the end of its day even if the close has not run yet.
      if (challenge.closed_at !== null || input.at.getTime() >= dayEnd(challenge.day, challenge.time_zone).getTime()) {
        return { status: 'closed' };
      }

      const userId = this.upsertUser(challenge.workspace_id, input.user.externalId, input.user.displayName);
      const before = this.sql(
        'SELECT attempts, best_score, best_attempt_id, passed, streak, points FROM challenge_results WHERE challenge_id = ? AND user_id = ?',
      ).get(challenge.id, userId) as ResultRow | undefined;
      if (before && before.attempts >= input.maxAttempts)
        return { status: 'attempt-cap', attemptsUsed: before.attempts };

      const streakBefore = toStreak(
        this.sql('SELECT current, longest, freezes, last_counted_day FROM streaks WHERE user_id = ?').get(userId) as
          StreakRow | undefined,
      );
      const score = Math.round(input.score);
      const effect = applyAttempt({
        result: toResult(before),
        streak: streakBefore,
        day: challenge.day,
        score,
        passed: input.passed,
      });

      const attemptId = Number(
        this.sql(
          `INSERT INTO attempts (challenge_id, user_id, attempt_number, text, score, passed, concepts, feedback, at, event_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          challenge.id,
          userId,
          effect.result.attempts,
          input.text,
          score,
          Number(input.passed),
          JSON.stringify(input.concepts),
          input.feedback,
          input.at.getTime(),
          input.eventKey ?? null,
        ).lastInsertRowid,
      );
      const result = effect.result;
      this.sql(
        `INSERT INTO challenge_results (challenge_id, user_id, attempts, best_score, best_attempt_id, passed, streak, points)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (challenge_id, user_id) DO UPDATE SET attempts = excluded.attempts, best_score = excluded.best_score,
           best_attempt_id = excluded.best_attempt_id, passed = excluded.passed, streak = excluded.streak,
           points = excluded.points`,
      ).run(
        challenge.id,
        userId,
        result.attempts,
        result.bestScore,
        effect.isBest ? attemptId : before!.best_attempt_id,
        Number(result.passed),
        result.streak,
        result.points,
      );

      const { advance } = effect;
      if (advance.counted) {
        this.saveStreak(challenge.workspace_id, userId, challenge.day, advance.state, advance.frozenDays);
      }
      if (effect.pointsDelta !== 0) {
        this.addPoints(challenge.workspace_id, userId, challenge.day, effect.pointsDelta);
        // The team the learner is in now, as the points are earned, keeps them whatever happens later.
        const team = this.membership(userId);
        if (team) this.addTeamPoints(challenge.workspace_id, team.teamId, userId, challenge.day, effect.pointsDelta);
      }

      return {
        status: 'recorded',
        attemptId,
        attemptNumber: result.attempts,
        attemptsLeft: Math.max(0, input.maxAttempts - result.attempts),
        bestScore: result.bestScore,
        points: result.points,
        passed: result.passed,
        dayStreak: result.streak,
        streak: advance.state,
        freezesUsed: advance.freezesUsed,
      };
    });
  }

  private saveStreak(
    workspaceId: number,
    userId: number,
    day: Day,
    state: StreakState,
    frozenDays: readonly Day[],
  ): void {
    this.sql(
      `INSERT INTO streaks (user_id, workspace_id, current, longest, freezes, last_counted_day) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET current = excluded.current, longest = excluded.longest,
         freezes = excluded.freezes, last_counted_day = excluded.last_counted_day`,
    ).run(userId, workspaceId, state.current, state.longest, state.freezes, state.lastCountedDay);
    const addDay = this.sql('INSERT OR IGNORE INTO streak_days (user_id, day, status) VALUES (?, ?, ?)');
    for (const frozen of frozenDays) addDay.run(userId, frozen, 'frozen');
    addDay.run(userId, day, 'passed');
  }

  private addPoints(workspaceId: number, userId: number, day: Day, delta: number): void {
    const add = this.sql(
      `INSERT INTO period_totals (workspace_id, user_id, kind, period_key, points) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, workspace_id, kind, period_key) DO UPDATE SET points = points + excluded.points`,
    );
    for (const period of PERIODS) add.run(workspaceId, userId, period, periodKey(period, day), delta);
  }

  private addTeamPoints(workspaceId: number, teamId: number, userId: number, day: Day, delta: number): void {
    const add = this.sql(
      `INSERT INTO team_period_totals (workspace_id, team_id, user_id, kind, period_key, points) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (team_id, kind, period_key, user_id) DO UPDATE SET points = points + excluded.points`,
    );
    for (const period of PERIODS) add.run(workspaceId, teamId, userId, period, periodKey(period, day), delta);
  }

  async recordPractice(input: PracticeInput): Promise<{ attemptId: number }> {
    return this.write(() => {
      const workspace = this.requireWorkspace(input.user.platform, input.user.workspaceExternalId);
      const userId = this.upsertUser(workspace.id, input.user.externalId, input.user.displayName);
      const info = this.sql(
        'INSERT INTO practice_attempts (user_id, topic_id, text, score, passed, at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(userId, input.topicId, input.text, Math.round(input.score), Number(input.passed), input.at.getTime());
      return { attemptId: Number(info.lastInsertRowid) };
    });
  }

  async dayResults(challengeId: number): Promise<DayResult[]> {
    return this.guard(() =>
      (
        this.sql(
          `SELECT u.external_id, u.display_name, r.best_score, r.passed, r.attempts
           FROM challenge_results r JOIN users u ON u.id = r.user_id
           WHERE r.challenge_id = ? ORDER BY r.best_score DESC, u.display_name, u.id`,
        ).all(challengeId) as {
          external_id: string;
          display_name: string;
          best_score: number;
          passed: number;
          attempts: number;
        }[]
      ).map((r) => ({
        userExternalId: r.external_id,
        displayName: r.display_name,
        bestScore: r.best_score,
        passed: r.passed !== 0,
        attempts: r.attempts,
      })),
    );
  }

  async attempt(attemptId: number): Promise<StoredAttempt | null> {
    return this.guard(() => {
      const row = this.sql(
        `SELECT a.id, u.external_id AS user_external_id, w.external_id AS workspace_external_id, w.platform,
                a.score, a.feedback
         FROM attempts a JOIN users u ON u.id = a.user_id JOIN workspaces w ON w.id = u.workspace_id WHERE a.id = ?`,
      ).get(attemptId) as
        | {
            id: number;
            user_external_id: string;
            workspace_external_id: string;
            platform: Platform;
            score: number;
            feedback: string;
          }
        | undefined;
      return row
        ? {
            id: row.id,
            userExternalId: row.user_external_id,
            workspaceExternalId: row.workspace_external_id,
            platform: row.platform,
            score: row.score,
            feedback: row.feedback,
          }
        : null;
    });
  }

  // ── streaks and leaderboards ───────────────────────────────────────────────────────────────────

  /** The stored streak state; `current` is as of the last counted day (see currentStreakAsOf for "today"). */
  async streak(user: UserKey, options: { recentDays: number; today?: Day }): Promise<StreakView | null> {
    return this.guard(() => {
      const row = this.sql(
        `SELECT u.id, u.workspace_id, u.display_name FROM users u JOIN workspaces w ON w.id = u.workspace_id
         WHERE w.platform = ? AND w.external_id = ? AND u.external_id = ?`,
      ).get(user.platform, user.workspaceExternalId, user.externalId) as
        { id: number; workspace_id: number; display_name: string } | undefined;
      if (!row) return null;
      const state = toStreak(
        this.sql('SELECT current, longest, freezes, last_counted_day FROM streaks WHERE user_id = ?').get(row.id) as
          StreakRow | undefined,
      );
      const days = this.sql(RECENT_DAYS_SQL).all({
        user: row.id,
        ws: row.workspace_id,
        today: options.today ?? null,
        limit: Math.max(0, options.recentDays),
      }) as { day: string; status: StreakDayStatus }[];
      return { user: row.display_name, ...state, days: days.map((d) => ({ day: d.day, status: d.status })) };
    });
  }

  async findUserByName(platform: Platform, workspaceExternalId: string, nameOrId: string): Promise<UserRef | null> {
    return this.guard(() => {
      const wanted = nameOrId.trim().replace(/^@/, '');
      // An exact id wins over a display name; among equal names, the oldest account.
      const row = this.sql(
        `SELECT u.external_id, u.display_name FROM users u JOIN workspaces w ON w.id = u.workspace_id
         WHERE w.platform = ? AND w.external_id = ? AND (u.external_id = ? OR lower(u.display_name) = lower(?))
         ORDER BY u.external_id = ? DESC, u.id LIMIT 1`,
      ).get(platform, workspaceExternalId, wanted, wanted, wanted) as
        { external_id: string; display_name: string } | undefined;
      return row ? { platform, workspaceExternalId, externalId: row.external_id, displayName: row.display_name } : null;
    });
  }

  async leaderboard(query: LeaderboardQuery): Promise<LeaderboardEntry[]> {
    return this.guard(() => {
      const workspace = this.workspaceRow(query.workspace.platform, query.workspace.externalId);
      if (!workspace) return [];
      const params = {
        ws: workspace.id,
        kind: query.period,
        key: periodKey(query.period, query.today),
        today: query.today,
        limit: Math.max(0, query.limit),
      };
      return query.teams ? this.teamBoard(query.by, params) : this.userBoard(query.by, params);
    });
  }

  private userBoard(
    by: LeaderboardQuery['by'],
    params: { ws: number; kind: Period; key: string; today: Day; limit: number },
  ): LeaderboardEntry[] {
    // By points: walk the period's ranking index from the top. By streak: walk the streaks index from the
    // longest run, keeping live streaks only; for those the displayed streak is the stored one, so the
    // index order is the ranking order.
    const sql =
      by === 'points'
        ? `SELECT u.display_name AS name, t.points, ${CURRENT_STREAK_SQL} AS streak
           FROM period_totals t JOIN users u ON u.id = t.user_id LEFT JOIN streaks s ON s.user_id = t.user_id
           WHERE t.workspace_id = @ws AND t.kind = @kind AND t.period_key = @key
           ORDER BY t.points DESC, streak DESC, u.display_name ASC, u.id ASC LIMIT @limit`
        : `SELECT u.display_name AS name, COALESCE(t.points, 0) AS points, s.current AS streak
           FROM streaks s JOIN users u ON u.id = s.user_id
           LEFT JOIN period_totals t
             ON t.user_id = s.user_id AND t.workspace_id = @ws AND t.kind = @kind AND t.period_key = @key
           WHERE s.workspace_id = @ws AND current_streak(s.current, s.freezes, s.last_counted_day, @today) > 0
           ORDER BY s.current DESC, points DESC, u.display_name ASC, u.id ASC LIMIT @limit`;
    return (this.sql(sql).all(params) as { name: string; points: number; streak: number }[]).map((row, i) => ({
      rank: i + 1,
      name: row.name,
      points: row.points,
      streak: row.streak,
    }));
  }

  /**
   * Teams rank by average points per member (so size alone does not win), then total, then name. A team's
   * points in a period are those its members earned while in it; its members in a period are everyone who
   * earned points in it then, and everyone in it now (at 0 when they have not). Streaks are current members'.
   */
  private teamBoard(
    by: LeaderboardQuery['by'],
    params: { ws: number; kind: Period; key: string; today: Day; limit: number },
  ): LeaderboardEntry[] {
    const order =
      by === 'points'
        ? 'average DESC, total DESC, name ASC, id ASC'
        : 'streak DESC, average DESC, total DESC, name ASC, id ASC';
    const rows = this.sql(
      `WITH counted AS (
         SELECT team_id, user_id, points, 0 AS current FROM team_period_totals
         WHERE workspace_id = @ws AND kind = @kind AND period_key = @key
         UNION ALL
         SELECT m.team_id, m.user_id, 0, 1 FROM team_members m JOIN teams tm ON tm.id = m.team_id
         WHERE tm.workspace_id = @ws
       ),
       members AS (
         SELECT team_id, user_id, SUM(points) AS points, MAX(current) AS current FROM counted GROUP BY team_id, user_id
       )
       SELECT tm.id, tm.name, COUNT(*) AS members, SUM(p.points) AS total,
              CAST(SUM(p.points) AS REAL) / COUNT(*) AS average,
              MAX(CASE WHEN p.current = 1 THEN ${CURRENT_STREAK_SQL} ELSE 0 END) AS streak
       FROM members p JOIN teams tm ON tm.id = p.team_id
       LEFT JOIN streaks s ON s.user_id = p.user_id
       GROUP BY tm.id
       ORDER BY ${order} LIMIT @limit`,
    ).all(params) as { name: string; members: number; total: number; average: number; streak: number }[];
    return rows.map((row, i) => ({
      rank: i + 1,
      name: row.name,
      points: row.total,
      streak: row.streak,
      members: row.members,
      averagePoints: Math.round(row.average * 100) / 100,
    }));
  }

  // ── teams ──────────────────────────────────────────────────────────────────────────────────────

  private membership(userId: number): { teamId: number; name: string } | null {
    const row = this.sql(
      'SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ?',
    ).get(userId) as { id: number; name: string } | undefined;
    return row ? { teamId: row.id, name: row.name } : null;
  }

  /** A team goes once it has neither members nor points on record (what it earned stays with it). */
  private dropTeamIfEmpty(teamId: number): void {
    this.sql(
      `DELETE FROM teams WHERE id = @team AND NOT EXISTS (SELECT 1 FROM team_members WHERE team_id = @team)
         AND NOT EXISTS (SELECT 1 FROM team_period_totals WHERE team_id = @team)`,
    ).run({ team: teamId });
  }

  async joinTeam(user: UserRef, teamName: string): Promise<{ team: string; previous: string | null }> {
    return this.write(() => {
      const name = teamName.trim().replace(/\s+/g, ' ');
      if (name === '') throw new StoreError('store-failed', 'a team needs a name');
      const workspace = this.requireWorkspace(user.platform, user.workspaceExternalId);
      const userId = this.upsertUser(workspace.id, user.externalId, user.displayName);
      // Names match case-insensitively (COLLATE NOCASE): joining "backend" finds "Backend".
      this.sql('INSERT INTO teams (workspace_id, name) VALUES (?, ?) ON CONFLICT (workspace_id, name) DO NOTHING').run(
        workspace.id,
        name,
      );
      const team = this.sql('SELECT id, name FROM teams WHERE workspace_id = ? AND name = ?').get(
        workspace.id,
        name,
      ) as {
        id: number;
        name: string;
      };
      const previous = this.membership(userId);
      this.sql(
        'INSERT INTO team_members (user_id, team_id) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET team_id = excluded.team_id',
      ).run(userId, team.id);
      if (previous && previous.teamId !== team.id) this.dropTeamIfEmpty(previous.teamId);
      return { team: team.name, previous: previous?.name ?? null };
    });
  }

  async leaveTeam(user: UserKey): Promise<{ previous: string | null }> {
    return this.write(() => {
      const userId = this.userId(user);
      const previous = userId === null ? null : this.membership(userId);
      if (userId === null || !previous) return { previous: null };
      this.sql('DELETE FROM team_members WHERE user_id = ?').run(userId);
      this.dropTeamIfEmpty(previous.teamId);
      return { previous: previous.name };
    });
  }

  async teamOf(user: UserKey): Promise<string | null> {
    return this.guard(() => {
      const userId = this.userId(user);
      return userId === null ? null : (this.membership(userId)?.name ?? null);
    });
  }

  // ── events, privacy, operations ────────────────────────────────────────────────────────────────

  async claimEvent(platform: Platform, eventId: string, at: Date): Promise<boolean> {
    return this.write(() => {
      // Expired ids go at most once a minute (of event time; a clock set back prunes too), not in every claim:
      // every command claims its event, and a lookup should not pay for a DELETE each time.
      if (Math.abs(at.getTime() - this.eventsPrunedAt) >= EVENT_PRUNE_EVERY_MS) {
        this.sql('DELETE FROM processed_events WHERE at < ?').run(at.getTime() - EVENT_RETENTION_MS);
        this.eventsPrunedAt = at.getTime();
      }
      return (
        this.sql('INSERT OR IGNORE INTO processed_events (platform, event_id, at) VALUES (?, ?, ?)').run(
          platform,
          eventId,
          at.getTime(),
        ).changes === 1
      );
    });
  }

  /**
   * Deleting a row leaves its bytes in the freed space of the file and in older WAL frames. So the deletion
   * runs with `secure_delete` on (SQLite overwrites what it deletes with zeros), and a TRUNCATE checkpoint then
   * copies the zeroed pages into the file and empties the WAL (it waits up to the busy timeout for readers).
   * No VACUUM: it would rewrite the whole file, and the whole file again into the WAL.
   */
  async forgetUser(platform: Platform, workspaceExternalId: string, userExternalId: string): Promise<number> {
    const previous = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      const removed = this.deleteUser(platform, workspaceExternalId, userExternalId);
      if (removed > 0) this.truncateWal();
      return removed;
    } finally {
      this.db.pragma(`secure_delete = ${previous}`);
    }
  }

  /** Copies the WAL into the file and empties it; a reader in the way is logged (its copies stay until the next). */
  private truncateWal(): void {
    if (this.db.pragma('journal_mode', { simple: true }) !== 'wal') return;
    const [result] = this.guard(() => this.db.pragma('wal_checkpoint(TRUNCATE)')) as { busy: number }[];
    if (result?.busy !== 0) {
      this.logger.warn(
        'user forgotten, but another connection kept the WAL from being emptied: deleted rows stay in it until the next checkpoint',
      );
    }
  }

  private deleteUser(platform: Platform, workspaceExternalId: string, userExternalId: string): number {
    return this.write(() => {
      const userId = this.userId({ platform, workspaceExternalId, externalId: userExternalId });
      if (userId === null) return 0;
      const team = this.membership(userId);
      const earnedFor = (
        this.sql('SELECT DISTINCT team_id FROM team_period_totals WHERE user_id = ?').all(userId) as {
          team_id: number;
        }[]
      ).map((row) => row.team_id);
      // Children before parents: results point at attempts, everything points at the user.
      const tables = [
        'team_period_totals',
        'period_totals',
        'challenge_results',
        'attempts',
        'practice_attempts',
        'streak_days',
        'streaks',
        'team_members',
      ];
      let removed = 0;
      for (const table of tables) removed += this.sql(`DELETE FROM ${table} WHERE user_id = ?`).run(userId).changes;
      for (const teamId of new Set([...earnedFor, ...(team ? [team.teamId] : [])])) this.dropTeamIfEmpty(teamId);
      removed += this.sql('DELETE FROM users WHERE id = ?').run(userId).changes;
      this.logger.info({ platform, workspace: workspaceExternalId, rows: removed }, 'user forgotten');
      return removed;
    });
  }

  async backup(toFile: string): Promise<void> {
    try {
      fs.mkdirSync(path.dirname(path.resolve(toFile)), { recursive: true });
    } catch (error) {
      throw toStoreError(error);
    }
    await runBackup(this.db, toFile, DEFAULT_BACKUP_STALL_MS);
  }

  async health(): Promise<StoreHealth> {
    return this.guard(() => {
      const version = schemaVersion(this.db);
      const latest = latestVersion(this.migrationsDir);
      const integrity = this.quickCheck();
      const writable = this.probeWritable();
      const problems = [
        version !== latest ? `schema version ${version}, latest ${latest}: run tutor migrate` : null,
        integrity === null ? null : `damaged (PRAGMA quick_check): ${integrity}`,
        writable.ok ? null : `not writable: ${writable.detail}`,
      ].filter((p): p is string => p !== null);
      return {
        ok: problems.length === 0,
        schemaVersion: version,
        latestVersion: latest,
        writable: writable.ok,
        intact: integrity === null,
        ...(problems.length > 0 ? { detail: problems.join('; ') } : {}),
      };
    });
  }

  /**
   * What `PRAGMA quick_check` finds wrong (its first lines), or `null` when the file is intact. It reads every
   * page (some 200 ms per 100 MB, on the thread that answers), so a file found intact is checked again only
   * after `INTEGRITY_RECHECK_MS` (monotonic time: this is a cost bound, not a date rule); a damaged one every time.
   */
  private quickCheck(): string | null {
    if (performance.now() - this.intactSince < INTEGRITY_RECHECK_MS) return null;
    try {
      const rows = this.db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
      const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
      if (problems.length > 0) return problems.join('; ');
      this.intactSince = performance.now();
      return null;
    } catch (error) {
      return toStoreError(error).message;
    }
  }

  /**
   * Writes a row in a transaction and rolls it back: taking the lock alone succeeds on a file SQLite opened
   * read-only behind our back (a read-only file opened for writing falls back to reading), the write does not.
   */
  private probeWritable(): { ok: boolean; detail?: string } {
    if (this.db.readonly) return { ok: false, detail: 'opened read-only' };
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.sql("INSERT INTO processed_events (platform, event_id, at) VALUES ('health', 'write-probe', 0)").run();
      } finally {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: toStoreError(error).message };
    }
  }

  async close(): Promise<void> {
    // The checkpointer's connection first, so that the main one is the last to close and removes the WAL.
    await this.checkpointer?.close();
    if (this.db.open) this.db.close();
  }

  // ── audit ──────────────────────────────────────────────────────────────────────────────────────

  /** The period totals as stored, non-zero rows, in a stable order. */
  storedPeriodTotals(): PeriodTotalRow[] {
    return this.guard(() =>
      (
        this.sql(
          `SELECT workspace_id, user_id, kind, period_key, points FROM period_totals WHERE points <> 0
           ORDER BY workspace_id, user_id, kind, period_key`,
        ).all() as { workspace_id: number; user_id: number; kind: Period; period_key: string; points: number }[]
      ).map((r) => ({
        workspaceId: r.workspace_id,
        userId: r.user_id,
        kind: r.kind,
        periodKey: r.period_key,
        points: r.points,
      })),
    );
  }

  /**
   * The period totals recomputed from scratch by replaying every kept attempt, in the order it was
   * recorded, through the same domain rule as recordAttempt: what storedPeriodTotals must equal.
   */
  recomputePeriodTotalsFromAttempts(): PeriodTotalRow[] {
    return this.guard(() => {
      const streaks = new Map<number, StreakState>();
      const results = new Map<string, { workspaceId: number; userId: number; day: Day; state: ChallengeResultState }>();
      const rows = this.sql(
        `SELECT a.challenge_id, a.user_id, a.score, a.passed, d.day, c.workspace_id
         FROM attempts a JOIN daily_challenges d ON d.id = a.challenge_id JOIN channels c ON c.id = d.channel_id
         ORDER BY a.id`,
      ).iterate() as IterableIterator<{
        challenge_id: number;
        user_id: number;
        score: number;
        passed: number;
        day: string;
        workspace_id: number;
      }>;
      for (const row of rows) {
        const key = `${row.challenge_id}:${row.user_id}`;
        const effect = applyAttempt({
          result: results.get(key)?.state ?? null,
          streak: streaks.get(row.user_id) ?? EMPTY_STREAK,
          day: row.day,
          score: row.score,
          passed: row.passed !== 0,
        });
        streaks.set(row.user_id, effect.advance.state);
        results.set(key, { workspaceId: row.workspace_id, userId: row.user_id, day: row.day, state: effect.result });
      }
      const totals = new Map<string, PeriodTotalRow>();
      for (const { workspaceId, userId, day, state } of results.values()) {
        for (const kind of PERIODS) {
          const keyOfPeriod = periodKey(kind, day);
          const id = `${workspaceId}\u0000${userId}\u0000${kind}\u0000${keyOfPeriod}`;
          const points = (totals.get(id)?.points ?? 0) + state.points;
          totals.set(id, { workspaceId, userId, kind, periodKey: keyOfPeriod, points });
        }
      }
      return [...totals.values()]
        .filter((t) => t.points !== 0)
        .sort(
          (a, b) =>
            a.workspaceId - b.workspaceId ||
            a.userId - b.userId ||
            compareText(a.kind, b.kind) ||
            compareText(a.periodKey, b.periodKey),
        );
    });
  }
}
