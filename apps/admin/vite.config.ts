import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The admin app: plain Vite (its esbuild compiles TSX; no React plugin, so no Fast Refresh in
 * dev). Built into dist/, which the server serves at /_courier/admin/. `npm run dev` proxies the
 * gateway and the login endpoint to a server on 127.0.0.1:8008.
 */
export default defineConfig({
  base: '/_courier/admin/',
  // Workspace packages resolve to their TypeScript source (the gateway client's exports point
  // at its published build, which only `npm pack` makes).
  resolve: { conditions: ['@courier/source', ...defaultClientConditions] },
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    proxy: {
      '/_courier/trpc': 'http://127.0.0.1:8008',
      '/_matrix': 'http://127.0.0.1:8008',
    },
  },
});
