-- PostgreSQL twin of ../0005_team_points_at_earning.sql: team points belong to the team a learner was in
-- when they earned them. Points recorded before are credited to the team each learner is in now.

CREATE TABLE team_period_totals (
  workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
  team_id BIGINT NOT NULL REFERENCES teams (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('week', 'month', 'all')),
  period_key TEXT COLLATE "C" NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (team_id, kind, period_key, user_id)
);
CREATE INDEX team_period_totals_by_period ON team_period_totals (workspace_id, kind, period_key);
CREATE INDEX team_period_totals_by_user ON team_period_totals (user_id);

INSERT INTO team_period_totals (workspace_id, team_id, user_id, kind, period_key, points)
SELECT t.workspace_id, m.team_id, t.user_id, t.kind, t.period_key, t.points
FROM period_totals t JOIN team_members m ON m.user_id = t.user_id
WHERE t.points <> 0;
