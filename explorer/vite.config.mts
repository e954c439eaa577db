import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * Builds the explorer (GraphiQL) and the dashboard into dist/web, served by the gateway under /web/.
 * Everything, Monaco's workers and GraphiQL's fonts included, is bundled: the pages load nothing from the network.
 */
const root = import.meta.dirname;
export default defineConfig({
  root,
  base: '/web/',
  logLevel: 'error',
  publicDir: false,
  // JSX through Vite's own transformer (no React plugin installed).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.join(root, '..', 'dist', 'web'),
    emptyOutDir: true,
    sourcemap: false,
    // Monaco and ECharts are large by nature; the pages are served locally.
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    rollupOptions: {
      input: { explorer: path.join(root, 'explorer.html'), dashboard: path.join(root, 'dashboard.html') },
    },
  },
  worker: { format: 'es' },
  server: { fs: { allow: [path.join(root, '..')] } },
});
