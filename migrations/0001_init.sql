-- The first schema: workspaces, channels, users, one daily challenge per channel-day, every attempt,
-- per-user results and streaks, teams, and processed platform events.
-- Instants are INTEGER milliseconds since the epoch (UTC); days are TEXT 'YYYY-MM-DD' in the channel's zone.

CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  external_id TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  UNIQUE (platform, external_id)
);

CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  external_id TEXT NOT NULL,
  name TEXT,
  schedule_time TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0,
  UNIQUE (workspace_id, external_id)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  external_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  UNIQUE (workspace_id, external_id)
);

-- The unique key is what makes "one post per channel per day" hold across restarts and processes.
CREATE TABLE daily_challenges (
  id INTEGER PRIMARY KEY,
  channel_id INTEGER NOT NULL REFERENCES channels (id),
  day TEXT NOT NULL,
  topic_id TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  posted_at INTEGER,
  message_id TEXT,
  thread_id TEXT,
  closed_at INTEGER,
  UNIQUE (channel_id, day)
);
CREATE INDEX daily_challenges_thread ON daily_challenges (channel_id, thread_id) WHERE thread_id IS NOT NULL;

CREATE TABLE attempts (
  id INTEGER PRIMARY KEY,
  challenge_id INTEGER NOT NULL REFERENCES daily_challenges (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  attempt_number INTEGER NOT NULL,
  text TEXT NOT NULL,
  score INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  concepts TEXT NOT NULL,
  feedback TEXT NOT NULL,
  at INTEGER NOT NULL,
  event_key TEXT
);
CREATE INDEX attempts_by_challenge_user ON attempts (challenge_id, user_id);
CREATE INDEX attempts_by_user ON attempts (user_id);
CREATE UNIQUE INDEX attempts_event_key ON attempts (event_key) WHERE event_key IS NOT NULL;

CREATE TABLE practice_attempts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  topic_id TEXT NOT NULL,
  text TEXT NOT NULL,
  score INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX practice_attempts_by_user ON practice_attempts (user_id);

-- One row per user per challenge: the best of the day and the points it is worth.
CREATE TABLE challenge_results (
  challenge_id INTEGER NOT NULL REFERENCES daily_challenges (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  attempts INTEGER NOT NULL,
  best_score INTEGER NOT NULL,
  best_attempt_id INTEGER NOT NULL REFERENCES attempts (id),
  passed INTEGER NOT NULL,
  streak INTEGER NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (challenge_id, user_id)
) WITHOUT ROWID;
CREATE INDEX challenge_results_by_user ON challenge_results (user_id);

CREATE TABLE streaks (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  current INTEGER NOT NULL,
  longest INTEGER NOT NULL,
  freezes INTEGER NOT NULL,
  last_counted_day TEXT
);

CREATE TABLE streak_days (
  user_id INTEGER NOT NULL REFERENCES users (id),
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('passed', 'frozen')),
  PRIMARY KEY (user_id, day)
) WITHOUT ROWID;

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  name TEXT NOT NULL COLLATE NOCASE,
  UNIQUE (workspace_id, name)
);

-- Users belong to one workspace, so one row per user is one team per user per workspace.
CREATE TABLE team_members (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  team_id INTEGER NOT NULL REFERENCES teams (id)
);
CREATE INDEX team_members_by_team ON team_members (team_id);

CREATE TABLE processed_events (
  platform TEXT NOT NULL,
  event_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;
CREATE INDEX processed_events_by_time ON processed_events (at);
