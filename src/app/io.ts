/**
 * What a command gets from the process: streams, the environment and the working directory, passed in so tests
 * can drive it. Declared here, below the CLI, because the app's sessions read and write the same streams.
 */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}
