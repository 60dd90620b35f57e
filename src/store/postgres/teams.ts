/** Team membership on PostgreSQL; names match case-insensitively (a unique index on `lower(name)`). */
import { teamNameOf } from '../logic/rules.js';
import { StoreError } from '../ports/errors.js';
import type { TeamStore } from '../ports/teams.js';
import type { PgContext } from './context.js';
import { dropTeamIfEmpty, learnerLock, membership, requireWorkspace, teamsLock, upsertUser, userRow } from './rows.js';

export function pgTeams(ctx: PgContext): TeamStore {
  return {
    async joinTeam(user, teamName) {
      return ctx.write(async (sql) => {
        const name = teamNameOf(teamName);
        if (name === '') throw new StoreError('store-failed', 'a team needs a name');
        await sql.lock(learnerLock(user));
        const workspace = await requireWorkspace(sql, user.platform, user.workspaceExternalId);
        await sql.lock(teamsLock(workspace.id));
        const userId = await upsertUser(sql, workspace.id, user.externalId, user.displayName);
        // Joining "backend" finds "Backend".
        await sql.run(
          'INSERT INTO teams (workspace_id, name) VALUES ($1, $2) ON CONFLICT (workspace_id, lower(name)) DO NOTHING',
          [workspace.id, name],
        );
        const team = (await sql.row<{ id: number; name: string }>(
          'SELECT id, name FROM teams WHERE workspace_id = $1 AND lower(name) = lower($2)',
          [workspace.id, name],
        ))!;
        const previous = await membership(sql, userId);
        await sql.run(
          'INSERT INTO team_members (user_id, team_id) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET team_id = excluded.team_id',
          [userId, team.id],
        );
        if (previous && previous.teamId !== team.id) await dropTeamIfEmpty(sql, previous.teamId);
        return { team: team.name, previous: previous?.name ?? null };
      });
    },

    async leaveTeam(user) {
      return ctx.write(async (sql) => {
        await sql.lock(learnerLock(user));
        const found = await userRow(sql, user);
        if (found === null) return { previous: null };
        await sql.lock(teamsLock(found.workspaceId));
        const previous = await membership(sql, found.id);
        if (!previous) return { previous: null };
        await sql.run('DELETE FROM team_members WHERE user_id = $1', [found.id]);
        await dropTeamIfEmpty(sql, previous.teamId);
        return { previous: previous.name };
      });
    },

    async teamOf(user) {
      return ctx.read(async (sql) => {
        const found = await userRow(sql, user);
        return found === null ? null : ((await membership(sql, found.id))?.name ?? null);
      });
    },
  };
}
