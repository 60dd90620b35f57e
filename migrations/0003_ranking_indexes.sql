-- Fewer pages written per recorded attempt, and a streak ranking that reads an index instead of
-- sorting every user:
-- - period_totals is rebuilt keyed by user first, so a user's week, month and all-time rows share a
--   page (one page write instead of three) and forgetting a user is a key-range delete; the ranking
--   index stays (workspace, kind, key, points DESC) and now covers the user id too;
-- - attempts lose the (challenge, user) index: the cap and the best of the day live in
--   challenge_results, so nothing reads attempts that way;
-- - streaks get an index on the current streak for leaderboards by streak.

CREATE TABLE period_totals_new (
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('week', 'month', 'all')),
  period_key TEXT NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (user_id, workspace_id, kind, period_key)
) WITHOUT ROWID;
INSERT INTO period_totals_new (workspace_id, user_id, kind, period_key, points)
SELECT workspace_id, user_id, kind, period_key, points FROM period_totals ORDER BY user_id, workspace_id, kind, period_key;
DROP TABLE period_totals;
ALTER TABLE period_totals_new RENAME TO period_totals;
CREATE INDEX period_totals_ranking ON period_totals (workspace_id, kind, period_key, points DESC);

DROP INDEX attempts_by_challenge_user;

CREATE INDEX streaks_by_current ON streaks (current DESC);
