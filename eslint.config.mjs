// One lint config for the workspace: strict TypeScript habits, the layer directions of
// STYLE.md §2.2 as enforced module boundaries, and no process.env outside util-config.
import nx from '@nx/eslint-plugin';

const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:api', 'type:feature', 'type:domain', 'type:data-access', 'type:util', 'type:generated', 'type:testing'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:api', 'type:domain', 'type:data-access', 'type:util', 'type:generated', 'type:testing'] },
  { sourceTag: 'type:api', onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:util', 'type:generated', 'type:api'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:generated'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:util', 'type:generated'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:testing'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  // Generated libs build on one another only (spec → api-types → server-api-routes).
  { sourceTag: 'type:generated', onlyDependOnLibsWithTags: ['type:generated'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:domain'] },
  // Benchmark, chaos and cluster scripts drive the server the way its apps do.
  { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:data-access', 'type:util', 'type:generated', 'type:testing'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['scope:admin', 'scope:shared'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    // tools/examples/* are outside projects: they import only published packages, and their own
    // tsc checks them (apps/server-e2e's outside-consumer test).
    ignores: ['**/node_modules', '**/dist', '**/generated/**', '**/*.gen.ts', '**/vite.config.*.timestamp*', 'tools/**/*.mjs', 'tools/examples/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through @courier/server-util-config.' },
      ],
    },
  },
  {
    // Tests may seed through other features and use the testing lib (STYLE.md §2.2).
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/test-support.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            ...depConstraints.filter((c) => !c.sourceTag.startsWith('type:')),
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // The admin app reaches the server only through the gateway: its types, never its code (STYLE.md §2.2).
    files: ['apps/admin/**/*.ts', 'apps/admin/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@courier/server', '@courier/server-*'], allowTypeImports: true, message: 'The admin app may import only types from server code; call the gateway.' },
            { group: ['@trpc/server', '@trpc/server/*', 'fastify', '@prisma/*', 'node:*'], message: 'Server-side module: not for the admin app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/server/util-config/**/*.ts', 'tools/**/*.ts', '**/*.spec.ts', '**/test/**/*.ts', '**/vitest.config.ts', 'apps/*-e2e/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];
