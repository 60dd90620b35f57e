/**
 * Plays Slack's side of HTTP delivery: builds slash-command and Events API payloads, signs them
 * (v0 HMAC-SHA256 over `v0:{ts}:{body}`) and posts them to the app, with X-Slack-Retry-Num for redeliveries.
 */
import { createHmac } from 'node:crypto';

export interface SendOptions {
  /** Unix seconds for X-Slack-Request-Timestamp; now by default. */
  readonly timestamp?: number;
  /** Signs with this secret instead (a forgery). */
  readonly signWith?: string;
  /** Marks a redelivery, as Slack does when the first try was not acknowledged in time. */
  readonly retryNum?: number;
}

export interface SlashCommandFields {
  readonly text: string;
  readonly userId: string;
  readonly channelId: string;
  readonly teamId: string;
  readonly responseUrl: string;
  readonly userName?: string;
  readonly channelName?: string;
  readonly triggerId?: string;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function slashCommandPayload(fields: SlashCommandFields): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: fields.teamId,
    team_domain: 'fake',
    channel_id: fields.channelId,
    channel_name: fields.channelName ?? 'general',
    user_id: fields.userId,
    user_name: fields.userName ?? fields.userId.toLowerCase(),
    command: '/tutor',
    text: fields.text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
  };
}

/** An Events API `event_callback` envelope around one event. */
export function eventCallback(
  teamId: string,
  eventId: string,
  event: Record<string, unknown>,
): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function threadReplyEvent(fields: {
  readonly channel: string;
  readonly user: string;
  readonly text: string;
  readonly threadTs: string;
  readonly ts: string;
  readonly teamId: string;
}): Record<string, unknown> {
  return {
    type: 'message',
    channel: fields.channel,
    channel_type: 'channel',
    user: fields.user,
    text: fields.text,
    ts: fields.ts,
    thread_ts: fields.threadTs,
    event_ts: fields.ts,
    team: fields.teamId,
  };
}

export class SlackSender {
  constructor(
    private readonly appUrl: string,
    private readonly signingSecret: string,
  ) {}

  /** Posts a slash command as exactly `application/x-www-form-urlencoded`, as Slack does. */
  command(payload: Record<string, string>, options: SendOptions = {}): Promise<Response> {
    return this.post(new URLSearchParams(payload).toString(), 'application/x-www-form-urlencoded', options);
  }

  event(payload: Record<string, unknown>, options: SendOptions = {}): Promise<Response> {
    return this.post(JSON.stringify(payload), 'application/json', options);
  }

  private post(body: string, contentType: string, options: SendOptions): Promise<Response> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(options.signWith ?? this.signingSecret, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return fetch(`${this.appUrl}/slack/events`, { method: 'POST', headers, body });
  }
}
