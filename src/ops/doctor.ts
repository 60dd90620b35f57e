/**
 * `tutor doctor`: what an operator needs to know before (or while) the tutor runs: the configuration, the
 * database (migrated, intact by PRAGMA quick_check, writable by a write rolled back; or absent yet, to be
 * created on the first start), the knowledge (loads, how many warnings), and which platforms are
 * enabled with the settings they need. It changes nothing: a database behind on migrations is reported, not
 * migrated.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from '../challenges/knowledge-base.js';
import { ConfigError, loadConfig, type TutorConfig } from '../config/config.js';
import { countBySeverity } from '../knowledge/severity.js';
import type { Store } from '../store/types.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'off' | 'skipped';

export interface DoctorCheck {
  readonly name: string;
  readonly status: CheckStatus;
  readonly summary: string;
  /** One line per problem or note. */
  readonly details: readonly string[];
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly checks: readonly DoctorCheck[];
}

const check = (name: string, status: CheckStatus, summary: string, details: readonly string[] = []): DoctorCheck => ({
  name,
  status,
  summary,
  details,
});

/** The configured database, as the app's factory opens it (passed in: ops sits below the composition root). */
export interface DoctorDatabase {
  /** How the report names it: a file path, or a server's URL without its password. */
  readonly label: string;
  /** The SQLite file (which the first start creates if missing), or null for a database server. */
  readonly file: string | null;
  open(options: { readOnly: boolean }): Promise<Store>;
}

export type DoctorDatabaseOf = (config: TutorConfig, cwd: string) => DoctorDatabase;

export async function runDoctorChecks(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  databaseOf: DoctorDatabaseOf,
): Promise<DoctorReport> {
  let config: TutorConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [String(error)];
    const skipped = ['database', 'knowledge', 'platforms'].map((name) =>
      check(name, 'skipped', 'needs a valid configuration'),
    );
    return { ok: false, checks: [check('configuration', 'fail', 'invalid', problems), ...skipped] };
  }
  const checks = [
    check('configuration', 'ok', 'every variable is valid'),
    await checkDatabase(databaseOf(config, cwd)),
    await checkKnowledge(path.resolve(cwd, config.knowledgeDir)),
    ...checkPlatforms(config),
  ];
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

async function checkDatabase(database: DoctorDatabase): Promise<DoctorCheck> {
  const { label, file } = database;
  if (file !== null && !existsSync(file)) return checkDatabaseToCreate(file);
  try {
    // Read-only first: learn the schema version without applying migrations.
    const reader = await database.open({ readOnly: true });
    const schema = await reader.health().finally(() => reader.close());
    if (file === null && schema.schemaVersion === 0) {
      return check(
        'database',
        'ok',
        `${label}: reachable, empty; \`tutor start\` (or \`tutor migrate\`) will create the schema`,
      );
    }
    if (schema.schemaVersion !== schema.latestVersion) {
      return check('database', 'fail', label, [
        `schema version ${schema.schemaVersion}, latest ${schema.latestVersion}: run \`tutor migrate\``,
      ]);
    }
    // What answering needs: a row written and rolled back (and, in a SQLite file, pages that pass PRAGMA quick_check).
    const writer = await database.open({ readOnly: false });
    const health = await writer.health().finally(() => writer.close());
    if (!health.ok) return check('database', 'fail', label, [health.detail ?? 'not healthy']);
    const state = file === null ? 'reachable, writable' : 'intact, writable';
    return check('database', 'ok', `${label}: schema version ${health.schemaVersion}, ${state}`);
  } catch (error) {
    const id = error instanceof Error && 'id' in error ? ` [${String(error.id)}]` : '';
    return check('database', 'fail', label, [`${error instanceof Error ? error.message : String(error)}${id}`]);
  }
}

/** A fresh setup: no database yet is fine when the first start can create it (its folder, or the nearest one). */
function checkDatabaseToCreate(file: string): DoctorCheck {
  let folder = path.dirname(file);
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  try {
    if (!statSync(folder).isDirectory()) return check('database', 'fail', file, [`${folder} is not a folder`]);
    accessSync(folder, constants.W_OK);
  } catch (error) {
    return check('database', 'fail', file, [
      `cannot be created: ${folder} is not writable (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
  return check('database', 'ok', `${file}: not created yet; \`tutor start\` (or \`tutor migrate\`) will create it`);
}

async function checkKnowledge(dir: string): Promise<DoctorCheck> {
  try {
    const kb = await loadKnowledgeBase(dir);
    const counts = countBySeverity(kb.warnings);
    const errors = kb.warnings.filter((w) => w.severity === 'error');
    const nodes = kb.graph.nodes.size;
    const daily = kb.dailyTopics().length;
    const summary = `${dir}: ${nodes} topics, ${daily} daily challenges, ${counts.warnings} warning(s), ${counts.errors} error(s)`;
    const details = errors.slice(0, 20).map((w) => `${w.file}:${w.line}: ${w.message}`);
    if (errors.length > details.length)
      details.push(`… and ${errors.length - details.length} more (tutor knowledge check)`);
    if (nodes === 0) return check('knowledge', 'fail', summary, [...details, 'no topics loaded']);
    if (daily === 0) return check('knowledge', 'fail', summary, [...details, 'no topic fit for a daily challenge']);
    if (errors.length > 0) return check('knowledge', 'fail', summary, details);
    return check(
      'knowledge',
      counts.warnings > 0 ? 'warn' : 'ok',
      summary,
      counts.warnings > 0 ? ['details: tutor knowledge check'] : [],
    );
  } catch (error) {
    return check('knowledge', 'fail', dir, [error instanceof Error ? error.message : String(error)]);
  }
}

function checkPlatforms(config: TutorConfig): DoctorCheck[] {
  const discord = config.discord
    ? config.discord.appId
      ? check('discord', 'ok', 'enabled (DISCORD_TOKEN, DISCORD_APP_ID set)')
      : check('discord', 'warn', 'enabled (DISCORD_TOKEN set)', [
          'DISCORD_APP_ID is not set: `tutor register-commands` needs it to register the slash commands',
        ])
    : check('discord', 'off', 'disabled (DISCORD_TOKEN not set)');
  const slack = !config.slack
    ? check('slack', 'off', 'disabled (SLACK_BOT_TOKEN not set)')
    : config.slack.appToken
      ? check('slack', 'ok', 'enabled, Socket Mode (SLACK_BOT_TOKEN, SLACK_APP_TOKEN set)')
      : config.port === undefined
        ? check('slack', 'fail', 'enabled, HTTP receiver', [
            'PORT is not set: the HTTP receiver needs a port for Slack to post events to (or set SLACK_APP_TOKEN)',
          ])
        : check('slack', 'ok', `enabled, HTTP receiver on port ${config.port} (signing secret set)`);
  const console = check(
    'console',
    config.discord || config.slack ? 'off' : 'ok',
    config.discord || config.slack ? 'not used by `tutor start`' : '`tutor start` runs the console tutor (no tokens)',
  );
  const health = check(
    'healthz',
    config.port === undefined ? 'off' : 'ok',
    config.port === undefined ? 'no HTTP server (PORT not set)' : `GET /healthz on port ${config.port}`,
  );
  return [discord, slack, console, health];
}

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', off: '-', skipped: '?' };

export function formatDoctorReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.name.length));
  const lines = report.checks.flatMap((c) => [
    `${MARK[c.status]} ${c.name.padEnd(width)}  ${c.summary}`,
    ...c.details.map((d) => `  ${' '.repeat(width)}  ${d}`),
  ]);
  const failed = report.checks.filter((c) => c.status === 'fail');
  const footer = report.ok
    ? 'All checks passed.'
    : `${failed.length} check(s) failed:\n${failed.flatMap((c) => c.details.map((d) => `  - ${c.name}: ${d}`)).join('\n')}`;
  return `${lines.join('\n')}\n\n${footer}\n`;
}
