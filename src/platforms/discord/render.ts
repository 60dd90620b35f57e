/**
 * OutMessage → Discord embeds. Discord renders the core's Markdown-ish subset natively, so the work here is
 * colour by tone and fitting Discord's limits: long text is split across embeds and messages rather than
 * rejected by the API (title 256, description 4096, 25 fields of 256/1024, footer 2048, 6000 per message,
 * 10 embeds per message).
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { OutMessage, Tone } from '../../tutor/messages.js';
import { splitText, truncate } from '../shared/text-limits.js';

export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsPerMessage: 10,
  totalPerMessage: 6000,
  choices: 25,
  choiceText: 100,
  threadName: 100,
  buttonLabel: 80,
} as const;

const COLOURS: Record<Tone, number> = {
  neutral: 0x5865f2,
  success: 0x57f287,
  failure: 0xed4245,
  warning: 0xfee75c,
  error: 0x992d22,
};

/** Discord refuses empty field names and values; a zero-width space stands in. */
const BLANK = '\u200b';

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Each field value over 1024 becomes several fields, the later ones named "name (2)", "name (3)"… */
function fittedFields(message: OutMessage): APIEmbedField[] {
  return (message.fields ?? []).flatMap((field) => {
    const name = truncate(field.name, DISCORD_LIMITS.fieldName - 4) || BLANK;
    return splitText(field.value, DISCORD_LIMITS.fieldValue).map((value, i) => ({
      name: i === 0 ? name : `${name} (${i + 1})`,
      value: value || BLANK,
      inline: field.inline ?? false,
    }));
  });
}

/** The embeds for one OutMessage, each within Discord's per-embed limits. */
export function renderEmbeds(message: OutMessage): APIEmbed[] {
  const color = COLOURS[message.tone];
  const title = message.title ? truncate(message.title, DISCORD_LIMITS.title) : undefined;
  const embeds: APIEmbed[] = splitText(message.text, DISCORD_LIMITS.description).map((description, i) => ({
    color,
    ...(i === 0 && title ? { title } : {}),
    ...(description ? { description } : {}),
  }));
  for (const field of fittedFields(message)) {
    const last = embeds[embeds.length - 1] as APIEmbed;
    const fits =
      (last.fields?.length ?? 0) < DISCORD_LIMITS.fields &&
      embedSize(last) + field.name.length + field.value.length <= DISCORD_LIMITS.totalPerMessage;
    if (fits) last.fields = [...(last.fields ?? []), field];
    else embeds.push({ color, fields: [field] });
  }
  if (message.footer) {
    const footer = { text: truncate(message.footer, DISCORD_LIMITS.footer) };
    const last = embeds[embeds.length - 1] as APIEmbed;
    if (embedSize(last) + footer.text.length <= DISCORD_LIMITS.totalPerMessage) last.footer = footer;
    else embeds.push({ color, footer });
  }
  for (const embed of embeds) if (embedSize(embed) === 0) embed.description = BLANK;
  return embeds;
}

/** Embeds grouped into messages of at most 10 embeds and 6000 characters each. */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const n = embedSize(embed);
    if (
      current.length > 0 &&
      (current.length === DISCORD_LIMITS.embedsPerMessage || size + n > DISCORD_LIMITS.totalPerMessage)
    ) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += n;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** One OutMessage as the embed lists of one or more Discord messages, in order. */
export function renderMessage(message: OutMessage): APIEmbed[][] {
  return packEmbeds(renderEmbeds(message));
}

/** A thread name from a challenge title: Discord allows 1–100 characters. */
export function threadName(title: string | undefined, fallback: string): string {
  return truncate((title ?? '').trim() || fallback, DISCORD_LIMITS.threadName);
}
