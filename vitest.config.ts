import { configDefaults, defineConfig } from 'vitest/config';

// Three layers, one runner: pure domain rules, the server against real
// PGlite (and PostgreSQL when TEST_DATABASE_URL is set), and end-to-end runs in
// real headless Chromium against the built PWA.
export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker, which runs every file
    // in turn; most test time is spent waiting on browsers and databases, so
    // two let a server file run beside the (one-at-a-time) browser file.
    maxWorkers: 2,
    projects: [
      {
        test: { name: 'domain', include: ['test/domain/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts', 'test/sync/**/*.test.ts'],
          // Several instances sharing one database (LISTEN/NOTIFY): PostgreSQL only, below.
          exclude: [...configDefaults.exclude, 'test/server/postgresql/**'],
          environment: 'node',
          env: { TENPO_TEST_BACKEND: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // The same storage suite again on real PostgreSQL, whenever one is given
      // (CI always gives one), with the scale-out tests in test/server/postgresql/.
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: 'server-postgresql',
                include: ['test/server/**/*.test.ts'],
                environment: 'node',
                env: { TENPO_TEST_BACKEND: 'postgresql' },
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Each file's server starts on a copy of a demo chain made once per run.
          globalSetup: ['test/e2e/support/demo-templates.ts'],
          environment: 'node',
          // Browsers are heavy on a 2-core machine: one e2e file at a time.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
