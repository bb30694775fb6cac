import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.e2e.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts real servers (and some, whole processes under load or kill -9): on a
    // 2-core machine they measure timing honestly only one at a time.
    fileParallelism: false,
  },
});
