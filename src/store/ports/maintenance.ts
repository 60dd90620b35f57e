/** What an operator needs of any backend: forgetting a learner, a health check, closing. */
import type { Platform } from '../../domain/vocabulary.js';

export interface StoreHealth {
  readonly ok: boolean;
  readonly schemaVersion: number;
  readonly latestVersion: number;
  /** A row written in a transaction then rolled back: what recording an answer needs. */
  readonly writable: boolean;
  /** The backend's integrity check found nothing wrong. */
  readonly intact: boolean;
  readonly detail?: string;
}

export interface MaintenanceStore {
  /** Removes a user's answers, scores, streaks, memberships, practice and spaced review from every table. Returns rows removed. */
  forgetUser(platform: Platform, workspaceExternalId: string, userExternalId: string): Promise<number>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
