/** Words every layer shares. */

export const PLATFORMS = ['console', 'discord', 'slack'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PERIODS = ['week', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** A calendar day, `YYYY-MM-DD`, always computed in a channel's (or workspace's) IANA time zone. */
export type Day = string;
