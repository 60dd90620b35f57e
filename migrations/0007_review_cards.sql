-- Spaced review (FSRS): a card per learner and topic, every graded answer's review, the one review question
-- waiting for a learner's answer, and who asked for a daily reminder in which channel.
-- state is ts-fsrs's State (0 new, 1 learning, 2 review, 3 relearning); last_rating its Rating (1 Again … 4 Easy).
CREATE TABLE review_cards (
  user_id INTEGER NOT NULL REFERENCES users (id),
  topic_id TEXT NOT NULL,
  state INTEGER NOT NULL,
  due INTEGER NOT NULL,
  stability REAL NOT NULL,
  difficulty REAL NOT NULL,
  scheduled_days INTEGER NOT NULL,
  learning_steps INTEGER NOT NULL,
  reps INTEGER NOT NULL,
  lapses INTEGER NOT NULL,
  last_review INTEGER,
  last_rating INTEGER,
  last_score INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, topic_id)
) WITHOUT ROWID;
-- A learner's most overdue card is the first entry of their slice of this index.
CREATE INDEX review_cards_by_due ON review_cards (user_id, due);

-- The dedupe key (`daily:<attempt id>`, `practice:<attempt id>`, `review:<platform>:<event id>`) makes a
-- retried event review the card once. missed is a JSON array of the concept labels the answer missed.
CREATE TABLE review_log (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  topic_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('daily', 'practice', 'review')),
  score INTEGER NOT NULL,
  rating INTEGER NOT NULL,
  missed TEXT NOT NULL,
  at INTEGER NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE
);
CREATE INDEX review_log_by_user ON review_log (user_id, at);

CREATE TABLE review_sessions (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  topic_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

-- last_sent_day (in the channel's zone) is claimed when a reminder goes: one a day at most.
CREATE TABLE review_reminders (
  user_id INTEGER NOT NULL REFERENCES users (id),
  channel_id INTEGER NOT NULL REFERENCES channels (id),
  enabled INTEGER NOT NULL,
  last_sent_day TEXT,
  PRIMARY KEY (user_id, channel_id)
) WITHOUT ROWID;
CREATE INDEX review_reminders_by_channel ON review_reminders (channel_id) WHERE enabled = 1;
