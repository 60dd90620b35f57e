/**
 * Posting to Slack: the daily challenge, thread lines and ephemeral feedback. Posts are not idempotent (a 5xx
 * after Slack stored the message would post it twice if retried), so the client given here must not retry by
 * itself; only rate limits, where Slack did nothing, are waited out and tried again.
 */
import { webApi } from '@slack/bolt';
import type { Logger } from '../../domain/logger.js';
import type { ChannelAddress, Outbox, PostedMessage, UserAddress } from '../../tutor/api.js';
import type { OutMessage } from '../../tutor/messages.js';
import { renderMessage, type SlackMessage } from './render.js';

/** How many rate limits in a row are waited out before giving up. */
const RATE_LIMIT_RETRIES = 3;

export type PostMethod = 'chat.postMessage' | 'chat.postEphemeral';

export interface Poster {
  post(method: PostMethod, args: Record<string, unknown>): Promise<webApi.WebAPICallResult>;
  /** Posts every piece of one rendered message (later pieces in the first one's thread); resolves with its ts. */
  postPieces(pieces: readonly SlackMessage[], channel: string, threadTs?: string): Promise<string>;
  /** What the scheduler posts through: failures are logged with their context, then rejected to the core. */
  readonly outbox: Outbox;
}

/** `client` must be built with `retryConfig: { retries: 0 }` and `rejectRateLimitedCalls: true`. */
export function createPoster(client: webApi.WebClient, log: Logger): Poster {
  async function post(method: PostMethod, args: Record<string, unknown>): Promise<webApi.WebAPICallResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.apiCall(method, args);
      } catch (error) {
        const retryAfter = (error as { code?: string; retryAfter?: number }).retryAfter;
        if (
          (error as { code?: string }).code !== webApi.ErrorCode.RateLimitedError ||
          retryAfter === undefined ||
          attempt >= RATE_LIMIT_RETRIES
        ) {
          throw error;
        }
        log.warn({ method, retryAfter, attempt }, 'slack: rate limited; waiting');
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      }
    }
  }

  async function postPieces(pieces: readonly SlackMessage[], channel: string, threadTs?: string): Promise<string> {
    let first: string | undefined;
    for (const piece of pieces) {
      const thread = threadTs ?? first;
      const result = await post('chat.postMessage', {
        channel,
        text: piece.text,
        blocks: piece.blocks,
        ...(thread ? { thread_ts: thread } : {}),
        unfurl_links: false,
      });
      first ??= String((result as { ts?: string }).ts);
    }
    if (first === undefined) throw new Error('nothing to post');
    return first;
  }

  async function logged<T>(context: Record<string, unknown>, what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      log.error({ err: error, method: 'chat.postMessage', ...context }, what);
      throw error;
    }
  }

  const outbox: Outbox = {
    postChallenge(channel: ChannelAddress, message: OutMessage): Promise<PostedMessage> {
      return logged(
        { channel: channel.channelId, workspace: channel.workspaceId },
        'slack: posting the challenge failed',
        async () => {
          const ts = await postPieces(renderMessage(message), channel.channelId);
          return { messageId: ts, threadId: ts };
        },
      );
    },
    postInThread(channel: ChannelAddress, threadId: string, message: OutMessage): Promise<void> {
      return logged(
        { channel: channel.channelId, workspace: channel.workspaceId, thread: threadId },
        'slack: posting in the thread failed',
        async () => void (await postPieces(renderMessage(message), channel.channelId, threadId)),
      );
    },
    sendPrivate(user: UserAddress, message: OutMessage): Promise<void> {
      // A user id as the channel posts in the app's direct messages with that user.
      return logged(
        { user: user.userId, workspace: user.workspaceId },
        'slack: a direct message failed',
        async () => void (await postPieces(renderMessage(message), user.userId)),
      );
    },
  };

  return { post, postPieces, outbox };
}
