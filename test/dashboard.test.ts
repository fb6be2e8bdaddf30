/**
 * The dashboard (/dashboard/) in a real browser: Debian's chromium via playwright-core, headless. The
 * page loads without console errors and with no request to another host, the charts render, the
 * numbers on the page equal the statistics API's for the same role, a drill-down from a chart shows
 * the rows behind it, a UNIT sees only its own data and no 催办, and in demo mode the role picker signs
 * in. Its operations are registered trusted documents: with HUB_TRUSTED_DOCUMENTS=require the page
 * works, sending every operation by its hash alone; it sends the text only when the hub does not know a
 * hash and the mode allows. Screenshots go to test-output/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { applyPermissions } from '../src/permissions.js';
import { buildHubSchema } from '../src/schema.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createLogger } from '../src/logger.js';
import { DASHBOARD_DIR } from '../src/web/dashboard.js';
import { wan } from '../src/modules/statistics/report.docx.js';
import { Role } from '../src/shared/enums.js';
import { DASHBOARD_DOCUMENTS } from '../src/web/dashboard.js';
import { writeTestRegistry } from './support/registry.js';
import { readFileSync } from 'node:fs';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test-output');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let hub: TestHub;
let browser: Browser;
let demoHub: RunningServer | undefined;
const origin = (url: string) => new URL(url).origin.replace('localhost', '127.0.0.1');

beforeAll(async () => {
  if (!existsSync(path.join(DASHBOARD_DIR, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'dashboard/vite.config.ts') });
  }
  hub = await startTestHub();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(OUT, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demoHub?.stop();
  await hub?.stop();
});

/** A page that records console errors, page errors and any request that leaves the hub. */
async function openPage(base: string) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1800 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
      problems.push(`request elsewhere: ${r.url()}`);
  });
  return { page, problems, close: () => ctx.close() };
}

async function signIn(page: Page, base: string, token: string) {
  await page.goto(`${base}/dashboard/`);
  await page.fill('#token', token);
  await page.click('#signin-button');
  await page.waitForSelector('#kpis .kpi');
  await page.waitForSelector('#overdue-note:not(:empty)', { state: 'attached' });
  await page.waitForSelector('#board[data-loaded]', { state: 'attached' });
}

/** The page's year for the performance sections when no year is chosen (main.ts: last year). */
const PERF_YEAR = new Date().getFullYear() - 1;
const wanOrDash = (y: string) => wan(y);

/**
 * The monitoring warnings and budget proposals sections against the API for the same token: shown with
 * the API's rows (first 50) and counts when the role may read them, absent when the API refuses them.
 */
async function checkPerformanceSections(
  page: Page,
  token: string,
  may: { monitoring: boolean; proposals: boolean },
) {
  const mon = await hub.gql(
    `query($y: Int!) { monitoringWarnings(budgetYear: $y, minLevel: YELLOW) { project { id } level } }`,
    { y: PERF_YEAR },
    token,
  );
  if (may.monitoring) {
    expect(mon.errors).toBeUndefined();
    const ws = mon.data.monitoringWarnings as { project: { id: string }; level: string }[];
    expect(await page.isVisible('#monitoring')).toBe(true);
    const red = ws.filter((w) => w.level === 'RED').length;
    expect(await page.textContent('#monitoring-note')).toContain(
      `红色预警 ${red} 项，黄色预警 ${ws.length - red} 项`,
    );
    const rows = page.locator('#monitoring-table tbody tr');
    expect(await rows.count()).toBe(Math.min(50, ws.length));
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-project'), tr.getAttribute('data-level')]),
    );
    expect(shown).toEqual(ws.slice(0, 50).map((w) => [w.project.id, w.level]));
    expect(await page.locator('#chart-monitoring canvas').count()).toBeGreaterThan(0);
  } else {
    expect(mon.data?.monitoringWarnings ?? null).toBeNull();
    expect(await page.isVisible('#monitoring')).toBe(false);
  }
  const prop = await hub.gql(
    `query($y: Int!) { budgetProposals(resultYear: $y) { project { id } action proposedAmount } }`,
    { y: PERF_YEAR },
    token,
  );
  if (may.proposals) {
    expect(prop.errors).toBeUndefined();
    const ps = prop.data.budgetProposals as {
      project: { id: string };
      action: string;
      proposedAmount: string;
    }[];
    expect(await page.isVisible('#proposals')).toBe(true);
    expect(await page.textContent('#proposals-note')).toContain(`共 ${ps.length} 项建议`);
    const rows = page.locator('#proposals-table tbody tr');
    expect(await rows.count()).toBe(Math.min(50, ps.length));
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-project'),
        tr.getAttribute('data-action'),
        tr.lastElementChild?.textContent,
      ]),
    );
    expect(shown).toEqual(ps.slice(0, 50).map((p) => [p.project.id, p.action, wanOrDash(p.proposedAmount)]));
    return ps.length;
  }
  expect(prop.data?.budgetProposals ?? null).toBeNull();
  expect(await page.isVisible('#proposals')).toBe(false);
  return 0;
}

const kpi = (page: Page, id: string) => page.getAttribute(`[data-kpi="${id}"] .value`, 'data-value');

const TOTAL = `{ stats { total { findings amount overdueTasks } } rectifications(filterBy: { overdue: true }, first: 1) { totalCount } }`;

describe('the dashboard in chromium', () => {
  it('FINANCE: loads offline without errors, renders every chart, shows the API’s numbers and drills down', async () => {
    const base = origin(hub.server.url);
    const token = await hub.token(Role.FINANCE, 'HC-CZJ');
    const { page, problems, close } = await openPage(base);
    try {
      const before = (await hub.gql(TOTAL, {}, token)).data;
      await signIn(page, base, token);
      const after = (await hub.gql(TOTAL, {}, token)).data;
      // other test files may add findings meanwhile: the page's figure is the API's of that moment
      const shown = Number(await kpi(page, 'findings'));
      expect([before.stats.total.findings, after.stats.total.findings]).toContain(shown);
      expect(shown).toBeGreaterThan(100);
      expect([wan(before.stats.total.amount), wan(after.stats.total.amount)]).toContain(
        await kpi(page, 'amount'),
      );
      expect(await page.textContent('#who')).toContain('FINANCE');
      for (const id of ['source', 'category', 'progress', 'overdue', 'grades', 'recognition'])
        expect(await page.locator(`#chart-${id} canvas`).count(), id).toBeGreaterThan(0);
      expect(await page.textContent('#overdue-note')).toContain(`${after.rectifications.totalCount} 项`);
      if (after.rectifications.totalCount > 0)
        expect(await page.locator('#overdue-table button.remind').count()).toBeGreaterThan(0);
      // the demo data has monitoring warnings and proposals for last year's results
      expect(
        await checkPerformanceSections(page, token, { monitoring: true, proposals: true }),
      ).toBeGreaterThan(0);
      expect(await page.locator('#monitoring-table tbody tr').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(OUT, 'dashboard-finance.png'), fullPage: true });

      // drill-down: the first bar of "by source" (sources in the API's order) lists its findings
      const groups = (await hub.gql(`{ stats(groupBy: SOURCE) { groups { key label } } }`, {}, token)).data
        .stats.groups as { key: string; label: string }[];
      const box = (await page.locator('#chart-source').boundingBox())!;
      // the chart's plot area: 60 px left, 20 px right, the axis 40 px above the bottom (main.ts)
      await page.mouse.click(box.x + 60 + (box.width - 80) / groups.length / 2, box.y + box.height - 44);
      await page.waitForSelector('#drill:not([hidden]) tbody tr');
      expect(await page.textContent('#drill-title')).toContain(groups[0]!.label);
      const sources = await page.locator('#drill-table tbody tr td:nth-child(2)').allTextContents();
      expect(new Set(sources)).toEqual(new Set([groups[0]!.label]));
      const listed = (
        await hub.gql(
          `query($s: [FindingSource!]) { findings(filterBy: { sources: $s }, first: 1) { totalCount } }`,
          { s: [groups[0]!.key] },
          token,
        )
      ).data.findings.totalCount;
      expect(await page.textContent('#drill-total')).toContain(`共 ${listed} 条`);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('UNIT: sees only its own data and no 催办', async () => {
    const base = origin(hub.server.url);
    const token = await hub.token(Role.UNIT, 'HC-U001');
    const unit = (await hub.knex('organization').where('code', 'HC-U001').first()) as { name: string };
    const { page, problems, close } = await openPage(base);
    try {
      const api = (await hub.gql(TOTAL, {}, token)).data;
      await signIn(page, base, token);
      expect(await page.textContent('#who')).toContain(unit.name);
      expect(Number(await kpi(page, 'findings'))).toBe(api.stats.total.findings);
      expect(await kpi(page, 'units')).toBe(api.stats.total.findings > 0 ? '1' : '0');
      const overdueUnits = await page.locator('#overdue-table tbody tr td:first-child').allTextContents();
      expect(overdueUnits.every((u) => u === unit.name)).toBe(true);
      expect(await page.locator('#overdue-table button.remind').count()).toBe(0);
      await checkPerformanceSections(page, token, { monitoring: true, proposals: true });
      const propUnits = await page.locator('#proposals-table tbody tr td:nth-child(2)').allTextContents();
      expect(propUnits.every((u) => u === unit.name)).toBe(true);
      await page.screenshot({ path: path.join(OUT, 'dashboard-unit.png'), fullPage: true });
      // the drill-down of the first category lists only the unit's findings
      const box = (await page.locator('#chart-category').boundingBox())!;
      const cats = (await hub.gql(`{ stats(groupBy: CATEGORY) { groups { key } } }`, {}, token)).data.stats
        .groups;
      // the largest category is the top bar (the chart lists the first ten, largest at the top)
      const n = Math.min(10, cats.length);
      // the chart's plot area: 20 px at the top, 30 px at the bottom (main.ts)
      const plotTop = box.y + 20;
      const plotHeight = box.height - 50;
      await page.mouse.click(box.x + 165, plotTop + plotHeight / n / 2);
      await page.waitForSelector('#drill:not([hidden]) tbody tr');
      const units = await page.locator('#drill-table tbody tr td:nth-child(4)').allTextContents();
      expect(units.length).toBeGreaterThan(0);
      expect(new Set(units)).toEqual(new Set([unit.name]));
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('AUDIT: the monitoring warnings but no budget proposals (the API refuses them to the audit bureau)', async () => {
    const base = origin(hub.server.url);
    const token = await hub.token(Role.AUDIT, 'HC-SJJ');
    const { page, problems, close } = await openPage(base);
    try {
      await signIn(page, base, token);
      await checkPerformanceSections(page, token, { monitoring: true, proposals: false });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('in demo mode the role picker signs in without pasting a token', async () => {
    const schema = applyPermissions(await buildHubSchema());
    demoHub = await startServer({
      config: { ...hub.config, seedDemo: true },
      orm: hub.orm,
      schema,
      log: createLogger('silent'),
      port: 0,
    });
    const base = origin(demoHub.url);
    const { page, problems, close } = await openPage(base);
    try {
      await page.goto(`${base}/dashboard/`);
      await page.click('#demo button:has-text("区政府领导")');
      await page.waitForSelector('#kpis .kpi');
      expect(await page.textContent('#who')).toContain('LEADERSHIP');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});

/** The dashboard's operations by hash (codegen's manifest): hash without the `sha256:` prefix → name. */
const dashboardOperations = new Map(
  Object.entries(JSON.parse(readFileSync(DASHBOARD_DOCUMENTS, 'utf8')) as Record<string, string>).map(
    ([id, text]) => [id.replace(/^sha256:/, ''), /^(?:query|mutation) (\w+)/.exec(text)![1]!],
  ),
);

type Sent = { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };
/** The bodies the page POSTs to /graphql. */
function recordGraphql(page: Page): Sent[] {
  const sent: Sent[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql')
      sent.push(r.postDataJSON() as Sent);
  });
  return sent;
}

describe('the dashboard with registered operations only (HUB_TRUSTED_DOCUMENTS=require)', () => {
  const registry = writeTestRegistry();
  let strict: RunningServer;
  beforeAll(async () => {
    // the registry folder holds the tests' operations only: the dashboard's are the hub's own
    strict = await startServer({
      config: { ...hub.config, trustedDocuments: 'require', trustedDocumentsDir: registry.dir },
      orm: hub.orm,
      schema: applyPermissions(await buildHubSchema()),
      log: createLogger('silent'),
      port: 0,
    });
  });
  afterAll(async () => {
    await strict?.stop();
    registry.remove();
  });

  it('FINANCE: every section loads, each operation sent by its registered hash alone', async () => {
    const base = origin(strict.url);
    const token = await hub.token(Role.FINANCE, 'HC-CZJ');
    // the mode is on: an operation that is not registered is refused
    const adhoc = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: TOTAL }),
    });
    expect(adhoc.status).toBe(403);
    const { page, problems, close } = await openPage(base);
    const sent = recordGraphql(page);
    try {
      const before = (await hub.gql(TOTAL, {}, token)).data;
      await signIn(page, base, token);
      const after = (await hub.gql(TOTAL, {}, token)).data;
      expect([before.stats.total.findings, after.stats.total.findings]).toContain(
        Number(await kpi(page, 'findings')),
      );
      expect(await page.textContent('#overdue-note')).toContain(`${after.rectifications.totalCount} 项`);
      await checkPerformanceSections(page, token, { monitoring: true, proposals: true });
      // the drill-down and the report download send their operations too
      const sources = (await hub.gql(`{ stats(groupBy: SOURCE) { groups { key } } }`, {}, token)).data.stats
        .groups.length as number;
      const box = (await page.locator('#chart-source').boundingBox())!;
      await page.mouse.click(box.x + 60 + (box.width - 80) / sources / 2, box.y + box.height - 44);
      await page.waitForSelector('#drill:not([hidden]) tbody tr');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-button')]);
      expect(download.suggestedFilename()).toMatch(/^\d{4}年度整改情况报告\.docx$/);
      // 催办 on the first overdue task: the mutation is registered too (sent, or refused with a reason)
      const remind = page.locator('#overdue-table button.remind').first();
      await remind.click();
      await expect.poll(() => remind.textContent()).toMatch(/已催办|未发送/);
      expect(sent.length).toBeGreaterThanOrEqual(7);
      for (const body of sent) {
        expect(body.query).toBeUndefined();
        expect(dashboardOperations.has(body.extensions!.persistedQuery!.sha256Hash!)).toBe(true);
      }
      const names = new Set(
        sent.map((b) => dashboardOperations.get(b.extensions!.persistedQuery!.sha256Hash!)),
      );
      expect([...names].sort()).toEqual([
        'Dashboard',
        'Drill',
        'Monitoring',
        'Overdue',
        'Proposals',
        'Remind',
        'ReportLink',
      ]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('a hash the hub does not know: the page sends the text when the mode allows, and not under require', async () => {
    const token = await hub.token(Role.FINANCE, 'HC-CZJ');
    const unknownHash = async (base: string) => {
      const { page, close } = await openPage(base);
      const sent = recordGraphql(page);
      // as if the page came from another build: every hash it sends is one the hub never registered
      await page.route('**/graphql', (route) => {
        const body = route.request().postDataJSON() as Sent;
        if (body.extensions?.persistedQuery) body.extensions.persistedQuery.sha256Hash = 'f'.repeat(64);
        return route.continue({ postData: JSON.stringify(body) });
      });
      await page.goto(`${base}/dashboard/`);
      await page.fill('#token', token);
      await page.click('#signin-button');
      return { page, sent, close };
    };
    // off (the main test hub): the text follows the refused hash, and the board loads
    const off = await unknownHash(origin(hub.server.url));
    try {
      await off.page.waitForSelector('#board[data-loaded]', { state: 'attached' });
      expect(off.sent.some((b) => b.query?.startsWith('query Dashboard('))).toBe(true);
    } finally {
      await off.close();
    }
    // require: no text is sent; the page says the operation is unknown
    const req = await unknownHash(origin(strict.url));
    try {
      await req.page.waitForSelector('#signin-error:not(:empty)');
      expect(await req.page.textContent('#signin-error')).toContain('No registered operation has this hash');
      expect(req.sent.length).toBeGreaterThan(0);
      expect(req.sent.filter((b) => b.query !== undefined)).toEqual([]);
    } finally {
      await req.close();
    }
  }, 120_000);
});
