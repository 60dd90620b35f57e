/**
 * Registers the slash commands generated from the command spec: guild-scoped (instant, for testing) or global.
 * A PUT replaces the whole list, so renamed or removed commands disappear too.
 */
import { REST, Routes } from 'discord.js';
import { applicationCommands } from './commands-json.js';

export interface RegisterOptions {
  readonly token: string;
  readonly appId: string;
  readonly apiBase?: string;
  readonly guildId?: string;
}

export interface RegisterResult {
  readonly scope: 'guild' | 'global';
  readonly names: readonly string[];
}

export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST({ version: '10', ...(options.apiBase ? { api: options.apiBase } : {}) }).setToken(
    options.token,
  );
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.appId, options.guildId)
    : Routes.applicationCommands(options.appId);
  const registered = (await rest.put(route, { body: applicationCommands() })) as { name: string }[];
  return { scope: options.guildId ? 'guild' : 'global', names: registered.map((c) => c.name) };
}
