-- PostgreSQL twin of ../0006_practice_sessions.sql: the practice topic waiting for a learner's answer, one per
-- learner, keyed by the platform's ids.
CREATE TABLE practice_sessions (
  platform TEXT NOT NULL,
  workspace_external_id TEXT NOT NULL,
  user_external_id TEXT NOT NULL,
  topic_id TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (platform, workspace_external_id, user_external_id)
);
CREATE INDEX practice_sessions_by_expiry ON practice_sessions (expires_at);
