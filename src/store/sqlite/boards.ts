/** Streaks, a learner's points and the leaderboards on SQLite: reads only. */
import { periodKey } from '../../domain/calendar.js';
import { PERIODS, type Day, type Period } from '../../domain/vocabulary.js';
import type {
  BoardStore,
  LeaderboardEntry,
  LeaderboardQuery,
  PointsByPeriod,
  StreakDayStatus,
} from '../ports/boards.js';
import type { SqliteContext } from './context.js';
import { streakState, userRow, workspaceRow } from './rows.js';

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

interface BoardParams {
  ws: number;
  kind: Period;
  key: string;
  today: Day;
  limit: number;
}

export function sqliteBoards(ctx: SqliteContext): BoardStore {
  function userBoard(by: LeaderboardQuery['by'], params: BoardParams): LeaderboardEntry[] {
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
    return (ctx.sql(sql).all(params) as { name: string; points: number; streak: number }[]).map((row, i) => ({
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
  function teamBoard(by: LeaderboardQuery['by'], params: BoardParams): LeaderboardEntry[] {
    const order =
      by === 'points'
        ? 'average DESC, total DESC, name ASC, id ASC'
        : 'streak DESC, average DESC, total DESC, name ASC, id ASC';
    const rows = ctx
      .sql(
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
      )
      .all(params) as { name: string; members: number; total: number; average: number; streak: number }[];
    return rows.map((row, i) => ({
      rank: i + 1,
      name: row.name,
      points: row.total,
      streak: row.streak,
      members: row.members,
      averagePoints: Math.round(row.average * 100) / 100,
    }));
  }

  return {
    async streak(user, options) {
      return ctx.guard(() => {
        const row = userRow(ctx, user);
        if (!row) return null;
        const days = ctx.sql(RECENT_DAYS_SQL).all({
          user: row.id,
          ws: row.workspaceId,
          today: options.today ?? null,
          limit: Math.max(0, options.recentDays),
        }) as { day: string; status: StreakDayStatus }[];
        return {
          user: row.displayName,
          ...streakState(ctx, row.id),
          days: days.map((d) => ({ day: d.day, status: d.status })),
        };
      });
    },

    async findUserByName(platform, workspaceExternalId, nameOrId) {
      return ctx.guard(() => {
        const wanted = nameOrId.trim().replace(/^@/, '');
        // An exact id wins over a display name; among equal names, the oldest account.
        const row = ctx
          .sql(
            `SELECT u.external_id, u.display_name FROM users u JOIN workspaces w ON w.id = u.workspace_id
             WHERE w.platform = ? AND w.external_id = ? AND (u.external_id = ? OR lower(u.display_name) = lower(?))
             ORDER BY u.external_id = ? DESC, u.id LIMIT 1`,
          )
          .get(platform, workspaceExternalId, wanted, wanted, wanted) as
          { external_id: string; display_name: string } | undefined;
        return row
          ? { platform, workspaceExternalId, externalId: row.external_id, displayName: row.display_name }
          : null;
      });
    },

    async leaderboard(query) {
      return ctx.guard(() => {
        const workspace = workspaceRow(ctx, query.workspace.platform, query.workspace.externalId);
        if (!workspace) return [];
        const params = {
          ws: workspace.id,
          kind: query.period,
          key: periodKey(query.period, query.today),
          today: query.today,
          limit: Math.max(0, query.limit),
        };
        return query.teams ? teamBoard(query.by, params) : userBoard(query.by, params);
      });
    },

    async learnerPoints(user, today) {
      return ctx.guard(() => {
        const row = userRow(ctx, user);
        const pointsIn = (period: Period): number => {
          if (!row) return 0;
          const total = ctx
            .sql(
              'SELECT points FROM period_totals WHERE user_id = ? AND workspace_id = ? AND kind = ? AND period_key = ?',
            )
            .get(row.id, row.workspaceId, period, periodKey(period, today)) as { points: number } | undefined;
          return total?.points ?? 0;
        };
        return Object.fromEntries(PERIODS.map((period) => [period, pointsIn(period)])) as PointsByPeriod;
      });
    },
  };
}
