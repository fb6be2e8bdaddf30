/**
 * The hub's front page at / (Chinese, plain HTML and CSS, nothing loaded from elsewhere): links to the
 * explorer, the dashboard when one is mounted, the API contract (/schema.graphql), the permission matrix
 * (/permissions.md) and the health checks. Served, like the explorer, only when HUB_EXPLORER is on.
 *
 * Hook for pages that come later: add them to OPTIONAL_LINKS. Such a link is shown only while the app
 * has a route for its path (checked on each request), so e.g. /dashboard appears on the front page as
 * soon as a dashboard module mounts GET /dashboard, with no change here.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type express from 'express';
import type { HubConfig } from '../config.js';
import { EXPLORER_PATH, isDemoMode } from './explorer.js';
import { escapeHtml, pageHeaders } from './html.js';

interface Link {
  href: string;
  title: string;
  text: string;
}

/** Pages linked only when some module has mounted a GET route for them. */
export const OPTIONAL_LINKS: Link[] = [
  {
    href: '/dashboard',
    title: '监督看板',
    text: '问题、整改进度与逾期督办的统计看板。',
  },
];

const SCHEMA_DIR = path.resolve(import.meta.dirname, '../../schema');

/** The committed documents served as plain text (readable in any browser, no download). */
export const DOCUMENTS: Record<string, { file: string; title: string; text: string }> = {
  '/schema.graphql': {
    file: path.join(SCHEMA_DIR, 'schema.graphql'),
    title: '接口定义（GraphQL Schema）',
    text: '全部类型、字段与说明（中英文），即对接方使用的接口契约。',
  },
  '/permissions.md': {
    file: path.join(SCHEMA_DIR, 'permissions.md'),
    title: '权限矩阵',
    text: '各角色可见的数据范围与每个字段的访问级别，由服务器实际执行的规则生成。',
  },
};

interface RouterLayer {
  route?: { methods?: Record<string, boolean> };
  slash?: boolean;
  match?: (path: string) => unknown;
}

/** Whether the app answers GET `p` with a route or a router mounted at it (catch-all middleware aside). */
export function hasGetRoute(app: express.Express, p: string): boolean {
  const stack = (app as unknown as { router?: { stack?: RouterLayer[] } }).router?.stack ?? [];
  return stack.some((layer) => {
    if (layer.slash || typeof layer.match !== 'function') return false;
    if (layer.route && !(layer.route.methods?.get || layer.route.methods?._all)) return false;
    return Boolean(layer.match(p));
  });
}

const LANDING_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function landingPage(opts: { demo: boolean; optional: Link[] }): string {
  const card = (l: Link) =>
    `<li><a href="${escapeHtml(l.href)}"><span class="t">${escapeHtml(l.title)}</span>` +
    `<span class="p">${escapeHtml(l.href)}</span><span class="d">${escapeHtml(l.text)}</span></a></li>`;
  const links: Link[] = [
    {
      href: EXPLORER_PATH,
      title: '接口调试（GraphiQL）',
      text: '在浏览器中编写、运行 GraphQL 查询并查阅字段说明；所有文件由本平台提供，无需连接互联网。',
    },
    ...opts.optional,
    ...Object.entries(DOCUMENTS).map(([href, d]) => ({ href, title: d.title, text: d.text })),
    { href: '/healthz', title: '运行状态', text: '服务是否在运行（/readyz：数据库是否可用）。' },
  ];
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>监督信息共享平台</title>
    <link rel="icon" href="data:," />
    <style>
      body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif; color: #222; background: #f6f6f4; }
      header { background: #9e1b1b; color: #fff; padding: 2rem 1.5rem 1.5rem; }
      header h1 { margin: 0 0 0.5rem; font-size: 1.75rem; }
      header p { margin: 0; opacity: 0.9; }
      main { max-width: 56rem; margin: 0 auto; padding: 1.5rem; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
      li a { display: flex; flex-direction: column; gap: 0.35rem; height: 100%; box-sizing: border-box; padding: 1rem 1.25rem; background: #fff; border: 1px solid #ddd; border-radius: 6px; color: inherit; text-decoration: none; }
      li a:hover, li a:focus-visible { border-color: #9e1b1b; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.12); }
      .t { font-weight: 600; color: #9e1b1b; font-size: 1.1rem; }
      .p { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; color: #666; }
      .d { font-size: 0.9rem; line-height: 1.5; }
      .note { margin: 1.5rem 0 0; padding: 0.75rem 1rem; background: #fff8e1; border: 1px solid #f0d78c; border-radius: 6px; font-size: 0.9rem; }
      footer { max-width: 56rem; margin: 0 auto; padding: 0 1.5rem 2rem; font-size: 0.85rem; color: #666; line-height: 1.6; }
      code { font-family: ui-monospace, Menlo, Consolas, monospace; }
    </style>
  </head>
  <body>
    <header>
      <h1>监督信息共享平台</h1>
      <p>信息共享 · 结果互认 · 整改共督 —— 财政、审计、发改、纪检监察监督数据中枢</p>
    </header>
    <main>
      <ul>
        ${links.map(card).join('\n        ')}
      </ul>
      ${opts.demo ? '<p class="note">演示模式：已载入鹤城区演示数据。在“接口调试”页面上方点选角色（如 财政局 FINANCE），即可用该角色的演示令牌查询。</p>' : ''}
    </main>
    <footer>
      接口地址：<code>POST /graphql</code>（请求头 <code>Authorization: Bearer 令牌</code>；不带令牌即公众角色）；
      订阅：同一地址的 WebSocket（graphql-ws）。
    </footer>
  </body>
</html>
`;
}

export function mountLanding(app: express.Express, opts: { config: HubConfig }): void {
  const { config } = opts;
  if (!config.explorer) return;
  const demo = isDemoMode(config);

  app.get('/', (_req, res) => {
    const optional = OPTIONAL_LINKS.filter((l) => hasGetRoute(app, l.href));
    res.set(pageHeaders(LANDING_CSP));
    res.type('html').send(landingPage({ demo, optional }));
  });

  for (const [href, doc] of Object.entries(DOCUMENTS)) {
    app.get(href, async (_req, res, next) => {
      let text: string;
      try {
        text = await readFile(doc.file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          res.status(404).type('text/plain').send(`${href} is not available on this installation.\n`);
          return;
        }
        return next(e);
      }
      res.set({
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'",
      });
      res.send(text);
    });
  }
}
