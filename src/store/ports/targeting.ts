/**
 * What adaptive targeting reads and sets: a channel's pick mode, the topics its learners failed (by channel,
 * over a recent window), and a learner's last passed topics (where `/practice chain` starts).
 */
import type { ChannelMode } from '../../domain/adaptive.js';
import type { Day } from '../../domain/vocabulary.js';
import type { ChannelRecord } from './channels.js';
import type { UserKey } from './users.js';

/** A topic some of a channel's learners failed: their latest result on it there did not pass. */
export interface TopicFailures {
  readonly topicId: string;
  /** Learners whose latest daily result on the topic in this channel failed. */
  readonly learners: number;
  /** The most recent challenge day on which one of them failed it. */
  readonly lastDay: Day;
}

export interface TargetingStore {
  setChannelMode(channelId: number, mode: ChannelMode): Promise<ChannelRecord>;
  /** Topics of the channel's daily challenges since `sinceDay` (inclusive) that learners failed, most learners first. */
  failedTopics(channelId: number, sinceDay: Day): Promise<TopicFailures[]>;
  /** The learner's passed topics (daily and practice), each once, most recently passed first, at most `limit`. */
  lastPassedTopics(user: UserKey, limit: number): Promise<string[]>;
}
