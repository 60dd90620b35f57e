/**
 * Slash commands, autocomplete and the "show my feedback" button, mapped onto the core's TutorApi.
 * Discord drops an interaction not answered within 3 seconds, so the core's work races a timer: a quick answer
 * is sent as the reply itself (one round trip); a slow one is deferred first and delivered when ready.
 */
import {
  ApplicationCommandOptionType,
  MessageFlags,
  type APIEmbed,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type RepliableInteraction,
} from 'discord.js';
import type { Locale } from '../../domain/vocabulary.js';
import type { Actor, OptionValue, TutorApi } from '../../tutor/api.js';
import { commandSpec, COMMANDS } from '../../tutor/commands/registry.js';
import { COMMAND_NAMES, type CommandName } from '../../tutor/commands/spec.js';
import type { OutMessage } from '../../tutor/messages.js';
import { truncate } from '../shared/text-limits.js';
import { actorOf, localeOf, memberLike, placeOf, type ActorPolicy } from './actor.js';
import { ADMIN_COMMAND } from './commands-json.js';
import { NO_MENTIONS } from './outbox.js';
import { DISCORD_LIMITS, renderMessage } from './render.js';
import { strings } from './strings.js';

interface Part {
  readonly embeds: APIEmbed[];
  readonly private: boolean;
}

/** Private messages (the core marks errors and refusals private too) are ephemeral on Discord. */
function partsOf(messages: readonly OutMessage[]): Part[] {
  return messages.flatMap((m) => renderMessage(m).map((embeds) => ({ embeds, private: m.private ?? false })));
}

const payload = (part: Part) => ({
  embeds: part.embeds,
  allowedMentions: NO_MENTIONS,
  ...(part.private ? { flags: MessageFlags.Ephemeral as const } : {}),
});

/** Replies with the parts in order: the first as the interaction response, the rest as follow-ups. */
async function deliver(interaction: RepliableInteraction, parts: readonly Part[]): Promise<void> {
  const [first, ...rest] = parts;
  if (!first) return;
  if (interaction.deferred) {
    const deferredPrivately = interaction.ephemeral ?? false;
    if (first.private === deferredPrivately) {
      await interaction.editReply({ embeds: first.embeds, allowedMentions: NO_MENTIONS });
    } else {
      // A placeholder of the wrong visibility can't be changed: remove it and send every part as a follow-up.
      await interaction.deleteReply();
      await interaction.followUp(payload(first));
    }
  } else {
    await interaction.reply(payload(first));
  }
  for (const part of rest) await interaction.followUp(payload(part));
}

const sleep = (ms: number) => new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms).unref());

/**
 * Runs `work`; defers the interaction when it takes longer than `deferAfterMs` (at once when that is 0 or less),
 * then delivers its messages.
 */
export async function answerWithin(
  interaction: RepliableInteraction,
  work: () => Promise<readonly OutMessage[]>,
  deferAfterMs: number,
  privateWhenDeferred: boolean,
): Promise<void> {
  if (deferAfterMs <= 0) {
    await interaction.deferReply(privateWhenDeferred ? { flags: MessageFlags.Ephemeral } : {});
    await deliver(interaction, partsOf(await work()));
    return;
  }
  const running = work();
  const early = await Promise.race([running, sleep(deferAfterMs)]);
  if (early === 'late') {
    await interaction.deferReply(privateWhenDeferred ? { flags: MessageFlags.Ephemeral } : {});
    await deliver(interaction, partsOf(await running));
  } else {
    await deliver(interaction, partsOf(early));
  }
}

/** Options as the core wants them: flat name → value, with the subcommand (if any) named apart. */
function flatten(data: readonly CommandInteractionOption[]): {
  subcommand?: string;
  options: Record<string, OptionValue>;
} {
  const options: Record<string, OptionValue> = {};
  let subcommand: string | undefined;
  for (const option of data) {
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      subcommand = option.name;
      Object.assign(options, flatten(option.options ?? []).options);
    } else if (option.value !== undefined && option.value !== null) {
      options[option.name] = option.value;
    }
  }
  return subcommand === undefined ? { options } : { subcommand, options };
}

const isCommandName = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);
const isAdminCommand = (name: string) => COMMANDS.some((c) => c.name === name && c.group === 'admin');

/** `/tutor schedule …` → command `schedule`; `/team join …` → command `team`, subcommand `join`. */
export function commandOf(
  commandName: string,
  data: readonly CommandInteractionOption[],
): { command: CommandName; subcommand?: string; options: Record<string, OptionValue> } | null {
  const flat = flatten(data);
  if (commandName === ADMIN_COMMAND) {
    const sub = flat.subcommand;
    return sub && isCommandName(sub) && isAdminCommand(sub) ? { command: sub, options: flat.options } : null;
  }
  if (!isCommandName(commandName) || isAdminCommand(commandName)) return null;
  return { command: commandName, ...flat };
}

export interface InteractionDeps {
  readonly tutor: TutorApi;
  readonly policy: ActorPolicy;
  readonly deferAfterMs: number;
  /** Called once per channel the bot sees a command in, so the core can register it. */
  readonly channelSeen: (interaction: RepliableInteraction | AutocompleteInteraction) => Promise<void>;
}

function actorFor(deps: InteractionDeps, interaction: RepliableInteraction | AutocompleteInteraction): Actor {
  return actorOf(
    deps.policy,
    interaction.guild,
    interaction.guildId ?? '',
    interaction.user,
    memberLike(interaction.member, interaction.memberPermissions),
    localeOf(interaction.locale),
  );
}

export async function handleCommand(deps: InteractionDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  const locale = localeOf(interaction.locale);
  const mapped = commandOf(interaction.commandName, interaction.options.data);
  if (!mapped || !interaction.guildId) {
    await interaction.reply({
      content: strings(locale).failed(`unknown-command:${truncate(interaction.commandName, 32)}`),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  const actor = actorFor(deps, interaction);
  const place = placeOf(interaction.guildId, interaction.channel, interaction.channelId);
  const work = async () => {
    await deps.channelSeen(interaction);
    return (await deps.tutor.handleCommand({ actor, place, ...mapped, eventId: interaction.id })).messages;
  };
  await answerWithin(interaction, work, deps.deferAfterMs, commandSpec(mapped.command).visibility === 'private');
}

export async function handleAutocomplete(deps: InteractionDeps, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices = deps.tutor
    .autocomplete(String(focused.value), localeOf(interaction.locale))
    .filter((c) => c.value.length > 0 && c.value.length <= DISCORD_LIMITS.choiceText)
    .slice(0, DISCORD_LIMITS.choices)
    .map((c) => ({ name: truncate(c.name, DISCORD_LIMITS.choiceText) || c.value, value: c.value }));
  await interaction.respond(choices);
}

/** The button under a graded thread answer; its id names the attempt and the only user it answers. */
export function feedbackButtonId(attemptId: number, userId: string): string {
  return `feedback:${attemptId}:${userId}`;
}

export function feedbackButton(attemptId: number, userId: string, locale: Locale) {
  return {
    type: 1,
    components: [
      {
        type: 2,
        style: 2,
        label: truncate(strings(locale).showFeedback, DISCORD_LIMITS.buttonLabel),
        custom_id: feedbackButtonId(attemptId, userId),
        emoji: { name: '🔒' },
      },
    ],
  };
}

export function parseFeedbackButton(customId: string): { attemptId: number; userId: string } | null {
  const match = /^feedback:(\d+):(\d+)$/.exec(customId);
  return match ? { attemptId: Number(match[1]), userId: match[2] as string } : null;
}

export async function handleButton(deps: InteractionDeps, interaction: ButtonInteraction): Promise<void> {
  const target = parseFeedbackButton(interaction.customId);
  if (!target) return;
  const locale = localeOf(interaction.locale);
  if (target.userId !== interaction.user.id) {
    await interaction.reply({
      content: strings(locale).notYourFeedback,
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  const actor = actorFor(deps, interaction);
  const work = async () => [{ ...(await deps.tutor.attemptFeedback(actor, target.attemptId)), private: true }];
  await answerWithin(interaction, work, deps.deferAfterMs, true);
}
