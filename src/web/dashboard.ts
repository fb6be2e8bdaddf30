/**
 * The dashboard (综合看板) at /dashboard/: the Vite build of dashboard/ (dist/dashboard, built by
 * `npm run build:dashboard`, which `npm install` runs as `prepare`), every file from the hub itself.
 * The page reads POST /graphql with the token the user signs in with; in demo mode it offers the demo
 * roles from /explorer/demo-tokens. Served whatever HUB_EXPLORER says: it is a product page.
 *
 * Its operations are trusted documents (src/http/trusted-documents.ts): dashboard/operations/*.graphql,
 * hashed by codegen into DASHBOARD_DOCUMENTS, which server.ts registers for everyone. The page sends
 * only the hash; it sends the text instead only when the hash is unknown and the mode is not `require`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { HubConfig } from '../config.js';
import { DEMO_TOKENS_PATH, isDemoMode } from './explorer.js';
import { pageHeaders } from './html.js';

export const DASHBOARD_DIR = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url));
/** The dashboard's operations: codegen's persisted-documents manifest (id → document). */
export const DASHBOARD_DOCUMENTS = fileURLToPath(
  new URL('../../dashboard/src/__generated__/persisted-documents.json', import.meta.url),
);

const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // ECharts sets inline styles on its elements
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function mountDashboard(app: express.Express, config: HubConfig): void {
  // what the page needs to know of the hub: where the demo tokens are, in demo mode only
  app.get('/dashboard/settings.json', (_req, res) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.json({
      demoTokens: config.explorer && isDemoMode(config) ? DEMO_TOKENS_PATH : null,
      // whether the page may fall back to sending an operation's text (never under `require`)
      trustedDocuments: config.trustedDocuments,
    });
  });
  // (express matches /dashboard/ here too: only the bare path is redirected)
  app.get('/dashboard', (req, res, next) =>
    req.path === '/dashboard' && !req.originalUrl.split('?')[0]!.endsWith('/')
      ? res.redirect(302, '/dashboard/')
      : next(),
  );
  app.use('/dashboard', (req, res, next) => {
    if (!existsSync(`${DASHBOARD_DIR}index.html`)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('看板尚未构建：请运行 npm run build:dashboard（npm install 会自动构建）。\n');
      return;
    }
    res.set(pageHeaders(DASHBOARD_CSP));
    next();
  });
  app.use('/dashboard', express.static(DASHBOARD_DIR, { index: 'index.html', fallthrough: true }));
}
