/**
 * Every table holding the tutor's data, parents before children (the order an import loads them in), each
 * with the columns that order its rows and whether its `id` is an identity column. A table added by a later
 * migration is one line here: export, import and their tests follow it.
 */
export interface DataTable {
  readonly name: string;
  /** Its primary key: rows are exported in this order. */
  readonly key: readonly string[];
  /** An `id` the database assigns: kept on import, and PostgreSQL's sequence moved past it. */
  readonly identity: boolean;
}

export const DATA_TABLES: readonly DataTable[] = [
  { name: 'workspaces', key: ['id'], identity: true },
  { name: 'channels', key: ['id'], identity: true },
  { name: 'users', key: ['id'], identity: true },
  { name: 'daily_challenges', key: ['id'], identity: true },
  { name: 'attempts', key: ['id'], identity: true },
  { name: 'practice_attempts', key: ['id'], identity: true },
  { name: 'challenge_results', key: ['challenge_id', 'user_id'], identity: false },
  { name: 'streaks', key: ['user_id'], identity: false },
  { name: 'streak_days', key: ['user_id', 'day'], identity: false },
  { name: 'teams', key: ['id'], identity: true },
  { name: 'team_members', key: ['user_id'], identity: false },
  { name: 'period_totals', key: ['user_id', 'workspace_id', 'kind', 'period_key'], identity: false },
  { name: 'team_period_totals', key: ['team_id', 'kind', 'period_key', 'user_id'], identity: false },
  { name: 'processed_events', key: ['platform', 'event_id'], identity: false },
  { name: 'practice_sessions', key: ['platform', 'workspace_external_id', 'user_external_id'], identity: false },
  { name: 'review_cards', key: ['user_id', 'topic_id'], identity: false },
  { name: 'review_log', key: ['id'], identity: true },
  { name: 'review_sessions', key: ['user_id'], identity: false },
  { name: 'review_reminders', key: ['user_id', 'channel_id'], identity: false },
];

/** A column name as a dump may give it: checked before it becomes part of an INSERT. */
export const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

export type Row = Readonly<Record<string, string | number | null>>;
