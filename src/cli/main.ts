/**
 * The `tutor` command: a registry of subcommands, each in its own module, loaded lazily so that
 * `tutor topic` never loads discord.js. Exit codes: 0 ok, 1 failure found (e.g. knowledge errors), 2 usage.
 * Output into a closed pipe (`tutor console | head -1`) ends a command quietly with exit 0; `tutor start`
 * serving Discord or Slack keeps serving without its logs instead.
 */
import { guardCliStreams, servesPlatforms } from '../app/cli-process.js';
import type { CliIo, Subcommand } from './io.js';

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<Subcommand> }> = {
  start: {
    summary: 'Run the tutor: Discord and/or Slack when their tokens are set, else the console tutor',
    load: async () => (await import('./start.js')).startCommand,
  },
  console: {
    summary: 'Chat with the tutor in this terminal (or piped stdin) on a local SQLite file',
    load: async () => (await import('./console.js')).consoleCommand,
  },
  topic: {
    summary: 'Look a topic up: tutor topic <query> [--json] [--limit N]',
    load: async () => (await import('./topic.js')).topicCommand,
  },
  grade: {
    summary: 'Grade an answer: --topic <query> --answer <text> [--json], or --batch <file.jsonl>',
    load: async () => (await import('./grade.js')).gradeCommand,
  },
  challenges: {
    summary: 'List the daily topics and what each asks: [--json] [--topic Q]',
    load: async () => (await import('./challenges.js')).challengesCommand,
  },
  knowledge: {
    summary: 'knowledge check [--json]: load the notes and report nodes, edges, challenges, warnings',
    load: async () => (await import('./knowledge.js')).knowledgeCommand,
  },
  migrate: {
    summary: 'Apply pending database migrations',
    load: async () => (await import('./migrate.js')).migrateCommand,
  },
  streak: {
    summary: 'Show a user’s streak: tutor streak <user> [--json]',
    load: async () => (await import('./streak.js')).streakCommand,
  },
  progress: {
    summary: 'Show a learner’s spaced-review progress: tutor progress <user> [--json]',
    load: async () => (await import('./progress.js')).progressCommand,
  },
  leaderboard: {
    summary: 'Show rankings: [--period week|month|all] [--teams] [--json]',
    load: async () => (await import('./leaderboard.js')).leaderboardCommand,
  },
  'register-commands': {
    summary: 'Register the Discord slash commands [--guild ID] (global without it)',
    load: async () => (await import('./register-commands.js')).registerCommandsCommand,
  },
  doctor: {
    summary: 'Check configuration, database, knowledge and platforms; exit non-zero on problems',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
  backup: {
    summary: 'Back the database up while the bot runs: tutor backup <file>',
    load: async () => (await import('./backup.js')).backupCommand,
  },
  forget: {
    summary: 'Remove a user’s answers and scores everywhere: tutor forget <user>',
    load: async () => (await import('./forget.js')).forgetCommand,
  },
  export: {
    summary: 'Write every row to a portable JSON Lines dump: tutor export <file>',
    load: async () => (await import('./export.js')).exportCommand,
  },
  import: {
    summary: 'Load a `tutor export` dump into an empty database: tutor import <file>',
    load: async () => (await import('./import.js')).importCommand,
  },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(SUBCOMMANDS).map((n) => n.length));
  const lines = Object.entries(SUBCOMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'Pain-Point Tutor: daily "state the pain point, then the fix" challenges from your notes.',
    '',
    'Usage: tutor <command> [options]   (tutor <command> --help for details)',
    '',
    'Commands:',
    ...lines,
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name === undefined ? 2 : 0;
  }
  const entry = SUBCOMMANDS[name];
  if (!entry) {
    io.stderr.write(`tutor: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  return command.run(rest, io);
}

const isEntryPoint =
  process.argv[1] !== undefined && /(?:bin[\\/]tutor(?:\.js)?|cli[\\/]main\.[jt]s)$/.test(process.argv[1]);
if (isEntryPoint) {
  guardCliStreams(servesPlatforms(process.argv[2], process.env));
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
      // A handle some library forgot to close must not keep a finished command (or a stopped bot) alive.
      setTimeout(() => process.exit(code), 3000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`tutor: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
