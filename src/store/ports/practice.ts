/**
 * Practice outside the daily challenge: the one practice topic waiting for a learner's answer (kept in the
 * store, so a restart keeps it) and the practice answers, which count for no streak or points. Per-learner
 * review state (spaced review) belongs beside this, as a port of its own composed into `Store`.
 */
import type { UserKey, UserRef } from './users.js';

export interface PracticeInput {
  readonly user: UserRef;
  readonly topicId: string;
  readonly text: string;
  readonly score: number;
  readonly passed: boolean;
  readonly at: Date;
}

export interface PendingPractice {
  readonly topicId: string;
  readonly startedAt: Date;
  readonly expiresAt: Date;
}

export interface PracticeStore {
  /** Sets the learner's waiting practice topic, replacing any earlier one; sessions expired by `at` go. */
  startPractice(input: { user: UserKey; topicId: string; at: Date; expiresAt: Date }): Promise<void>;
  /** The learner's waiting practice topic, unless it expired before `now`. */
  pendingPractice(user: UserKey, now: Date): Promise<PendingPractice | null>;
  /** Records a practice answer and ends the learner's waiting practice, in one transaction. */
  recordPractice(input: PracticeInput): Promise<{ attemptId: number }>;
}
