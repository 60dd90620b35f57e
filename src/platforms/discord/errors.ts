/** What a log line needs to know about a failed Discord call: route, HTTP status, Discord's error code. */
import { DiscordAPIError, HTTPError } from 'discord.js';

export interface ErrorContext {
  readonly route?: string;
  readonly status?: number;
  readonly code?: number | string;
  readonly error: string;
}

export function describeError(error: unknown): ErrorContext {
  if (error instanceof DiscordAPIError) {
    return {
      route: `${error.method} ${new URL(error.url).pathname}`,
      status: error.status,
      code: error.code,
      error: error.message,
    };
  }
  if (error instanceof HTTPError) {
    return { route: `${error.method} ${new URL(error.url).pathname}`, status: error.status, error: error.message };
  }
  return { error: error instanceof Error ? error.message : String(error) };
}

/** Discord's "already done" answers: a retry after a lost response finds its work already there. */
export const DISCORD_CODES = {
  threadAlreadyCreated: 160004,
  interactionAcknowledged: 40060,
  unknownInteraction: 10062,
} as const;

export function hasCode(error: unknown, code: number): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}
