/**
 * Discord's application-command JSON, generated from the one command spec (src/tutor/commands.ts): learner
 * commands are top-level, admin ones are subcommands of `/tutor` that only Manage Server members see by default.
 * Descriptions carry their Chinese text as zh-CN/zh-TW localizations.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS } from '../../tutor/commands/registry.js';
import type { CommandSpec, Localized, OptionSpec, SubcommandSpec } from '../../tutor/commands/spec.js';
import { truncate } from '../shared/text-limits.js';

/** The top-level command that holds the admin subcommands. */
export const ADMIN_COMMAND = 'tutor';

const ADMIN_DESCRIPTION: Localized = {
  en: 'Admin: schedule, pause, resume, post now, reload',
  zh: '管理：设置时间、暂停、恢复、立即发布、重新加载',
};

const DESCRIPTION_MAX = 100;

function described(text: Localized) {
  const zh = truncate(text.zh, DESCRIPTION_MAX);
  return {
    description: truncate(text.en, DESCRIPTION_MAX),
    description_localizations: { 'zh-CN': zh, 'zh-TW': zh },
  };
}

function basicOption(spec: OptionSpec): APIApplicationCommandBasicOption {
  const common = { name: spec.name, ...described(spec.description), required: spec.required ?? false };
  switch (spec.type) {
    case 'string':
      return {
        ...common,
        type: ApplicationCommandOptionType.String,
        ...(spec.maxLength !== undefined ? { max_length: Math.min(spec.maxLength, 6000) } : {}),
        ...(spec.autocomplete
          ? { autocomplete: true as const }
          : spec.choices
            ? { choices: spec.choices.map((c) => ({ name: c, value: c })) }
            : {}),
      };
    case 'integer':
      return { ...common, type: ApplicationCommandOptionType.Integer };
    case 'boolean':
      return { ...common, type: ApplicationCommandOptionType.Boolean };
    case 'user':
      return { ...common, type: ApplicationCommandOptionType.User };
  }
}

/** Discord wants required options first. */
function basicOptions(specs: readonly OptionSpec[]): APIApplicationCommandBasicOption[] {
  return [...specs].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false)).map(basicOption);
}

function subcommand(spec: SubcommandSpec | CommandSpec): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: spec.name,
    ...described(spec.description),
    options: basicOptions(spec.options),
  };
}

function learnerCommand(spec: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options: APIApplicationCommandOption[] = spec.subcommands
    ? spec.subcommands.map(subcommand)
    : basicOptions(spec.options);
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    ...described(spec.description),
    contexts: [InteractionContextType.Guild],
    options,
  };
}

/** The full list to PUT to /applications/{app}/commands (or a guild's commands). */
export function applicationCommands(
  specs: readonly CommandSpec[] = COMMANDS,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const admin = specs.filter((s) => s.group === 'admin');
  return [
    ...specs.filter((s) => s.group === 'learner').map(learnerCommand),
    {
      type: ApplicationCommandType.ChatInput,
      name: ADMIN_COMMAND,
      ...described(ADMIN_DESCRIPTION),
      contexts: [InteractionContextType.Guild],
      default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
      options: admin.map(subcommand),
    },
  ];
}
