/** `tutor doctor`'s checks, with the store opened by the app's factory, and the report as text. */
import { formatDoctorReport, runDoctorChecks, type DoctorReport } from '../ops/doctor.js';
import { databaseChoice, describeDatabase, openStore } from './store-factory.js';

export function runDoctor(env: Readonly<Record<string, string | undefined>>, cwd: string): Promise<DoctorReport> {
  return runDoctorChecks(env, cwd, (config) => {
    const choice = databaseChoice(config, cwd);
    return {
      label: describeDatabase(choice),
      file: choice.kind === 'sqlite' ? choice.file : null,
      open: (options) => openStore(choice, options),
    };
  });
}

export { formatDoctorReport };
