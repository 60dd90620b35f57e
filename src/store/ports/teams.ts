/** Team membership: one team per learner at a time. */
import type { UserKey, UserRef } from './users.js';

export interface TeamStore {
  joinTeam(user: UserRef, teamName: string): Promise<{ team: string; previous: string | null }>;
  leaveTeam(user: UserKey): Promise<{ previous: string | null }>;
  teamOf(user: UserKey): Promise<string | null>;
}
