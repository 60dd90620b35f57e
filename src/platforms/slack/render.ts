/**
 * OutMessage → Block Kit. Everything the bot sends passes through here, so this is where user-written text is
 * made inert: `&`, `<`, `>` are escaped (Slack's own rule), which turns `<!channel>`, `<@U…>`, `<#C…>` and
 * `<!subteam^…>` into plain characters that cannot ping or link. Slack's limits are applied last: long text
 * is split over several sections, headers are cut, and a reply with more than 50 blocks becomes several messages.
 */
import type { types } from '@slack/bolt';
import type { MessageField, OutMessage, Tone } from '../../tutor/messages.js';
import { splitText, truncate } from '../shared/text-limits.js';

export const LIMITS = {
  sectionText: 3000,
  header: 150,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 3000,
  blocksPerMessage: 50,
  fallbackText: 40_000,
} as const;

export interface SlackMessage {
  /** Notification and screen-reader fallback: escaped, trimmed to Slack's limit. */
  readonly text: string;
  readonly blocks: types.KnownBlock[];
}

const TONE_MARK: Record<Tone, string> = {
  neutral: '',
  success: '✅ ',
  failure: '❌ ',
  warning: '⚠️ ',
  error: '🚫 ',
};

/** Slack's escaping: after it, no user text can form a `<…>` control sequence. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The message's Markdown-ish subset (see messages.ts) as Slack mrkdwn, escaped first. */
export function toMrkdwn(text: string): string {
  return escapeSlack(text)
    .replace(/\*\*(.+?)\*\*/gs, '*$1*')
    .replace(/^- /gm, '• ');
}

function sections(mrkdwn: string): types.KnownBlock[] {
  if (mrkdwn.trim() === '') return [];
  return splitText(mrkdwn, LIMITS.sectionText).map((piece) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: piece },
  }));
}

function fieldText(field: MessageField): string {
  return truncate(`*${escapeSlack(field.name)}*\n${toMrkdwn(field.value)}`, LIMITS.fieldText);
}

function fieldBlocks(fields: readonly MessageField[]): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  let inline: MessageField[] = [];
  const flush = () => {
    for (let i = 0; i < inline.length; i += LIMITS.fieldsPerSection) {
      blocks.push({
        type: 'section',
        fields: inline.slice(i, i + LIMITS.fieldsPerSection).map((f) => ({ type: 'mrkdwn', text: fieldText(f) })),
      });
    }
    inline = [];
  };
  for (const field of fields) {
    if (field.inline) {
      inline.push(field);
      continue;
    }
    flush();
    blocks.push(...sections(`*${escapeSlack(field.name)}*\n${toMrkdwn(field.value)}`));
  }
  flush();
  return blocks;
}

function fallback(message: OutMessage): string {
  const title = message.title ? `${message.title}\n` : '';
  return truncate(`${TONE_MARK[message.tone]}${toMrkdwn(title + message.text)}`, LIMITS.fallbackText);
}

/** All blocks of one message, before the per-message block limit is applied. */
export function messageBlocks(message: OutMessage): types.KnownBlock[] {
  const mark = TONE_MARK[message.tone];
  const blocks: types.KnownBlock[] = [];
  if (message.title) {
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: truncate(mark + escapeSlack(message.title), LIMITS.header), emoji: true },
    });
  }
  blocks.push(...sections(message.title ? toMrkdwn(message.text) : mark + toMrkdwn(message.text)));
  blocks.push(...fieldBlocks(message.fields ?? []));
  if (message.footer) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(toMrkdwn(message.footer), LIMITS.contextText) }],
    });
  }
  return blocks;
}

/** One OutMessage as one or more Slack messages (more only when it exceeds 50 blocks). */
export function renderMessage(message: OutMessage): SlackMessage[] {
  const blocks = messageBlocks(message);
  const text = fallback(message);
  if (blocks.length === 0) return [{ text, blocks }];
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += LIMITS.blocksPerMessage) {
    messages.push({ text, blocks: blocks.slice(i, i + LIMITS.blocksPerMessage) });
  }
  return messages;
}
