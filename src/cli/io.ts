/** The shape of a `tutor` subcommand; what it gets from the process is the app's `CliIo`. */
import type { CliIo } from '../app/io.js';

export type { CliIo };

export interface Subcommand {
  /** One line for `tutor --help`. */
  readonly summary: string;
  /** Full usage text for `tutor <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}
