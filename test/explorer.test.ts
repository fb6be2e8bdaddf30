/**
 * The offline explorer and landing page (issue 8, point 6): GraphiQL served by the hub itself for a
 * browser's GET /graphql, every file from the hub (no CDN, no other host), the demo roles one click
 * away in demo mode only, the landing page at /, everything 404 when HUB_EXPLORER is off — and POST
 * /graphql and subscriptions unchanged. Ends with a real browser (Debian's chromium via playwright-core).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import WebSocket from 'ws';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { loadConfig, type HubConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { applyPermissions } from '../src/permissions.js';
import { buildHubSchema } from '../src/schema.js';
import { startServer, type RunningServer } from '../src/server.js';
import { DEFAULT_QUERY } from '../src/web/explorer.js';
import { hasGetRoute, mountLanding } from '../src/web/landing.js';
import { Role } from '../src/shared/enums.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let hub: TestHub;
/** Extra hubs on the same database, with other settings. */
const extra: RunningServer[] = [];
let schema: Awaited<ReturnType<typeof buildHubSchema>>;

/** The hub's origin, e.g. http://127.0.0.1:1234 */
const origin = (s: RunningServer) => new URL(s.url).origin.replace('localhost', '127.0.0.1');

async function startVariant(overrides: Partial<HubConfig>): Promise<RunningServer> {
  schema ??= applyPermissions(await buildHubSchema());
  const server = await startServer({
    config: { ...hub.config, ...overrides },
    orm: hub.orm,
    schema,
    log: createLogger(process.env.HUB_TEST_LOG ?? 'silent'),
    port: 0,
  });
  extra.push(server);
  return server;
}

const browserGet = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers: { accept: BROWSER_ACCEPT, ...headers } });

/** Status of a plain GET (node:http: fetch() adds `cache-control: no-cache` to conditional requests). */
function statusOf(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on('error', reject);
  });
}

/** src/href attributes of a page. */
function references(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

function settingsOf(html: string): { endpoint: string; demoTokens: string | null; defaultQuery: string } {
  const m = /<script id="explorer-settings" type="application\/json">([^<]*)<\/script>/.exec(html);
  expect(m, 'the page carries its settings').not.toBeNull();
  return JSON.parse(m![1]!);
}

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  for (const s of extra) await s.stop();
  await hub?.stop();
});

describe('configuration', () => {
  const env = { HUB_JWT_SECRET: 'x'.repeat(40), HUB_DATA_DIR: path.join(ROOT, '.data') };
  it('is on by default, off in production unless HUB_EXPLORER=true', () => {
    expect(loadConfig({ ...env }).explorer).toBe(true);
    expect(loadConfig({ ...env, NODE_ENV: 'development' }).explorer).toBe(true);
    expect(loadConfig({ ...env, NODE_ENV: 'production' })).toMatchObject({
      explorer: false,
      production: true,
    });
    expect(loadConfig({ ...env, NODE_ENV: 'production', HUB_EXPLORER: 'true' }).explorer).toBe(true);
    expect(loadConfig({ ...env, HUB_EXPLORER: 'false' }).explorer).toBe(false);
    expect(() => loadConfig({ ...env, HUB_EXPLORER: 'maybe' })).toThrow(/HUB_EXPLORER/);
  });
});

describe('explorer page at GET /graphql', () => {
  it('serves an HTML page to a browser, with no URL of any other host', async () => {
    const res = await browserGet(hub.server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('vary')).toMatch(/Accept/i);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('接口调试');
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/(?:src|href)="\/\//); // no protocol-relative URLs either
    const refs = references(html);
    expect(refs.length).toBeGreaterThanOrEqual(6);
    for (const r of refs) expect(r, r).toMatch(/^(\/(?!\/)|data:)/);
  });

  it('loads every referenced file from the hub, with the right type and cache headers', async () => {
    const html = await (await browserGet(hub.server.url)).text();
    const files = references(html).filter((r) => r.startsWith('/'));
    expect(files.map((f) => f.split('?')[0])).toEqual(
      expect.arrayContaining([
        '/explorer/assets/graphiql.min.css',
        '/explorer/assets/explorer.css',
        '/explorer/assets/react.production.min.js',
        '/explorer/assets/react-dom.production.min.js',
        '/explorer/assets/graphiql.min.js',
        '/explorer/assets/explorer.js',
      ]),
    );
    const base = origin(hub.server);
    for (const f of files) {
      const res = await fetch(base + f);
      expect(res.status, f).toBe(200);
      const type = f.split('?')[0]!.endsWith('.css') ? /^text\/css/ : /^text\/javascript/;
      expect(res.headers.get('content-type'), f).toMatch(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = res.headers.get('etag');
      expect(etag, f).toBeTruthy();
      const body = await res.text();
      expect(body.length, f).toBeGreaterThan(100);
      if (f.includes('?v=')) expect(res.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
      else expect(res.headers.get('cache-control')).toBe('no-cache');
      // an unchanged file is not sent again
      expect(await statusOf(base + f, { 'if-none-match': etag! })).toBe(304);
      // CSS loads nothing from elsewhere: its fonts and icons are data: URLs
      if (f.includes('.css')) {
        for (const m of body.matchAll(/url\(\s*['"]?([^'")]+)/g)) expect(m[1], f).toMatch(/^data:/);
        expect(body).not.toMatch(/@import/);
      }
    }
  });

  it('serves the vendor files from node_modules, gzipped on request', async () => {
    const base = origin(hub.server);
    const res = await fetch(`${base}/explorer/assets/graphiql.min.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = await res.text(); // fetch decompresses
    expect(body).toBe(readFileSync(path.join(ROOT, 'node_modules/graphiql/graphiql.min.js'), 'utf8'));
    const react = await fetch(`${base}/explorer/assets/react.production.min.js`);
    expect(await react.text()).toBe(
      readFileSync(path.join(ROOT, 'node_modules/react/umd/react.production.min.js'), 'utf8'),
    );
  });

  it('serves only the listed files', async () => {
    const base = origin(hub.server);
    for (const p of [
      '/explorer/assets/package.json',
      '/explorer/assets/..%2F..%2Fpackage.json',
      '/explorer/assets/../../src/config.ts',
      '/explorer/assets/constructor',
      '/explorer/assets/',
    ]) {
      expect((await fetch(base + p)).status, p).toBe(404);
    }
  });

  it('leaves GraphQL over HTTP as it was: POST, GET with a query, and GET without one', async () => {
    const r = await hub.gql<{ viewer: { role: string } }>('{ viewer { role } }');
    expect(r.status).toBe(200);
    expect(r.data?.viewer.role).toBe('PUBLIC');
    const token = await hub.token(Role.HUB_ADMIN, 'HC-PTZX');
    expect((await hub.gql('{ viewer { role } }', {}, token)).data).toEqual({ viewer: { role: 'HUB_ADMIN' } });
    const get = await fetch(`${hub.server.url}?query=${encodeURIComponent('{ viewer { role } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { viewer: { role: 'PUBLIC' } } });
    // no query and no browser: Apollo's own 400, not a page
    const bare = await fetch(hub.server.url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(bare.status).toBe(400);
    expect(bare.headers.get('content-type')).not.toMatch(/html/);
  });

  it('leaves subscriptions over WebSocket as they were', async () => {
    const ws = new WebSocket(hub.server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: { type: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      ws.on('message', (d) => {
        messages.push(JSON.parse(String(d)));
        resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(messages[0]!.type).toBe('connection_ack');
  });

  it('has no demo tokens when the demo data is not loaded (HUB_SEED_DEMO=false)', async () => {
    expect(hub.config.seedDemo).toBe(false);
    const html = await (await browserGet(hub.server.url)).text();
    expect(settingsOf(html).demoTokens).toBeNull();
    expect((await fetch(`${origin(hub.server)}/explorer/demo-tokens`)).status).toBe(404);
  });
});

describe('landing page and documents', () => {
  it('links the explorer, the schema, the permission matrix and /healthz, in Chinese', async () => {
    const res = await browserGet(`${origin(hub.server)}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('监督信息共享平台');
    const refs = references(html);
    expect(refs).toEqual(
      expect.arrayContaining(['/graphql', '/schema.graphql', '/permissions.md', '/healthz']),
    );
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link rel="stylesheet"/);
    // the dashboard (src/web/dashboard.ts) is mounted, so the landing page links it
    expect(refs).toContain('/dashboard');
    for (const r of refs.filter((x) => x.startsWith('/'))) {
      expect((await browserGet(origin(hub.server) + r)).status, r).toBe(200);
    }
  });

  it('serves schema/schema.graphql and schema/permissions.md as text', async () => {
    for (const [url, file] of [
      ['/schema.graphql', 'schema/schema.graphql'],
      ['/permissions.md', 'schema/permissions.md'],
    ] as const) {
      const res = await fetch(origin(hub.server) + url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe(readFileSync(path.join(ROOT, file), 'utf8'));
    }
  });

  it('links the dashboard as soon as a GET /dashboard route exists', async () => {
    const app = express();
    mountLanding(app, { config: { ...hub.config, explorer: true } });
    expect(hasGetRoute(app, '/dashboard')).toBe(false);
    app.get('/dashboard', (_req, res) => {
      res.send('dashboard');
    });
    expect(hasGetRoute(app, '/dashboard')).toBe(true);
    const router = express.Router();
    const app2 = express();
    app2.use((_req, _res, next) => next());
    expect(hasGetRoute(app2, '/dashboard')).toBe(false);
    app2.use('/dashboard', router);
    expect(hasGetRoute(app2, '/dashboard')).toBe(true);

    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as { port: number }).port;
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(references(html)).toContain('/dashboard');
      expect(html).toContain('监督看板');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('demo mode', () => {
  let demo: RunningServer;
  beforeAll(async () => {
    demo = await startVariant({ seedDemo: true, production: false });
  });

  it('offers a signed token per demo role, labelled in Chinese, never cached', async () => {
    const html = await (await browserGet(demo.url)).text();
    expect(settingsOf(html).demoTokens).toBe('/explorer/demo-tokens');
    const res = await fetch(`${origin(demo)}/explorer/demo-tokens`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      ttl: string;
      tokens: { role: string; label: string; org: string; orgName: string; token: string }[];
    };
    expect(body.ttl).toBe('12h');
    expect(body.tokens.map((t) => t.role).sort()).toEqual(
      Object.values(Role)
        .filter((r) => r !== Role.PUBLIC)
        .sort(),
    );
    expect(body.tokens.find((t) => t.role === 'FINANCE')).toMatchObject({
      label: '财政局',
      org: 'HC-CZJ',
      orgName: '怀化市鹤城区财政局',
    });
    const query = `{ viewer { role organization { code } } }`;
    for (const t of body.tokens) {
      const r = await hub.gql(query, {}, t.token);
      expect(r.errors, t.role).toBeUndefined();
      expect(r.data.viewer, t.role).toEqual({ role: t.role, organization: { code: t.org } });
      // valid for 12 hours
      const exp = JSON.parse(Buffer.from(t.token.split('.')[1]!, 'base64url').toString()).exp as number;
      expect(Math.abs(exp - Date.now() / 1000 - 12 * 3600)).toBeLessThan(120);
    }
  });

  it("the page's default query answers every role on the demo data, PUBLIC included", async () => {
    const { defaultQuery } = settingsOf(await (await browserGet(demo.url)).text());
    expect(defaultQuery).toBe(DEFAULT_QUERY);
    const tokens = (
      (await (await fetch(`${origin(demo)}/explorer/demo-tokens`)).json()) as {
        tokens: { role: string; token: string }[];
      }
    ).tokens;
    for (const t of [{ role: 'PUBLIC', token: null }, ...tokens]) {
      const r = await hub.gql(defaultQuery, {}, t.token);
      expect(r.errors, `${t.role}: ${JSON.stringify(r.errors)}`).toBeUndefined();
      expect(r.data.viewer.role).toBe(t.role);
      expect(r.data.findings.totalCount, t.role).toBeGreaterThan(0);
    }
  });

  it('is never on in production, even with the explorer enabled and the demo data loaded', async () => {
    const prod = await startVariant({ seedDemo: true, production: true, explorer: true });
    const res = await browserGet(prod.url);
    expect(res.status).toBe(200);
    expect(settingsOf(await res.text()).demoTokens).toBeNull();
    expect((await fetch(`${origin(prod)}/explorer/demo-tokens`)).status).toBe(404);
  });
});

describe('explorer turned off (HUB_EXPLORER=false)', () => {
  let off: RunningServer;
  beforeAll(async () => {
    off = await startVariant({ explorer: false, seedDemo: true, production: false });
  });

  it('answers 404 on every page, file and the demo tokens', async () => {
    const base = origin(off);
    expect((await browserGet(off.url)).status).toBe(404);
    for (const p of [
      '/',
      '/explorer',
      '/explorer/assets/graphiql.min.js',
      '/explorer/assets/explorer.js',
      '/explorer/demo-tokens',
      '/schema.graphql',
      '/permissions.md',
    ]) {
      expect((await browserGet(base + p)).status, p).toBe(404);
    }
  });

  it('still answers GraphQL', async () => {
    const res = await fetch(off.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { viewer: { role: 'PUBLIC' } } });
    expect((await fetch(`${origin(off)}/healthz`)).status).toBe(200);
  });
});

describe('in a real browser (chromium, no internet)', () => {
  let browser: Browser;
  let demo: RunningServer;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`,
      );
    }
    demo = await startVariant({ seedDemo: true, production: false });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders GraphiQL from the hub alone, picks a demo role and runs the default query', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const base = origin(demo);
    const consoleErrors: string[] = [];
    const elsewhere: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    page.on('websocket', (ws) => requests.push(ws.url()));
    // anything not for the hub on 127.0.0.1 is refused (as on a network without internet) and recorded
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1') return route.continue();
      elsewhere.push(u.href);
      return route.abort('internetdisconnected');
    });

    await page.goto(`${base}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // the schema was fetched (documentation explorer ready) and the demo roles are shown
    await page.locator('button[data-role="FINANCE"]').waitFor();
    expect(await page.locator('button.hub-role').count()).toBe(Object.values(Role).length);
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain('query Overview');

    await page.locator('button[data-role="FINANCE"]').click();
    await expect.poll(() => page.locator('.graphiql-editor-tool').innerText()).toContain('Bearer ');
    expect(await page.locator('button[data-role="FINANCE"]').getAttribute('aria-pressed')).toBe('true');

    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.innerText(), { timeout: 15_000 }).toContain('"FINANCE"');
    const text = await response.innerText();
    expect(text).toContain('"data"');
    expect(text).toContain('"totalCount"');
    expect(text).toContain('HC-CZJ');
    expect(text).not.toContain('"errors"');

    // the page's CSP lets GraphiQL open the subscription socket on the same host
    const ack = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          // the browser's WebSocket (the name WebSocket is the `ws` import here)
          const ws = new (globalThis as any).WebSocket(url, 'graphql-transport-ws');
          ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
          ws.onmessage = (m: { data: unknown }) => {
            resolve(JSON.parse(String(m.data)).type);
            ws.close();
          };
          ws.onerror = () => resolve('error');
        }),
      `${base.replace(/^http/, 'ws')}/graphql`,
    );
    expect(ack).toBe('connection_ack');

    mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-output/explorer.png') });

    // the landing page links the explorer
    await page.goto(`${base}/`);
    await page.screenshot({ path: path.join(ROOT, 'test-output/landing.png') });
    await page.locator('a[href="/graphql"]').click();
    await page.locator('.graphiql-container').waitFor();

    expect(elsewhere, 'requests to other hosts').toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    for (const r of requests.filter((x) => /^(https?|wss?):/.test(x))) {
      expect(new URL(r).hostname, r).toBe('127.0.0.1');
    }
    expect(consoleErrors, 'console errors').toEqual([]);
    await context.close();
  }, 90_000);
});
