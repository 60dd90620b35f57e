/**
 * The layering of ARCHITECTURE.md, enforced in CI (`npm run layers`). Dependencies point down only:
 *   cli/app  →  platforms, scheduler, ops  →  tutor  →  challenges, grading, knowledge, store(types)  →  text, domain
 */
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-and-text-are-leaves',
      comment: 'Pure vocabulary, date rules and text utilities import nothing else of the project.',
      severity: 'error',
      from: { path: '^src/(domain|text)/' },
      to: { path: '^src/', pathNot: ['^src/(domain|text)/'] },
    },
    {
      name: 'knowledge-grading-challenges-below-core',
      comment: 'Knowledge, grading and challenge derivation know nothing of the core, the store or any platform.',
      severity: 'error',
      from: { path: '^src/(knowledge|grading|challenges)/' },
      to: { path: '^src/(tutor|store|scheduler|platforms|ops|app|cli|config)/' },
    },
    {
      name: 'store-below-core',
      severity: 'error',
      from: { path: layer('store') },
      to: { path: '^src/', pathNot: ['^src/(store|domain)/'] },
    },
    {
      name: 'store-ports-know-no-backend',
      comment: 'The store interface (one port per concern) names the domain only: no backend leaks into it.',
      severity: 'error',
      from: { path: '^src/store/(ports/|types\\.ts$)' },
      to: { path: '^src/', pathNot: ['^src/store/(ports/|types\\.ts$)', '^src/domain/'] },
    },
    {
      name: 'core-knows-no-platform-and-no-sqlite',
      comment: 'The core takes its store as an interface: it may import store/types (and the ports it composes) only.',
      severity: 'error',
      from: { path: '^src/(tutor|scheduler)/' },
      to: { path: ['^src/(platforms|ops|app|cli|config)/', '^src/store/(?!types\\.ts$|ports/)'] },
    },
    {
      name: 'platforms-are-thin',
      comment: 'Adapters talk to the core API only, never to the store, grading or knowledge directly.',
      severity: 'error',
      from: { path: '^src/platforms/' },
      to: { path: '^src/(store|knowledge|grading|challenges|scheduler|app|cli)/' },
    },
    {
      name: 'platforms-do-not-know-each-other',
      severity: 'error',
      from: { path: '^src/platforms/([^/]+)/' },
      to: {
        path: '^src/platforms/',
        pathNot: ['^src/platforms/$1/', '^src/platforms/contract\\.ts$', '^src/platforms/shared/'],
      },
    },
    {
      name: 'only-the-store-imports-sqlite',
      comment: 'A database client is imported by its backend folder only.',
      severity: 'error',
      from: { pathNot: '^src/store/sqlite/' },
      to: { path: 'node_modules/better-sqlite3' },
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
