/**
 * Who a Slack user is, for the core's Actor: display name, locale (users.info include_locale: zh-* → zh,
 * else en) and admin rights (workspace admin or owner, or named in the configured list). Cached briefly:
 * one users.info per user per few minutes, so an admin who loses the role loses it here soon too.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../domain/logger.js';
import type { Locale } from '../../domain/vocabulary.js';

export interface SlackUserInfo {
  readonly displayName: string;
  readonly locale: Locale;
  readonly isAdmin: boolean;
}

export const USER_CACHE_MS = 5 * 60_000;

export function localeOf(slackLocale: string | undefined): Locale {
  return slackLocale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export class UserDirectory {
  /** Promises, so concurrent events of one user share one users.info call. */
  private readonly cache = new Map<string, { info: Promise<SlackUserInfo>; until: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly admins: readonly string[],
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Never rejects: when Slack cannot tell, the user is an English-speaking non-admin named by `fallbackName`. */
  lookup(userId: string, fallbackName?: string): Promise<SlackUserInfo> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > this.now()) return cached.info;
    const info = this.fetch(userId, fallbackName);
    this.cache.set(userId, { info, until: this.now() + USER_CACHE_MS });
    return info;
  }

  private async fetch(userId: string, fallbackName: string | undefined): Promise<SlackUserInfo> {
    try {
      const result = await this.client.users.info({ user: userId, include_locale: true });
      const user = result.user;
      const name = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || userId;
      return {
        displayName: name,
        locale: localeOf(user?.locale),
        isAdmin: Boolean(user?.is_admin || user?.is_owner) || this.listed(userId, user?.name),
      };
    } catch (error) {
      // Not cached: the next event asks Slack again.
      this.cache.delete(userId);
      this.logger.warn({ err: error, userId, method: 'users.info' }, 'slack: users.info failed; using defaults');
      return { displayName: fallbackName ?? userId, locale: 'en', isAdmin: this.listed(userId, fallbackName) };
    }
  }

  private listed(userId: string, name: string | undefined): boolean {
    return this.admins.includes(userId) || (name !== undefined && this.admins.includes(name));
  }
}
