-- Leaderboards by streak rank one workspace's users: carry the workspace on the streak row (a user
-- belongs to exactly one workspace, so it never changes) and index (workspace, current streak), so the
-- ranking reads the top of one index range instead of sorting every user of the workspace.

ALTER TABLE streaks ADD COLUMN workspace_id INTEGER REFERENCES workspaces (id);
UPDATE streaks SET workspace_id = (SELECT u.workspace_id FROM users u WHERE u.id = streaks.user_id);
DROP INDEX streaks_by_current;
CREATE INDEX streaks_ranking ON streaks (workspace_id, current DESC);
