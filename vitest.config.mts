import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts (the renderer build): unit tests run in Node against real SQLite files.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
