import { defineConfig } from 'vitest/config';

// Router tests open real databases (a PostgreSQL database per file), so hooks get time.
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
