/** `tutor doctor [--json]`: the operator's checklist (see ops/doctor.ts); exit 1 when something is wrong. */
import { reportCliError } from '../app/cli-support.js';
import { formatDoctorReport, runDoctor } from '../app/doctor.js';
import type { Subcommand } from './io.js';
import { JSON_OPTION, parseOptions } from './options.js';

export const doctorCommand: Subcommand = {
  summary: 'Check configuration, database, knowledge and platforms; exit non-zero on problems',
  usage: `Usage: tutor doctor [--json]

Checks, without changing anything:
  configuration  every environment variable (see .env.example)
  database       TUTOR_DB exists, is migrated to the latest schema and is writable
  knowledge      TUTOR_KNOWLEDGE loads, with its topic, challenge, warning and error counts
  platforms      which of Discord, Slack and the console \`tutor start\` would run, and their required settings
Exit code 0 when all pass, 1 with the list of problems otherwise. --json prints the report as JSON.`,
  async run(args, io) {
    try {
      const { values } = parseOptions(args, JSON_OPTION);
      const report = await runDoctor(io.env, io.cwd);
      io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
      return report.ok ? 0 : 1;
    } catch (error) {
      return reportCliError(io, 'doctor', error);
    }
  },
};
