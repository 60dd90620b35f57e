-- The practice topic waiting for a learner's answer, kept across restarts (it lived in process memory before):
-- one per learner, keyed by the platform's ids, so starting a practice needs no user row yet. A session ends
-- when it is answered or replaced; expired ones are swept when a practice starts.
CREATE TABLE practice_sessions (
  platform TEXT NOT NULL,
  workspace_external_id TEXT NOT NULL,
  user_external_id TEXT NOT NULL,
  topic_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace_external_id, user_external_id)
) WITHOUT ROWID;
CREATE INDEX practice_sessions_by_expiry ON practice_sessions (expires_at);
