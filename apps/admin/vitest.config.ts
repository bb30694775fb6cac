import { defineConfig } from 'vitest/config';

// Unit tests of the app's pure parts (formatting, errors, grouping); the browser test is admin-e2e.
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts'],
  },
});
