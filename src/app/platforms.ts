/**
 * Which platforms a configuration runs, and how each adapter is built from it: Discord when its token is
 * set, Slack when its bot token is set (both may run in one process), the console when neither is.
 */
import type { TutorConfig } from '../config/config.js';
import type { Logger } from '../domain/logger.js';
import { SINGLE_PROCESS, type ProcessSlot } from '../domain/shards.js';
import type { Platform } from '../domain/vocabulary.js';
import type { HttpRoute, PlatformAdapter } from '../platforms/contract.js';
import type { TutorApi } from '../tutor/api.js';

/** Discord's global REST limit for a bot, requests per second (discord.js's default for one process). */
const DISCORD_GLOBAL_REQUESTS = 50;

export function choosePlatforms(config: TutorConfig): Platform[] {
  const chosen: Platform[] = [];
  if (config.discord) chosen.push('discord');
  if (config.slack) chosen.push('slack');
  return chosen.length > 0 ? chosen : ['console'];
}

/** Slack's HTTP receiver (no app token) owns PORT, so routes such as /healthz must be mounted on it. */
export function slackOwnsPort(config: TutorConfig): boolean {
  return config.slack !== undefined && config.slack.appToken === undefined;
}

/**
 * The network adapters a configuration asks for (the console is built by its session, on the terminal).
 * Loaded lazily: a console session never pays for discord.js or Bolt.
 */
export async function networkAdapters(
  config: TutorConfig,
  /** `slot`: this process's place among several (Discord connects the shard of the same index). */
  deps: { tutor: TutorApi; logger: Logger; httpRoutes?: readonly HttpRoute[]; slot?: ProcessSlot },
): Promise<PlatformAdapter[]> {
  const { tutor, logger } = deps;
  const slot = deps.slot ?? SINGLE_PROCESS;
  const adapters: PlatformAdapter[] = [];
  if (config.discord) {
    const { createDiscordAdapter } = await import('../platforms/discord/adapter.js');
    adapters.push(
      createDiscordAdapter({
        token: config.discord.token,
        appId: config.discord.appId,
        apiBase: config.discord.apiBase,
        teamRoles: config.discord.teamRoles,
        tutor,
        logger,
        admins: config.admins,
        ...(slot.count > 1
          ? {
              shard: { id: slot.index, count: slot.count },
              // Discord's global limit is per bot, not per connection: the shards share it.
              restOptions: { globalRequestsPerSecond: Math.max(1, Math.floor(DISCORD_GLOBAL_REQUESTS / slot.count)) },
            }
          : {}),
      }),
    );
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('../platforms/slack/adapter.js');
    adapters.push(
      createSlackAdapter({
        botToken: config.slack.botToken,
        signingSecret: config.slack.signingSecret,
        appToken: config.slack.appToken,
        apiUrl: config.slack.apiUrl,
        port: config.port,
        customRoutes: deps.httpRoutes,
        tutor,
        logger,
        admins: config.admins,
      }),
    );
  }
  return adapters;
}
