import { defineConfig } from 'vitest/config';

export default defineConfig({
  logLevel: 'error',
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    setupFiles: ['test/setup/isolate.ts'],
    // One generous limit for every test and hook, instead of tight per-file numbers: on a busy
    // 2-core machine (two suites at once) one real dbt run takes 17–70 s and a test runs several.
    // A limit only ends a hung test; no test asserts how long anything took.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Two files at a time: many tests wait on a PostgreSQL server or a dbt subprocess, so two
    // workers finish the suite in about half the time on these 2-core machines. Every server test
    // has its own database, so files never share state.
    maxWorkers: 2,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
