-- How a channel's daily topic is picked: 'rotation' (every topic once before any repeats, the behaviour so far)
-- or 'adaptive' (topics the channel's learners failed or have due come first, still never inside the window).
-- Existing channels keep rotating.
ALTER TABLE channels ADD COLUMN mode TEXT NOT NULL DEFAULT 'rotation' CHECK (mode IN ('rotation', 'adaptive'));
