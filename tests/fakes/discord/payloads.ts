/**
 * Discord API v10 objects as the fake serves them: just the fields discord.js 14 reads, with Discord's shapes.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake: timestamp in the high bits, a process-wide counter in the low ones (never repeats). */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (BigInt(process.pid & 0x3ff) << 12n) | increment).toString();
}

export const PERMISSIONS = {
  viewAndSend: (1n << 10n) | (1n << 11n) | (1n << 6n) | (1n << 16n) | (1n << 38n),
  manageGuild: 1n << 5n,
} as const;

export const CHANNEL_TYPE = { guildText: 0, dm: 1, publicThread: 11 } as const;

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly bot?: boolean;
}

export interface FakeMember {
  readonly user: FakeUser;
  readonly roles: readonly string[];
  /** Permission bits of the member in the channel an interaction comes from. */
  readonly permissions: bigint;
}

export interface FakeRole {
  readonly id: string;
  readonly name: string;
}

export interface FakeChannel {
  readonly id: string;
  readonly type: number;
  readonly name: string;
  readonly guildId?: string;
  readonly parentId?: string;
  readonly ownerId?: string;
  readonly recipient?: FakeUser;
}

export function userJson(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    global_name: user.username,
    discriminator: '0',
    avatar: null,
    bot: user.bot ?? false,
    system: false,
    flags: 0,
    public_flags: 0,
  };
}

export function memberJson(member: FakeMember, withPermissions: boolean): Record<string, unknown> {
  return {
    user: userJson(member.user),
    nick: null,
    avatar: null,
    roles: [...member.roles],
    joined_at: '2025-01-01T00:00:00.000Z',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(withPermissions ? { permissions: member.permissions.toString() } : {}),
  };
}

export function roleJson(role: FakeRole, position: number, permissions: bigint): Record<string, unknown> {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

export function channelJson(channel: FakeChannel): Record<string, unknown> {
  if (channel.type === CHANNEL_TYPE.dm) {
    return {
      id: channel.id,
      type: channel.type,
      last_message_id: null,
      recipients: channel.recipient ? [userJson(channel.recipient)] : [],
    };
  }
  const base = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: 0,
    permission_overwrites: [],
    rate_limit_per_user: 0,
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: channel.parentId ?? null,
  };
  if (channel.type !== CHANNEL_TYPE.publicThread) return base;
  return {
    ...base,
    owner_id: channel.ownerId,
    message_count: 0,
    member_count: 1,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
      create_timestamp: new Date().toISOString(),
    },
    total_message_sent: 0,
  };
}

export interface MessageInput {
  readonly id: string;
  readonly channelId: string;
  readonly guildId?: string;
  readonly author: FakeUser;
  readonly member?: FakeMember;
  readonly content: string;
  readonly embeds?: readonly unknown[];
  readonly components?: readonly unknown[];
  readonly flags?: number;
  readonly nonce?: string | number;
  readonly webhookId?: string;
  readonly applicationId?: string;
}

export function messageJson(message: MessageInput): Record<string, unknown> {
  return {
    id: message.id,
    channel_id: message.channelId,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
    author: userJson(message.author),
    ...(message.member ? { member: memberJson(message.member, false) } : {}),
    content: message.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    pinned: false,
    type: 0,
    flags: message.flags ?? 0,
    ...(message.nonce !== undefined ? { nonce: message.nonce } : {}),
    ...(message.webhookId ? { webhook_id: message.webhookId } : {}),
    ...(message.applicationId ? { application_id: message.applicationId } : {}),
  };
}
