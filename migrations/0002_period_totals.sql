-- Pre-aggregated points per user per period, so that a weekly leaderboard over 100k users reads one
-- index range instead of summing millions of attempts. Periods are keyed by the challenge day, which
-- is already a day in the channel's zone: week = ISO week 'YYYY-Www', month = 'YYYY-MM', all = 'all'.
-- Backfilled from the results recorded under 0001.

CREATE TABLE period_totals (
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('week', 'month', 'all')),
  period_key TEXT NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, kind, period_key, user_id)
) WITHOUT ROWID;
CREATE INDEX period_totals_ranking ON period_totals (workspace_id, kind, period_key, points DESC);
CREATE INDEX period_totals_by_user ON period_totals (user_id);

INSERT INTO period_totals (workspace_id, user_id, kind, period_key, points)
SELECT c.workspace_id, r.user_id, p.kind,
       CASE p.kind
         WHEN 'week' THEN strftime('%G-W%V', d.day)
         WHEN 'month' THEN substr(d.day, 1, 7)
         ELSE 'all'
       END AS period_key,
       SUM(r.points)
FROM challenge_results r
JOIN daily_challenges d ON d.id = r.challenge_id
JOIN channels c ON c.id = d.channel_id
CROSS JOIN (SELECT 'week' AS kind UNION ALL SELECT 'month' UNION ALL SELECT 'all') p
GROUP BY c.workspace_id, r.user_id, p.kind, period_key;

-- One workspace's users by name.
CREATE INDEX users_by_workspace_name ON users (workspace_id, display_name);
CREATE INDEX daily_challenges_open ON daily_challenges (closed_at, posted_at);
