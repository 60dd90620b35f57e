import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Protocol fakes and SQLite files: keep suites in separate processes, two at a time on a 2-core machine.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
