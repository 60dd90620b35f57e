/** The daily challenge of a channel: claimed once per channel-day, posted, closed. */
import type { Day } from '../../domain/vocabulary.js';

export interface DailyChallengeRecord {
  readonly id: number;
  readonly channelId: number;
  readonly day: Day;
  readonly topicId: string;
  readonly claimedAt: Date;
  readonly postedAt: Date | null;
  readonly messageId: string | null;
  readonly threadId: string | null;
  readonly closedAt: Date | null;
}

export interface ChallengeStore {
  /** Exactly one per channel per day (unique key): `created` is false when another caller already claimed it. */
  claimDailyChallenge(input: {
    channelId: number;
    day: Day;
    topicId: string;
    at: Date;
  }): Promise<{ challenge: DailyChallengeRecord; created: boolean }>;
  markChallengePosted(challengeId: number, posted: { messageId: string; threadId: string; at: Date }): Promise<void>;
  dailyChallenge(channelId: number, day: Day): Promise<DailyChallengeRecord | null>;
  challengeById(challengeId: number): Promise<DailyChallengeRecord | null>;
  challengeByThread(channelId: number, threadId: string): Promise<DailyChallengeRecord | null>;
  /** Claimed but not yet posted (a post that failed or was interrupted). */
  unpostedChallenges(): Promise<DailyChallengeRecord[]>;
  /** Posted and not closed. */
  openChallenges(): Promise<DailyChallengeRecord[]>;
  /** True for exactly one caller: the one that closed it. */
  closeChallenge(challengeId: number, at: Date): Promise<boolean>;
  /** Most recent first. */
  topicHistory(channelId: number, limit: number): Promise<{ topicId: string; day: Day }[]>;
}
