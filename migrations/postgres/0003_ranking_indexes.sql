-- PostgreSQL twin of ../0003_ranking_indexes.sql: period_totals keyed by user first (a user's rows together,
-- forgetting a user is a key-range delete), attempts without the (challenge, user) index, an index on the
-- current streak.

ALTER TABLE period_totals DROP CONSTRAINT period_totals_pkey;
ALTER TABLE period_totals ADD PRIMARY KEY (user_id, workspace_id, kind, period_key);
DROP INDEX period_totals_by_user;

DROP INDEX attempts_by_challenge_user;

CREATE INDEX streaks_by_current ON streaks (current DESC);
