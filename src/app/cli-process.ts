/**
 * The `tutor` process around a command: whether the command serves others (so its output closing is no reason
 * to stop), and what happens when nobody reads stdout any more.
 */
import { loadConfig } from '../config/config.js';
import { guardStandardStreams } from '../ops/output.js';
import { choosePlatforms } from './platforms.js';

/** `tutor start` with Discord or Slack serves others until stopped. */
export function servesPlatforms(
  command: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (command !== 'start') return false;
  try {
    return choosePlatforms(loadConfig(env))[0] !== 'console';
  } catch {
    return false; // `tutor start` reports the configuration problem itself
  }
}

/**
 * A failing stderr is dropped; a closed stdout ends a command whose answer nobody reads (SQLite commits are
 * whole, so nothing is torn), while a server carries on without its logs.
 */
export function guardCliStreams(serves: boolean): void {
  guardStandardStreams(process, () => {
    if (!serves) process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
