-- Team points belong to the team a learner was in when they earned them: moving to another team later
-- takes none of the earlier points along, and leaving a team does not erase what it earned. Each earned
-- point delta is added, in the attempt's transaction, to the learner's row under the team they are in
-- then (per ISO week, month and all time, like period_totals). A team row stays while it has members or
-- points on record.
-- Points recorded before this migration are credited to the team each learner is in now: the only
-- membership the earlier schema kept.

CREATE TABLE team_period_totals (
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('week', 'month', 'all')),
  period_key TEXT NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (team_id, kind, period_key, user_id)
) WITHOUT ROWID;
CREATE INDEX team_period_totals_by_period ON team_period_totals (workspace_id, kind, period_key);
CREATE INDEX team_period_totals_by_user ON team_period_totals (user_id);

INSERT INTO team_period_totals (workspace_id, team_id, user_id, kind, period_key, points)
SELECT t.workspace_id, m.team_id, t.user_id, t.kind, t.period_key, t.points
FROM period_totals t JOIN team_members m ON m.user_id = t.user_id
WHERE t.points <> 0;
