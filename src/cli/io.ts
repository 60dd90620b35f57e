/** What a subcommand gets from the process: streams and the environment, passed in so tests can drive it. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface Subcommand {
  /** One line for `tutor --help`. */
  readonly summary: string;
  /** Full usage text for `tutor <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}
