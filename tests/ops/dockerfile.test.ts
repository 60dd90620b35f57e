/**
 * No Docker engine runs on the development machines, so this reads the Dockerfile and checks what can be
 * checked without one: the stages, the runtime user, volume, environment, init process, command and health
 * check, and that every file it copies exists in the repository or is produced by the build stage.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/** Joins `\` continuations, drops comments and blank lines, groups instructions by `FROM`. */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const last = (stage: Stage, keyword: string) => all(stage, keyword).at(-1);
const execForm = (args: string) => JSON.parse(args) as string[];

const stages = parseDockerfile(read('Dockerfile'));
const build = stages[0]!;
const runtime = stages.at(-1)!;

describe('Dockerfile stages', () => {
  it('builds on node:20-bookworm with the native toolchain and runs on node:20-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build.image).toBe('node:20-bookworm');
    expect(build.name).toBe('build');
    expect(runtime.image).toBe('node:20-bookworm-slim');
    const buildRuns = all(build, 'RUN')
      .map((i) => i.args)
      .join(' && ');
    for (const tool of ['python3', 'make', 'g++']) expect(buildRuns).toContain(` ${tool}`);
    expect(buildRuns).toMatch(/npm ci\b/);
    expect(buildRuns).toMatch(/npm run build\b/);
    expect(buildRuns).toMatch(/npm prune --omit=dev\b/);
    // The build script is what produces dist/.
    expect(JSON.parse(read('package.json')).scripts.build).toContain('tsconfig.build.json');
  });

  it('runs as a non-root user with tini as PID 1 and `tutor start` as the command', () => {
    const user = last(runtime, 'USER')?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const entrypoint = execForm(last(runtime, 'ENTRYPOINT')!.args);
    expect(entrypoint[0]).toMatch(/\/tini$/);
    expect(
      all(runtime, 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/apt-get install .*\btini\b/);
    expect(execForm(last(runtime, 'CMD')!.args)).toEqual(['tutor', 'start']);
    // `tutor` is on PATH and points at the package's bin script.
    expect(
      all(runtime, 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/ln -s \/app\/bin\/tutor\.js \/usr\/local\/bin\/tutor/);
    expect(JSON.parse(read('package.json')).bin.tutor).toBe('bin/tutor.js');
  });

  it('keeps the database on the /data volume, owned by the runtime user', () => {
    expect(all(runtime, 'VOLUME').map((i) => i.args)).toContain('/data');
    expect(
      all(runtime, 'ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/\bTUTOR_DB=\/data\/tutor\.db\b/);
    const user = last(runtime, 'USER')!.args;
    expect(
      all(runtime, 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).toContain(`chown ${user}:${user} /data`);
  });

  it('copies only files that exist in the context or that the build stage produced', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    const buildOutDir = JSON.parse(read('tsconfig.build.json')).compilerOptions.outDir as string;
    const buildContextCopies = all(build, 'COPY').flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    // What exists in /app of the build stage: what was copied in, plus npm ci's and npm run build's output.
    const producedByBuild = new Set([...buildContextCopies, 'node_modules', buildOutDir]);
    const checked: string[] = [];
    for (const stage of stages) {
      for (const copy of all(stage, 'COPY')) {
        const parts = copy.args.split(/\s+/);
        const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
        const sources = parts.filter((p) => !p.startsWith('--')).slice(0, -1);
        for (const source of sources) {
          if (from !== undefined) {
            expect(from).toBe(build.name);
            expect(producedByBuild.has(source.replace(/^\/app\//, ''))).toBe(true);
          } else {
            expect(existsSync(new URL(source, root)), `${source} exists`).toBe(true);
            expect(ignored, `${source} is not excluded by .dockerignore`).not.toContain(source);
          }
          checked.push(source);
        }
      }
    }
    for (const needed of ['knowledge', 'migrations', 'bin', 'package.json', '/app/dist', '/app/node_modules']) {
      expect(checked).toContain(needed);
    }
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, local data and secrets out of the build context', () => {
    const lines = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'data', '.env', '*.db', '.git']) expect(lines).toContain(entry);
  });
});

describe('docker-compose.yml', () => {
  it('runs the image with a data volume, the env file, a restart policy and the health port', () => {
    const compose = read('docker-compose.yml');
    expect(compose).toMatch(/^\s+env_file: \.env$/m);
    expect(compose).toMatch(/^\s+restart: (unless-stopped|always)$/m);
    expect(compose).toMatch(/^\s+- [\w-]+:\/data$/m);
    expect(compose).toMatch(/^\s+PORT: '(\d+)'$/m);
    const port = /^\s+PORT: '(\d+)'$/m.exec(compose)![1];
    expect(compose).toContain(`- '${port}:${port}'`);
    expect(all(runtime, 'EXPOSE').map((i) => i.args)).toContain(port);
  });
});

describe('HEALTHCHECK', () => {
  const healthcheck = last(runtime, 'HEALTHCHECK')!.args;
  const command = /\bCMD\s+(.*)$/.exec(healthcheck)![1]!;
  let server: Server;
  let status = 200;
  let port = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? status : 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Asynchronously: the fake /healthz runs in this process and must keep answering while the check waits.
  const runCheck = (env: Record<string, string>) =>
    new Promise<number | null>((resolve) => {
      const child = spawn('sh', ['-c', command], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
      child.on('exit', (code) => resolve(code));
    });

  it('has an interval, a timeout and retries, and falls back to `tutor doctor` without PORT', () => {
    expect(healthcheck).toMatch(/--interval=\d+s/);
    expect(healthcheck).toMatch(/--timeout=\d+s/);
    expect(healthcheck).toMatch(/--retries=\d+/);
    expect(command).toMatch(/else tutor doctor; fi$/);
  });

  it('passes when /healthz answers 200 and fails on 503 or when nothing listens', async () => {
    status = 200;
    expect(await runCheck({ PORT: String(port) })).toBe(0);
    status = 503;
    expect(await runCheck({ PORT: String(port) })).toBe(1);
    expect(await runCheck({ PORT: '1' })).toBe(1);
  });
});
