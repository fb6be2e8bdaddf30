/**
 * The hub's browser pages, mounted by server.ts with one call: the offline GraphQL explorer at GET
 * /graphql (Accept: text/html), its files under /explorer/assets/, the demo tokens (demo mode only)
 * and the landing page at / with the schema and permission matrix. All off when HUB_EXPLORER=false:
 * the routes are then not mounted and answer 404 — except the dashboard at /dashboard/ (dashboard.ts).
 */
import type express from 'express';
import type { Knex } from 'knex';
import type { HubConfig } from '../config.js';
import { mountExplorer } from './explorer.js';
import { mountLanding } from './landing.js';
import { mountDashboard } from './dashboard.js';

export { DASHBOARD_DOCUMENTS } from './dashboard.js';

export function mountWebRoutes(app: express.Express, opts: { config: HubConfig; knex: Knex }): void {
  mountDashboard(app, opts.config);
  mountExplorer(app, opts);
  mountLanding(app, { config: opts.config });
}
