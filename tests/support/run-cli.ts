/** Runs the `tutor` command line in process, with its output captured: what a person would see printed. */
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `input`, when given, is what the command reads on stdin, then the end of input (a piped console session). */
export async function tutor(
  args: string[],
  env: Record<string, string> = {},
  cwd = process.cwd(),
  input?: string,
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => into.push(chunk.toString('utf8')));
    return stream;
  };
  const stdin = new PassThrough();
  if (input !== undefined) stdin.end(input);
  const io: CliIo = { stdin, stdout: sink(out), stderr: sink(err), env, cwd };
  const code = await runCli(args, io);
  // Let the last chunks reach the sinks.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.join(''), stderr: err.join('') };
}
