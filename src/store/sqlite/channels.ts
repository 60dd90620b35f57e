/** Workspaces and channels on SQLite. */
import type { ChannelStore } from '../ports/channels.js';
import { StoreError } from '../ports/errors.js';
import type { SqliteContext } from './context.js';
import { CHANNEL_SELECT, toChannels } from '../logic/rows.js';
import { channelRow, ensureWorkspaceRow } from './rows.js';

export function sqliteChannels(ctx: SqliteContext): ChannelStore {
  return {
    async ensureWorkspace(platform, externalId, defaults) {
      return ctx.write(() => ensureWorkspaceRow(ctx, platform, externalId, defaults.timeZone));
    },

    async ensureChannel(ref, defaults) {
      return ctx.write(() => {
        const workspace = ensureWorkspaceRow(ctx, ref.platform, ref.workspaceExternalId, defaults.timeZone);
        const row = ctx
          .sql(
            `INSERT INTO channels (workspace_id, external_id, name, schedule_time, time_zone) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (workspace_id, external_id) DO UPDATE SET name = COALESCE(excluded.name, channels.name)
             RETURNING id`,
          )
          .get(workspace.id, ref.externalId, ref.name ?? null, defaults.scheduleTime, defaults.timeZone) as {
          id: number;
        };
        return channelRow(ctx, row.id)!;
      });
    },

    async findChannel(platform, workspaceExternalId, externalId) {
      return ctx.guard(() => {
        const [row] = toChannels(
          ctx
            .sql(`${CHANNEL_SELECT} WHERE w.platform = ? AND w.external_id = ? AND c.external_id = ?`)
            .all(platform, workspaceExternalId, externalId),
        );
        return row ?? null;
      });
    },

    async listChannels() {
      return ctx.guard(() => toChannels(ctx.sql(`${CHANNEL_SELECT} ORDER BY c.id`).all()));
    },

    async updateChannel(channelId, change) {
      return ctx.write(() => {
        ctx
          .sql(
            `UPDATE channels SET schedule_time = COALESCE(?, schedule_time), time_zone = COALESCE(?, time_zone),
                    paused = COALESCE(?, paused) WHERE id = ?`,
          )
          .run(
            change.scheduleTime ?? null,
            change.timeZone ?? null,
            change.paused === undefined ? null : Number(change.paused),
            channelId,
          );
        const channel = channelRow(ctx, channelId);
        if (!channel) throw new StoreError('store-failed', `unknown channel ${channelId}`);
        return channel;
      });
    },
  };
}
