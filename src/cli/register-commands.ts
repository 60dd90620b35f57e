/** `tutor register-commands [--guild ID]`: PUTs the slash commands generated from the command spec to Discord. */
import { registerDiscordCommands } from '../app/discord-commands.js';
import { loadConfig } from '../config/config.js';
import type { Subcommand } from './io.js';
import { parseOptions } from './options.js';

export const registerCommandsCommand: Subcommand = {
  summary: 'Register the Discord slash commands [--guild ID] (global without it)',
  usage: `Usage: tutor register-commands [--guild ID]

Registers /topic, /challenge, /answer, /practice, /streak, /leaderboard, /team and the admin /tutor command,
replacing the application's previous list. Needs DISCORD_TOKEN and DISCORD_APP_ID (DISCORD_API_BASE optional).
  --guild ID   register in one server only: visible at once, handy for testing (global takes up to an hour)
`,
  async run(args, io) {
    let guildId: string | undefined;
    try {
      guildId = parseOptions(args, { guild: { type: 'string' } }).values.guild;
    } catch (error) {
      io.stderr.write(
        `tutor register-commands: ${error instanceof Error ? error.message : String(error)}\n${this.usage}`,
      );
      return 2;
    }
    if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) {
      io.stderr.write(
        `tutor register-commands: --guild takes a server id (a snowflake of 17-20 digits), got "${guildId}"\n`,
      );
      return 2;
    }
    try {
      const result = await registerDiscordCommands(loadConfig(io.env), guildId);
      if (!result) {
        io.stderr.write('tutor register-commands: set DISCORD_TOKEN and DISCORD_APP_ID (the application id)\n');
        return 2;
      }
      const where = result.scope === 'guild' ? `in server ${guildId}` : 'globally (may take up to an hour to appear)';
      io.stdout.write(
        `Registered ${result.names.length} commands ${where}: ${result.names.map((n) => `/${n}`).join(' ')}\n`,
      );
      return 0;
    } catch (error) {
      io.stderr.write(`tutor register-commands: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};
