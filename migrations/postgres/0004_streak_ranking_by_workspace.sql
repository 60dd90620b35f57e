-- PostgreSQL twin of ../0004_streak_ranking_by_workspace.sql: the workspace on the streak row, and an index
-- on (workspace, current streak) for leaderboards by streak.

ALTER TABLE streaks ADD COLUMN workspace_id BIGINT REFERENCES workspaces (id);
UPDATE streaks SET workspace_id = (SELECT u.workspace_id FROM users u WHERE u.id = streaks.user_id);
DROP INDEX streaks_by_current;
CREATE INDEX streaks_ranking ON streaks (workspace_id, current DESC);
