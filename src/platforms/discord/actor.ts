/**
 * Who and where, from a Discord interaction or message: the core's Actor and Place. Admin = Manage Server
 * permission or a configured id/name; teams from roles an admin mapped to team names; locale from the client.
 */
import {
  PermissionFlagsBits,
  type Guild,
  type GuildMember,
  type PermissionsBitField,
  type TextBasedChannel,
  type User,
} from 'discord.js';
import type { Locale } from '../../domain/vocabulary.js';
import type { Actor, Place } from '../../tutor/api.js';

export interface ActorPolicy {
  /** Discord user ids or usernames that count as admins everywhere. */
  readonly admins: readonly string[];
  /** Role name → team name. */
  readonly teamRoles: Readonly<Record<string, string>>;
}

/** Discord locales are BCP 47-ish (`zh-CN`, `zh-TW`, `en-US`…); the core speaks en and zh. */
export function localeOf(discordLocale: string | null | undefined): Locale {
  return discordLocale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

interface MemberLike {
  readonly roleIds: readonly string[];
  /** Asked only when someone needs to know whether the user is an admin (a guild member's are computed from every role). */
  readonly permissions: () => Readonly<PermissionsBitField> | null;
  readonly displayName: string | null;
}

/** Interactions carry a full member when the guild is cached, the raw API member otherwise. */
export function memberLike(
  member: GuildMember | { roles: string[]; nick?: string | null } | null,
  permissions: Readonly<PermissionsBitField> | null,
): MemberLike {
  if (!member) return { roleIds: [], permissions: () => permissions, displayName: null };
  if (!('guild' in member))
    return { roleIds: member.roles, permissions: () => permissions, displayName: member.nick ?? null };
  return {
    roleIds: [...member.roles.cache.keys()],
    permissions: () => permissions ?? member.permissions,
    displayName: member.displayName,
  };
}

export function actorOf(
  policy: ActorPolicy,
  guild: Guild | null,
  guildId: string,
  user: User,
  member: MemberLike,
  locale: Locale,
): Actor {
  const roleNames = member.roleIds.map((id) => guild?.roles.cache.get(id)?.name).filter((n): n is string => !!n);
  const platformTeams = [...new Set(roleNames.map((n) => policy.teamRoles[n]).filter((t): t is string => !!t))];
  let admin: boolean | undefined;
  return {
    platform: 'discord',
    workspaceId: guildId,
    userId: user.id,
    displayName: member.displayName ?? user.globalName ?? user.username,
    locale,
    // Worked out on first use: most events (a thread answer, a lookup) never ask.
    get isAdmin() {
      admin ??=
        (member.permissions()?.has(PermissionFlagsBits.ManageGuild) ?? false) ||
        policy.admins.includes(user.id) ||
        policy.admins.includes(user.username);
      return admin;
    },
    platformTeams,
  };
}

/** A thread's messages belong to its parent channel's challenge; the thread id says which thread. */
export function placeOf(guildId: string, channel: TextBasedChannel | null, channelId: string): Place {
  if (channel?.isThread()) {
    return {
      platform: 'discord',
      workspaceId: guildId,
      channelId: channel.parentId ?? channelId,
      threadId: channel.id,
      channelName: channel.parent?.name,
    };
  }
  const name = channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined;
  return { platform: 'discord', workspaceId: guildId, channelId, ...(name ? { channelName: name } : {}) };
}
