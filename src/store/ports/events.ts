/** Platform event ids already processed: a retried or duplicated delivery is handled once. */
import type { Platform } from '../../domain/vocabulary.js';

export interface EventStore {
  /** False when this event id was already processed (a retried or duplicated delivery). */
  claimEvent(platform: Platform, eventId: string, at: Date): Promise<boolean>;
}
