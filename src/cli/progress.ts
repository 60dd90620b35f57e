/**
 * `tutor progress <user> [--json] [--db PATH] [--now ISO]`: a learner's spaced-review progress from the
 * database (the same report as `/progress`); `--json` prints the shape.
 */
import { loadCliKnowledge, WORKSPACE_OPTIONS, withWorkspace } from '../app/cli-support.js';
import { progressJson, progressReport, progressText } from '../tutor/use-cases/progress.js';
import { defineSubcommand, JSON_OPTION, KNOWLEDGE_OPTION, restText } from './options.js';

export const progressCommand = defineSubcommand({
  name: 'progress',
  summary: 'Show a learner’s spaced-review progress: tutor progress <user> [--json]',
  usage: `Usage: tutor progress <user> [--json] [--db PATH] [--now ISO-TIME] [--knowledge DIR] [--platform P --workspace ID]

A learner's topics by state (new, learning, review, mastered), reviews due, estimated retention, the five
weakest concepts and a 12-week activity strip (default workspace: the console's). --json prints
{"user","cards":[{"topicId","title","path","state","due","stability","difficulty","reps","lapses","lastScore"}],
"due","retention","weakConcepts":[{"concept","topicId","title","missed"}]}.`,
  options: { ...JSON_OPTION, ...KNOWLEDGE_OPTION, ...WORKSPACE_OPTIONS },
  positionals: true,
  async run({ values, positionals }, io) {
    const name = restText(positionals, 'which user? tutor progress <user>');
    return withWorkspace(io, values, async ({ platform, workspace, config, clock, store }) => {
      const user = await store.findUserByName(platform, workspace, name);
      if (!user) {
        io.stderr.write(`tutor progress: no user named "${name}" has answered on ${platform}/${workspace}\n`);
        return 1;
      }
      const kb = await loadCliKnowledge(io, values.knowledge);
      const report = await progressReport(store, kb, user, {
        now: clock.now(),
        zone: config.defaults.timeZone,
        retention: config.retention,
      });
      io.stdout.write(values.json ? `${JSON.stringify(progressJson(report))}\n` : progressText('en', report));
      return 0;
    });
  },
});
