// The dashboard's build (npm run build:dashboard, run by `prepare` at npm install): every asset bundled
// into dist/dashboard, served by the hub at /dashboard/ (src/web/dashboard.ts). No CDN, no other host.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
