/**
 * A learner's streak as of a day (the day "now" falls on in the channel's or workspace's zone): `/streak` in
 * chat and `tutor streak` read it the same way, so a day whose challenge was never closed (the bot was down at
 * day end) counts as missed once it is over in both.
 */
import type { Day } from '../../domain/vocabulary.js';
import { currentStreakAsOf } from '../../domain/streak.js';
import type { Store, StreakView, UserKey } from '../../store/types.js';

export interface StreakStanding {
  readonly view: StreakView;
  /** The streak still alive `today` (the stored one, unless more days were missed than freezes cover). */
  readonly current: number;
}

export async function streakAsOf(
  store: Pick<Store, 'streak'>,
  user: UserKey,
  today: Day,
  recentDays: number,
): Promise<StreakStanding | null> {
  const view = await store.streak(user, { recentDays, today });
  return view ? { view, current: currentStreakAsOf(view, today) } : null;
}
