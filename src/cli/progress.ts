/**
 * `tutor progress <user> [--json] [--db PATH] [--now ISO]`: a learner's spaced-review progress from the
 * database (the same report as `/progress`); `--json` prints the shape.
 */
import { parseArgs } from 'node:util';
import {
  clockFrom,
  configWithDb,
  openCliStore,
  platformOption,
  reportCliError,
  UsageError,
  WORKSPACE_OPTIONS,
} from '../app/cli-support.js';
import { loadKnowledgeBase } from '../challenges/knowledge-base.js';
import { t } from '../tutor/i18n.js';
import { progressCounts, progressJson, progressReport, type ProgressReport } from '../tutor/use-cases/progress.js';
import type { Subcommand } from './io.js';
import { resolveKnowledgeDir } from './knowledge.js';

function renderText(report: ProgressReport): string {
  const lines = [
    `${report.user}: ${t('en', 'progress.states', progressCounts(report))}`,
    t('en', 'progress.due', { due: report.due }),
    report.retention === null
      ? t('en', 'progress.retention-none')
      : t('en', 'progress.retention', { percent: Math.round(report.retention * 100) }),
    `${t('en', 'progress.weak')}:`,
    ...(report.weakConcepts.length > 0
      ? report.weakConcepts.map((w) => `  ${t('en', 'progress.weak-line', w)}`)
      : [`  ${t('en', 'progress.weak-none')}`]),
    `${t('en', 'progress.activity')}:`,
    ...report.activity.split('\n').map((line) => `  ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}

export const progressCommand: Subcommand = {
  summary: 'Show a learner’s spaced-review progress: tutor progress <user> [--json]',
  usage: `Usage: tutor progress <user> [--json] [--db PATH] [--now ISO-TIME] [--knowledge DIR] [--platform P --workspace ID]

A learner's topics by state (new, learning, review, mastered), reviews due, estimated retention, the five
weakest concepts and a 12-week activity strip (default workspace: the console's). --json prints
{"user","cards":[{"topicId","title","path","state","due","stability","difficulty","reps","lapses","lastScore"}],
"due","retention","weakConcepts":[{"concept","topicId","title","missed"}]}.`,
  async run(args, io) {
    try {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: {
          json: { type: 'boolean', default: false },
          knowledge: { type: 'string' },
          ...WORKSPACE_OPTIONS,
        },
        strict: true,
        allowPositionals: true,
      });
      const name = positionals.join(' ').trim();
      if (!name) throw new UsageError('which user? tutor progress <user>');
      const platform = platformOption(values.platform);
      const config = configWithDb(io, values.db);
      const clock = clockFrom(values.now);
      const store = openCliStore(io, config);
      try {
        const user = await store.findUserByName(platform, values.workspace, name);
        if (!user) {
          io.stderr.write(`tutor progress: no user named "${name}" has answered on ${platform}/${values.workspace}\n`);
          return 1;
        }
        const kb = await loadKnowledgeBase(resolveKnowledgeDir(io, values.knowledge));
        const report = await progressReport(store, kb, user, {
          now: clock.now(),
          zone: config.defaults.timeZone,
          retention: config.retention,
        });
        io.stdout.write(values.json ? `${JSON.stringify(progressJson(report))}\n` : renderText(report));
        return 0;
      } finally {
        await store.close();
      }
    } catch (error) {
      return reportCliError(io, 'progress', error);
    }
  },
};
