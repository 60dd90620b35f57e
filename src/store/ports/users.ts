/** How every concern names a learner: by platform, workspace and the platform's user id. */
import type { Platform } from '../../domain/vocabulary.js';

export interface UserRef {
  readonly platform: Platform;
  readonly workspaceExternalId: string;
  readonly externalId: string;
  readonly displayName: string;
}

/** A learner without the display name: enough to find them, not to create them. */
export type UserKey = Omit<UserRef, 'displayName'>;
