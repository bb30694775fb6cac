import { defineConfig } from 'vitest/config';

// Checks of the repository itself (install scripts, publishing) and the bench's profile summary. The bench, chaos and cluster
// scripts are exercised by their own e2e tests in apps/server-e2e.
export default defineConfig({
  test: {
    include: ['publish/**/*.spec.ts', 'bench/**/*.spec.ts'],
    testTimeout: 30_000,
  },
});
