/** Team membership on SQLite; names match case-insensitively (`COLLATE NOCASE` in the schema). */
import { teamNameOf } from '../logic/rules.js';
import { StoreError } from '../ports/errors.js';
import type { TeamStore } from '../ports/teams.js';
import type { SqliteContext } from './context.js';
import { dropTeamIfEmpty, membership, requireWorkspace, upsertUser, userRow } from './rows.js';

export function sqliteTeams(ctx: SqliteContext): TeamStore {
  return {
    async joinTeam(user, teamName) {
      return ctx.write(() => {
        const name = teamNameOf(teamName);
        if (name === '') throw new StoreError('store-failed', 'a team needs a name');
        const workspace = requireWorkspace(ctx, user.platform, user.workspaceExternalId);
        const userId = upsertUser(ctx, workspace.id, user.externalId, user.displayName);
        // Joining "backend" finds "Backend".
        ctx
          .sql('INSERT INTO teams (workspace_id, name) VALUES (?, ?) ON CONFLICT (workspace_id, name) DO NOTHING')
          .run(workspace.id, name);
        const team = ctx
          .sql('SELECT id, name FROM teams WHERE workspace_id = ? AND name = ?')
          .get(workspace.id, name) as {
          id: number;
          name: string;
        };
        const previous = membership(ctx, userId);
        ctx
          .sql(
            'INSERT INTO team_members (user_id, team_id) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET team_id = excluded.team_id',
          )
          .run(userId, team.id);
        if (previous && previous.teamId !== team.id) dropTeamIfEmpty(ctx, previous.teamId);
        return { team: team.name, previous: previous?.name ?? null };
      });
    },

    async leaveTeam(user) {
      return ctx.write(() => {
        const found = userRow(ctx, user);
        const previous = found === null ? null : membership(ctx, found.id);
        if (found === null || !previous) return { previous: null };
        ctx.sql('DELETE FROM team_members WHERE user_id = ?').run(found.id);
        dropTeamIfEmpty(ctx, previous.teamId);
        return { previous: previous.name };
      });
    },

    async teamOf(user) {
      return ctx.guard(() => {
        const found = userRow(ctx, user);
        return found === null ? null : (membership(ctx, found.id)?.name ?? null);
      });
    },
  };
}
