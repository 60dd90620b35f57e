/** `tutor register-commands`: the slash commands PUT to Discord with the configuration's application. */
import type { TutorConfig } from '../config/config.js';
import { registerCommands, type RegisterResult } from '../platforms/discord/register.js';

export type { RegisterResult };

/** `null` when the configuration names no Discord application (DISCORD_TOKEN and DISCORD_APP_ID). */
export async function registerDiscordCommands(
  config: TutorConfig,
  guildId: string | undefined,
): Promise<RegisterResult | null> {
  const discord = config.discord;
  if (!discord?.appId) return null;
  return registerCommands({ token: discord.token, appId: discord.appId, apiBase: discord.apiBase, guildId });
}
