/**
 * Streaks, a learner's points and the leaderboards on PostgreSQL: reads only. Whether a stored streak still
 * counts today is the domain's rule, handed to SQL as the earliest last counted day that keeps a streak alive
 * for each number of freezes (`liveStreakSince`, an array indexed by freezes: no join, so a ranking by streak
 * can walk its index and stop at the limit).
 */
import { periodKey } from '../../domain/calendar.js';
import { PERIODS, type Day, type Period } from '../../domain/vocabulary.js';
import { liveStreakSince } from '../logic/rules.js';
import type {
  BoardStore,
  LeaderboardEntry,
  LeaderboardQuery,
  PointsByPeriod,
  StreakDayStatus,
} from '../ports/boards.js';
import type { PgContext, Sql } from './context.js';
import { streakState, userRow, workspaceRow } from './rows.js';

/** $5: `liveStreakSince(today)`; PostgreSQL arrays count from 1. */
const ALIVE_SQL = 's.last_counted_day >= ($5::text[])[s.freezes + 1]';
const CURRENT_STREAK_SQL = `CASE WHEN ${ALIVE_SQL} THEN s.current ELSE 0 END`;

/** As SQLite's RECENT_DAYS_SQL: $1 user, $2 workspace, $3 today (or null), $4 limit. */
const RECENT_DAYS_SQL = `
  WITH answered AS (
    SELECT d.day, MAX(r.passed) AS passed
    FROM challenge_results r JOIN daily_challenges d ON d.id = r.challenge_id
    WHERE r.user_id = $1 GROUP BY d.day
  ),
  days AS (
    SELECT day FROM streak_days WHERE user_id = $1
    UNION
    SELECT day FROM answered
    UNION
    SELECT d.day FROM daily_challenges d JOIN channels c ON c.id = d.channel_id
    WHERE c.workspace_id = $2 AND d.posted_at IS NOT NULL AND d.day >= (SELECT MIN(day) FROM answered)
      AND (d.closed_at IS NOT NULL OR d.day < $3::text)
  )
  SELECT x.day,
         CASE WHEN sd.status = 'passed' OR a.passed = 1 THEN 'passed'
              WHEN sd.status = 'frozen' THEN 'frozen'
              WHEN a.day IS NOT NULL THEN 'failed'
              ELSE 'missed' END AS status
  FROM days x
  LEFT JOIN streak_days sd ON sd.user_id = $1 AND sd.day = x.day
  LEFT JOIN answered a ON a.day = x.day
  ORDER BY x.day DESC LIMIT $4`;

type BoardParams = [ws: number, kind: Period, key: string, limit: number, since: Day[]];

async function userBoard(sql: Sql, by: LeaderboardQuery['by'], params: BoardParams): Promise<LeaderboardEntry[]> {
  const text =
    by === 'points'
      ? `SELECT u.display_name AS name, t.points, ${CURRENT_STREAK_SQL} AS streak
         FROM period_totals t JOIN users u ON u.id = t.user_id LEFT JOIN streaks s ON s.user_id = t.user_id
         WHERE t.workspace_id = $1 AND t.kind = $2 AND t.period_key = $3
         ORDER BY t.points DESC, streak DESC, u.display_name ASC, u.id ASC LIMIT $4`
      : `SELECT u.display_name AS name, COALESCE(t.points, 0) AS points, s.current AS streak
         FROM streaks s JOIN users u ON u.id = s.user_id
         LEFT JOIN period_totals t
           ON t.user_id = s.user_id AND t.workspace_id = $1 AND t.kind = $2 AND t.period_key = $3
         WHERE s.workspace_id = $1 AND s.current > 0 AND ${ALIVE_SQL}
         ORDER BY s.current DESC, points DESC, u.display_name ASC, u.id ASC LIMIT $4`;
  const rows = await sql.rows<{ name: string; points: number; streak: number }>(text, params);
  return rows.map((row, i) => ({ rank: i + 1, name: row.name, points: row.points, streak: row.streak }));
}

/** As SQLite's team board: by average points per member, then total, then name (case-insensitively). */
async function teamBoard(sql: Sql, by: LeaderboardQuery['by'], params: BoardParams): Promise<LeaderboardEntry[]> {
  const order =
    by === 'points'
      ? 'average DESC, total DESC, lower(tm.name) ASC, tm.id ASC'
      : 'streak DESC, average DESC, total DESC, lower(tm.name) ASC, tm.id ASC';
  const rows = await sql.rows<{ name: string; members: number; total: number; average: number; streak: number }>(
    `WITH counted AS (
       SELECT team_id, user_id, points, 0 AS current FROM team_period_totals
       WHERE workspace_id = $1 AND kind = $2 AND period_key = $3
       UNION ALL
       SELECT m.team_id, m.user_id, 0, 1 FROM team_members m JOIN teams tm ON tm.id = m.team_id
       WHERE tm.workspace_id = $1
     ),
     members AS (
       SELECT team_id, user_id, SUM(points) AS points, MAX(current) AS current FROM counted GROUP BY team_id, user_id
     )
     SELECT tm.id, tm.name, COUNT(*) AS members, SUM(p.points)::bigint AS total,
            SUM(p.points)::float8 / COUNT(*) AS average,
            MAX(CASE WHEN p.current = 1 THEN ${CURRENT_STREAK_SQL} ELSE 0 END) AS streak
     FROM members p JOIN teams tm ON tm.id = p.team_id
     LEFT JOIN streaks s ON s.user_id = p.user_id
     GROUP BY tm.id
     ORDER BY ${order} LIMIT $4`,
    params,
  );
  return rows.map((row, i) => ({
    rank: i + 1,
    name: row.name,
    points: row.total,
    streak: row.streak,
    members: row.members,
    averagePoints: Math.round(row.average * 100) / 100,
  }));
}

export function pgBoards(ctx: PgContext): BoardStore {
  return {
    async streak(user, options) {
      return ctx.read(async (sql) => {
        const row = await userRow(sql, user);
        if (!row) return null;
        const days = await sql.rows<{ day: string; status: StreakDayStatus }>(RECENT_DAYS_SQL, [
          row.id,
          row.workspaceId,
          options.today ?? null,
          Math.max(0, options.recentDays),
        ]);
        return {
          user: row.displayName,
          ...(await streakState(sql, row.id)),
          days: days.map((d) => ({ day: d.day, status: d.status })),
        };
      });
    },

    async findUserByName(platform, workspaceExternalId, nameOrId) {
      return ctx.read(async (sql) => {
        const wanted = nameOrId.trim().replace(/^@/, '');
        // An exact id wins over a display name; among equal names, the oldest account.
        const row = await sql.row<{ external_id: string; display_name: string }>(
          `SELECT u.external_id, u.display_name FROM users u JOIN workspaces w ON w.id = u.workspace_id
           WHERE w.platform = $1 AND w.external_id = $2 AND (u.external_id = $3 OR lower(u.display_name) = lower($3))
           ORDER BY u.external_id = $3 DESC, u.id LIMIT 1`,
          [platform, workspaceExternalId, wanted],
        );
        return row
          ? { platform, workspaceExternalId, externalId: row.external_id, displayName: row.display_name }
          : null;
      });
    },

    async leaderboard(query) {
      return ctx.read(async (sql) => {
        const workspace = await workspaceRow(sql, query.workspace.platform, query.workspace.externalId);
        if (!workspace) return [];
        const params: BoardParams = [
          workspace.id,
          query.period,
          periodKey(query.period, query.today),
          Math.max(0, query.limit),
          liveStreakSince(query.today),
        ];
        return query.teams ? teamBoard(sql, query.by, params) : userBoard(sql, query.by, params);
      });
    },

    async learnerPoints(user, today) {
      return ctx.read(async (sql) => {
        const row = await userRow(sql, user);
        const totals = row
          ? await sql.rows<{ kind: Period; points: number }>(
              `SELECT t.kind, t.points FROM period_totals t JOIN unnest($3::text[], $4::text[]) AS p (kind, key)
                 ON p.kind = t.kind AND p.key = t.period_key
               WHERE t.user_id = $1 AND t.workspace_id = $2`,
              [row.id, row.workspaceId, PERIODS, PERIODS.map((period) => periodKey(period, today))],
            )
          : [];
        const pointsIn = (period: Period) => totals.find((t) => t.kind === period)?.points ?? 0;
        return Object.fromEntries(PERIODS.map((period) => [period, pointsIn(period)])) as PointsByPeriod;
      });
    },
  };
}
