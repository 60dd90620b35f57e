/**
 * A message in a challenge thread is an answer: graded by the core, acknowledged with a reaction and a short
 * public result (no hits or misses, so nobody is handed the answer), and the detailed feedback offered to its
 * author only, behind a button answered ephemerally (or by DM when the core gives no attempt to point at).
 */
import { Routes, type APIChannel, type Message, type REST } from 'discord.js';
import type { Logger } from '../../domain/logger.js';
import type { AnswerReaction, TutorApi } from '../../tutor/api.js';
import type { OutMessage } from '../../tutor/messages.js';
import { actorOf, memberLike, placeOf, type ActorPolicy } from './actor.js';
import { describeError } from './errors.js';
import { feedbackButton } from './interactions.js';
import { postMessage } from './outbox.js';

const REACTIONS: Record<AnswerReaction, string> = { pass: '✅', fail: '❌', rejected: '⚠️' };

export interface ThreadAnswerDeps {
  readonly tutor: TutorApi;
  readonly rest: REST;
  readonly policy: ActorPolicy;
  readonly logger: Logger;
  /** The bot's user id: a mention of it in an answer is addressing, not content. */
  readonly botId: string | undefined;
}

/** Thread messages carry no client locale; the server's preferred locale is the best guess. */
function guildLocale(message: Message<true>) {
  return message.guild.preferredLocale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export async function handleThreadMessage(deps: ThreadAnswerDeps, message: Message): Promise<void> {
  if (message.author.bot || message.webhookId || message.system || !message.inGuild() || !message.channel.isThread())
    return;
  const locale = guildLocale(message);
  const actor = actorOf(
    deps.policy,
    message.guild,
    message.guildId,
    message.author,
    memberLike(message.member, null),
    locale,
  );
  const place = placeOf(message.guildId, message.channel, message.channelId);
  if (!place.threadId) return;
  // No text at all: a sticker or an attachment, or (without the Message Content intent) a message that does not
  // mention the bot, the only kind Discord then sends with its text.
  if (message.content === '') return;
  const text = deps.botId ? message.content.replace(new RegExp(`<@!?${deps.botId}>`, 'g'), '').trim() : message.content;
  const reply = await deps.tutor.handleThreadAnswer({
    actor,
    place: { ...place, threadId: place.threadId },
    text,
    eventId: message.id,
  });
  if (!reply) return;
  const context = {
    guildId: message.guildId,
    channelId: message.channelId,
    userId: message.author.id,
    messageId: message.id,
  };
  const components =
    reply.attemptId !== undefined ? [feedbackButton(reply.attemptId, message.author.id, locale)] : undefined;
  // The public result first: it is what the answerer waits for; the reaction follows on its own route.
  const posted = postMessage(deps.rest, message.channelId, reply.publicMessage, { components, nonceKey: message.id });
  const reacted = message.react(REACTIONS[reply.reaction]).catch((error: unknown) => {
    deps.logger.warn({ ...context, ...describeError(error) }, 'discord: reacting to an answer failed');
  });
  await posted;
  // Without an attempt to point a button at, the details go by DM, unless they say no more than the public reply.
  if (reply.attemptId === undefined && !sameContent(reply.privateMessage, reply.publicMessage)) {
    await sendDirect(deps, message.author.id, reply.privateMessage, context);
  }
  await reacted;
}

function sameContent(a: OutMessage, b: OutMessage): boolean {
  return a.title === b.title && a.text === b.text && JSON.stringify(a.fields ?? []) === JSON.stringify(b.fields ?? []);
}

/** A DM; users who block DMs from server members simply don't get it (logged, not retried). */
async function sendDirect(
  deps: ThreadAnswerDeps,
  userId: string,
  message: OutMessage,
  context: Record<string, string>,
): Promise<void> {
  try {
    const dm = (await deps.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    await postMessage(deps.rest, dm.id, { ...message, private: true }, { nonceKey: context.messageId });
  } catch (error) {
    deps.logger.warn({ ...context, ...describeError(error) }, 'discord: sending feedback by DM failed');
  }
}
