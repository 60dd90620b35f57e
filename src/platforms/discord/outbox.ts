/**
 * What the scheduler posts through: the daily challenge as an embed with a thread for answers, and messages into
 * that thread (the day-close reveal). Sent over REST, not through the channel cache, so a post never waits for
 * or depends on the gateway. Every post carries a nonce Discord enforces: when a response is lost and the call is
 * retried (by discord.js on a 5xx, or by the scheduler), Discord returns the first message instead of a second one.
 */
import { hash } from 'node:crypto';
import { Routes, type APIChannel, type APIEmbed, type APIMessage, type REST } from 'discord.js';
import type { Logger } from '../../domain/logger.js';
import type { ChannelAddress, Outbox, PostedMessage, UserAddress } from '../../tutor/api.js';
import type { OutMessage } from '../../tutor/messages.js';
import { DISCORD_CODES, describeError, hasCode } from './errors.js';
import { renderMessage, threadName } from './render.js';

/** Allowed mentions: none. Set on every message the bot sends, so quoted @everyone/@here/roles ping nobody. */
export const NO_MENTIONS = { parse: [] as never[] };

/** Discord nonces are at most 25 characters. One-shot `hash`: a Hash object costs more than hashing this text. */
function nonceFor(channelId: string, key: string, embeds: readonly APIEmbed[]): string {
  return hash('sha256', `${channelId}\n${key}\n${JSON.stringify(embeds)}`, 'hex').slice(0, 25);
}

export interface PostOptions {
  readonly components?: readonly unknown[];
  /** What makes this post unique besides its content (e.g. the answer it replies to); content alone by default. */
  readonly nonceKey?: string;
}

/** One message of embeds into a channel or thread, idempotent under retries. */
export async function postEmbeds(
  rest: REST,
  channelId: string,
  embeds: readonly APIEmbed[],
  options: PostOptions = {},
): Promise<APIMessage> {
  return (await rest.post(Routes.channelMessages(channelId), {
    body: {
      embeds,
      allowed_mentions: NO_MENTIONS,
      nonce: nonceFor(channelId, options.nonceKey ?? '', embeds),
      enforce_nonce: true,
      ...(options.components ? { components: options.components } : {}),
    },
  })) as APIMessage;
}

/** Every part of an OutMessage, in order; the last part carries `components` (e.g. a button). */
export async function postMessage(
  rest: REST,
  channelId: string,
  message: OutMessage,
  options: PostOptions = {},
): Promise<APIMessage[]> {
  const parts = renderMessage(message);
  const sent: APIMessage[] = [];
  for (const [i, embeds] of parts.entries()) {
    const last = i === parts.length - 1;
    sent.push(await postEmbeds(rest, channelId, embeds, last ? options : { nonceKey: options.nonceKey }));
  }
  return sent;
}

/** A thread on a message; its id is the message id, which is also the answer when Discord says it exists. */
async function startThread(rest: REST, channelId: string, messageId: string, name: string): Promise<string> {
  try {
    const thread = (await rest.post(Routes.threads(channelId, messageId), {
      body: { name, auto_archive_duration: 1440 },
    })) as APIChannel;
    return thread.id;
  } catch (error) {
    if (hasCode(error, DISCORD_CODES.threadAlreadyCreated)) return messageId;
    throw error;
  }
}

/** `rest` is a getter: the adapter may replace its client (and with it the REST instance) at start. */
export function createOutbox(restOf: () => REST, logger: Logger, fallbackThreadName: string): Outbox {
  const failed = (channel: ChannelAddress, what: string, error: unknown, threadId?: string) => {
    logger.error(
      { guildId: channel.workspaceId, channelId: channel.channelId, threadId, ...describeError(error) },
      `discord: ${what} failed`,
    );
  };
  return {
    async postChallenge(channel: ChannelAddress, message: OutMessage): Promise<PostedMessage> {
      const rest = restOf();
      try {
        const [head, ...tail] = renderMessage(message);
        const posted = await postEmbeds(rest, channel.channelId, head as APIEmbed[]);
        const threadId = await startThread(
          rest,
          channel.channelId,
          posted.id,
          threadName(message.title, fallbackThreadName),
        );
        for (const embeds of tail) await postEmbeds(rest, threadId, embeds);
        return { messageId: posted.id, threadId };
      } catch (error) {
        failed(channel, 'posting the daily challenge', error);
        throw error;
      }
    },
    async postInThread(channel: ChannelAddress, threadId: string, message: OutMessage): Promise<void> {
      try {
        await postMessage(restOf(), threadId, message);
      } catch (error) {
        failed(channel, 'posting in the challenge thread', error, threadId);
        throw error;
      }
    },
    async sendPrivate(user: UserAddress, message: OutMessage): Promise<void> {
      try {
        // Opening a DM channel returns the existing one when there is one.
        const rest = restOf();
        const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: user.userId } })) as APIChannel;
        await postMessage(rest, dm.id, message);
      } catch (error) {
        logger.error(
          { guildId: user.workspaceId, userId: user.userId, ...describeError(error) },
          'discord: a DM failed',
        );
        throw error;
      }
    },
  };
}
