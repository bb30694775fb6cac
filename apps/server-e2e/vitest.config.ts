import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The client packages resolve to their TypeScript source here (their exports point at the
  // published build, which only `npm pack` makes).
  ssr: { resolve: { conditions: ['@courier/source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.e2e.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts real servers (and some, whole processes under load or kill -9): on a
    // 2-core machine they measure timing honestly only one at a time.
    fileParallelism: false,
  },
});
