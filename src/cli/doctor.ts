/** `tutor doctor [--json]`: the operator's checklist (see ops/doctor.ts); exit 1 when something is wrong. */
import { formatDoctorReport, runDoctor } from '../app/doctor.js';
import { defineSubcommand, JSON_OPTION } from './options.js';

export const doctorCommand = defineSubcommand({
  name: 'doctor',
  summary: 'Check configuration, database, knowledge and platforms; exit non-zero on problems',
  usage: `Usage: tutor doctor [--json]

Checks, without changing anything:
  configuration  every environment variable (see .env.example)
  database       TUTOR_DB exists, is migrated to the latest schema and is writable
  knowledge      TUTOR_KNOWLEDGE loads, with its topic, challenge, warning and error counts
  platforms      which of Discord, Slack and the console \`tutor start\` would run, and their required settings
Exit code 0 when all pass, 1 with the list of problems otherwise. --json prints the report as JSON.`,
  options: JSON_OPTION,
  async run({ values }, io) {
    const report = await runDoctor(io.env, io.cwd);
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
    return report.ok ? 0 : 1;
  },
});
