/**
 * The explorer's build: `npm run build:web` writes web/dist, which the service serves at `/`
 * (src/http/explorer.ts). Nothing is fetched at run time from anywhere but the service itself.
 * `npx vite web` serves it in development, proxying /graphql to a running service.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts and Cytoscape are large; they load with the views that draw (lazy chunks).
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: { proxy: { '/graphql': process.env.EXPLORER_API ?? 'http://127.0.0.1:4000' } },
});
