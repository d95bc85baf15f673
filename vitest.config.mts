import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts (the renderer build): unit tests run in Node against real SQLite files.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    // Hooks start and stop real PostgreSQL servers: on a shared 2-core machine a stop alone
    // has taken more than the default 10 s (the suite's tests all passed, its afterAll failed).
    hookTimeout: 60_000,
  },
});
