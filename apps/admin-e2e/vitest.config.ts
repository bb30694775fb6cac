import { defineConfig } from 'vitest/config';

// A real server, a real browser: each step may wait on SSE, builds and page loads.
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.spec.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
