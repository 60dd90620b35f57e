/** Workspaces and channels on PostgreSQL. */
import { CHANNEL_SELECT, toChannels, type ChannelRow } from '../logic/rows.js';
import type { ChannelStore } from '../ports/channels.js';
import { StoreError } from '../ports/errors.js';
import type { PgContext } from './context.js';
import { channelRow, ensureWorkspaceRow } from './rows.js';

export function pgChannels(ctx: PgContext): ChannelStore {
  return {
    async ensureWorkspace(platform, externalId, defaults) {
      return ctx.write((sql) => ensureWorkspaceRow(sql, platform, externalId, defaults.timeZone));
    },

    async ensureChannel(ref, defaults) {
      return ctx.write(async (sql) => {
        const workspace = await ensureWorkspaceRow(sql, ref.platform, ref.workspaceExternalId, defaults.timeZone);
        const row = await sql.row<{ id: number }>(
          `INSERT INTO channels (workspace_id, external_id, name, schedule_time, time_zone) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (workspace_id, external_id) DO UPDATE SET name = COALESCE(excluded.name, channels.name)
           RETURNING id`,
          [workspace.id, ref.externalId, ref.name ?? null, defaults.scheduleTime, defaults.timeZone],
        );
        return (await channelRow(sql, row!.id))!;
      });
    },

    async findChannel(platform, workspaceExternalId, externalId) {
      return ctx.read(async (sql) => {
        const [row] = toChannels(
          await sql.rows<ChannelRow>(
            `${CHANNEL_SELECT} WHERE w.platform = $1 AND w.external_id = $2 AND c.external_id = $3`,
            [platform, workspaceExternalId, externalId],
          ),
        );
        return row ?? null;
      });
    },

    async listChannels() {
      return ctx.read(async (sql) => toChannels(await sql.rows<ChannelRow>(`${CHANNEL_SELECT} ORDER BY c.id`)));
    },

    async updateChannel(channelId, change) {
      return ctx.write(async (sql) => {
        await sql.run(
          `UPDATE channels SET schedule_time = COALESCE($1, schedule_time), time_zone = COALESCE($2, time_zone),
                  paused = COALESCE($3::integer, paused) WHERE id = $4`,
          [
            change.scheduleTime ?? null,
            change.timeZone ?? null,
            change.paused === undefined ? null : Number(change.paused),
            channelId,
          ],
        );
        const channel = await channelRow(sql, channelId);
        if (!channel) throw new StoreError('store-failed', `unknown channel ${channelId}`);
        return channel;
      });
    },
  };
}
