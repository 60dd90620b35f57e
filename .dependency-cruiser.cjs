/**
 * The layering of ARCHITECTURE.md, enforced in CI (`npm run layers`). Dependencies point down only:
 *   cli  →  app  →  platforms, scheduler, ops  →  tutor  →  challenges, grading, knowledge, store(types)  →  text, domain
 * One `layer:` rule per row of ARCHITECTURE.md's folder table says what that folder may import of the project;
 * change the table and its rule together.
 */

/**
 * `folder` may import of `src/` only itself and the paths matching `allowed` (regular expressions on the
 * resolved path under `src/`).
 */
function mayImportOnly(folder, allowed, comment) {
  return {
    name: `layer:${folder}`,
    comment,
    severity: 'error',
    from: { path: `^src/${folder}/` },
    to: { path: '^src/', pathNot: [`^src/${folder}/`, ...allowed.map((path) => `^src/${path}`)] },
  };
}

/** The modules a platform folder offers the composition root; everything else in it is the adapter's own. */
const PLATFORM_ENTRY_POINTS = '^src/platforms/[^/]+/(adapter|console-adapter|register)\\.ts$';

/** Database clients, installed or not (an unresolved import keeps its bare name), and Node's built-in SQLite. */
const DATABASE_CLIENTS = '(^|node_modules/)(better-sqlite3|pg|postgres|mysql2?|sqlite3)(/|$)|^node:sqlite$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    mayImportOnly('domain', [], 'Vocabulary, the Logger surface and pure date rules import nothing of the project.'),
    mayImportOnly('text', [], 'Pure text folding shared by lookup and grading imports nothing of the project.'),
    mayImportOnly(
      'knowledge',
      ['text/', 'domain/'],
      'Notes → knowledge graph and topic index; knows nothing of grading, challenges or anything above.',
    ),
    mayImportOnly('grading', ['text/', 'domain/', 'knowledge/types\\.ts$'], 'Pure grading against a Challenge.'),
    mayImportOnly('challenges', ['knowledge/', 'grading/', 'text/'], 'Challenge derivation and the curated overlay.'),
    mayImportOnly('store', ['domain/'], 'The Store interface and its implementation know only the vocabulary.'),
    {
      name: 'store-ports-know-no-backend',
      comment: 'The store interface (one port per concern) names the domain only: no backend leaks into it.',
      severity: 'error',
      from: { path: '^src/store/(ports/|types\\.ts$)' },
      to: { path: '^src/', pathNot: ['^src/store/(ports/|types\\.ts$)', '^src/domain/'] },
    },
    mayImportOnly(
      'tutor',
      ['domain/', 'text/', 'knowledge/', 'grading/', 'challenges/', 'store/types\\.ts$', 'store/ports/'],
      'The core takes its store as an interface and knows no platform, no ops and no composition.',
    ),
    mayImportOnly(
      'scheduler',
      ['tutor/', 'domain/', 'store/types\\.ts$', 'store/ports/'],
      'Cron jobs drive the core through its API.',
    ),
    mayImportOnly(
      'platforms',
      ['tutor/', 'domain/'],
      'Adapters talk to the core API only, never to the store, grading or knowledge directly.',
    ),
    {
      name: 'platforms-do-not-know-each-other',
      comment: 'An adapter may use the contract and the shared helpers, never another adapter.',
      severity: 'error',
      from: { path: '^src/platforms/([^/]+)/' },
      to: {
        path: '^src/platforms/',
        pathNot: ['^src/platforms/$1/', '^src/platforms/contract\\.ts$', '^src/platforms/shared/'],
      },
    },
    {
      name: 'platform-folders-are-private',
      comment:
        'Outside the platforms, what an adapter offers comes from platforms/contract.ts; only the composition ' +
        'root (app, cli) reaches into a platform folder, and only for its entry points.',
      severity: 'error',
      from: { pathNot: '^src/platforms/' },
      to: {
        path: '^src/platforms/[^/]+/',
        pathNot: PLATFORM_ENTRY_POINTS,
      },
    },
    {
      name: 'platform-entry-points-are-for-the-composition-root',
      severity: 'error',
      from: { pathNot: '^src/(platforms|app|cli)/' },
      to: { path: PLATFORM_ENTRY_POINTS },
    },
    mayImportOnly(
      'ops',
      [
        'domain/',
        'text/',
        'knowledge/',
        'grading/',
        'challenges/',
        'store/',
        'tutor/',
        'scheduler/',
        'platforms/',
        'config/',
      ],
      'Logging, health, shutdown: anything below the composition root.',
    ),
    mayImportOnly('config', ['domain/'], 'The environment parsed by zod; only the time rules of the domain.'),
    {
      name: 'layer:app',
      comment: 'The app composes everything below it; the CLI sits on top of the app, never under it.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/cli/' },
    },
    mayImportOnly(
      'cli',
      ['app/', 'config/', 'domain/', 'tutor/(api|messages)\\.ts$', 'tutor/use-cases/'],
      'The `tutor` command sits on the app and calls the same use cases as chat, so the two cannot disagree; ' +
        'knowledge, challenges, grading, text, the store, ops and the platforms are reached through app/ or tutor/.',
    ),
    {
      name: 'only-the-store-imports-a-database-client',
      severity: 'error',
      from: { pathNot: '^src/store/[^/]+/' },
      to: { path: DATABASE_CLIENTS },
    },
    {
      name: 'only-the-store-factory-opens-sqlite',
      comment: 'The app opens a store in one place (app/store-factory.ts); everything else takes the Store interface.',
      severity: 'error',
      from: { pathNot: ['^src/store/sqlite/', '^src/app/store-factory\\.ts$'] },
      to: { path: '^src/store/sqlite/' },
    },
    {
      name: 'only-the-discord-adapter-imports-discordjs',
      severity: 'error',
      from: { pathNot: '^src/platforms/discord/' },
      to: { path: 'node_modules/(discord\\.js|@discordjs)/' },
    },
    {
      name: 'only-the-slack-adapter-imports-bolt',
      severity: 'error',
      from: { pathNot: '^src/platforms/slack/' },
      to: { path: 'node_modules/@slack/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
