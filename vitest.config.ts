import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests that talk to local servers pace themselves (arXiv's 3 s rule); run files in parallel.
    pool: 'forks',
  },
});
