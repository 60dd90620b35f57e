/**
 * The store: intent-named units of work, each one whole transaction, in one port per concern (`ports/`)
 * composed here. Promise-returning although better-sqlite3 is synchronous, so a server database can stand
 * behind the same interface later (`tests/store/contract/` is what a backend must pass). Days are
 * `YYYY-MM-DD` calendar days already computed in the channel's time zone by the caller.
 */
import type { AttemptStore } from './ports/attempts.js';
import type { BoardStore } from './ports/boards.js';
import type { ChallengeStore } from './ports/challenges.js';
import type { ChannelStore } from './ports/channels.js';
import type { EventStore } from './ports/events.js';
import type { MaintenanceStore } from './ports/maintenance.js';
import type { PracticeStore } from './ports/practice.js';
import type { ReviewStore } from './ports/reviews.js';
import type { TargetingStore } from './ports/targeting.js';
import type { TeamStore } from './ports/teams.js';

export type * from './ports/attempts.js';
export type * from './ports/boards.js';
export type * from './ports/challenges.js';
export type * from './ports/channels.js';
export type * from './ports/events.js';
export type * from './ports/maintenance.js';
export type * from './ports/practice.js';
export type * from './ports/reviews.js';
export type * from './ports/targeting.js';
export type * from './ports/teams.js';
export type * from './ports/transfer.js';
export type * from './ports/users.js';
export { StoreError, type StoreErrorId } from './ports/errors.js';
/** The streak rules live in the domain; the store persists their state. */
export type { StreakState } from '../domain/streak.js';

export interface Store
  extends
    ChannelStore,
    ChallengeStore,
    AttemptStore,
    PracticeStore,
    BoardStore,
    TeamStore,
    EventStore,
    MaintenanceStore,
    ReviewStore,
    TargetingStore {}
