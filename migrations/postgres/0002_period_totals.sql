-- PostgreSQL twin of ../0002_period_totals.sql: points per user per period (week = ISO week 'YYYY-Www',
-- month = 'YYYY-MM', all = 'all'), backfilled from the results recorded under 0001.

CREATE TABLE period_totals (
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('week', 'month', 'all')),
  period_key TEXT COLLATE "C" NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, kind, period_key, user_id)
);
CREATE INDEX period_totals_ranking ON period_totals (workspace_id, kind, period_key, points DESC);
CREATE INDEX period_totals_by_user ON period_totals (user_id);

INSERT INTO period_totals (workspace_id, user_id, kind, period_key, points)
SELECT c.workspace_id, r.user_id, p.kind,
       CASE p.kind
         WHEN 'week' THEN to_char(d.day::date, 'IYYY-"W"IW')
         WHEN 'month' THEN substr(d.day, 1, 7)
         ELSE 'all'
       END AS period_key,
       SUM(r.points)
FROM challenge_results r
JOIN daily_challenges d ON d.id = r.challenge_id
JOIN channels c ON c.id = d.channel_id
CROSS JOIN (VALUES ('week'), ('month'), ('all')) AS p (kind)
GROUP BY c.workspace_id, r.user_id, p.kind, 4;
