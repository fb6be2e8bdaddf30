/**
 * The offline GraphQL explorer (接口调试): GET /graphql from a browser (Accept: text/html) gets a page
 * running GraphiQL, whose every file is served by the hub (see assets.ts) — it works on a network
 * without internet. The page's Content-Security-Policy allows nothing but this origin, so a file that
 * tried to load anything from elsewhere would be stopped by the browser too.
 *
 * In demo mode (demo data, not production) the page offers the demo roles as buttons: one click puts
 * `Authorization: Bearer <token>` into GraphiQL's headers. The tokens come from GET
 * /explorer/demo-tokens, signed like `npm start` prints them; the endpoint does not exist otherwise.
 */
import type express from 'express';
import type { Knex } from 'knex';
import { organizationNamesByCodes } from '../modules/organization/organization.repo.js';
import type { HubConfig } from '../config.js';
import { demoTokens } from '../cli/token.js';
import { Role } from '../shared/enums.js';
import { ASSET_PREFIX, assetHandler, assetUrl, explorerAssets } from './assets.js';
import { escapeHtml, pageHeaders } from './html.js';

export const EXPLORER_PATH = '/graphql';
export const DEMO_TOKENS_PATH = '/explorer/demo-tokens';
/** Demo tokens are valid this long (as printed by `npm start`). */
const DEMO_TOKEN_TTL = '12h';

/** Demo mode: the demo data set is loaded at start and this is not a production deployment. */
export function isDemoMode(config: HubConfig): boolean {
  return config.seedDemo && !config.production;
}

/** How the role buttons are labelled (the officials' words). */
export const ROLE_LABELS: Record<Role, string> = {
  PUBLIC: '公众',
  FINANCE: '财政局',
  AUDIT: '审计局',
  REFORM: '发改局',
  DISCIPLINE: '纪委监委',
  UNIT: '预算单位',
  EVALUATOR: '第三方机构',
  LEADERSHIP: '区政府领导',
  HUB_ADMIN: '平台运营',
};

/** The query a new tab starts with: it works for every role, PUBLIC included, on the demo data. */
export const DEFAULT_QUERY = `# 监督信息共享平台 · 接口调试（离线可用）
#
# 1. 在页面上方点选角色，令牌自动填入下方 Headers。
# 2. 点击 ▶（或按 Ctrl+Enter）运行，结果显示在右侧。
# 3. 左上角“文档”图标可查看全部类型与字段说明；
#    输入时按 Ctrl+Space 自动补全。
#
# 无权查看的字段返回 null，并在 errors 中注明 FORBIDDEN；
# 详见首页“权限矩阵”。

query Overview {
  # 当前身份：角色、可阅敏感级别、所属机构
  viewer {
    role
    clearance
    organization {
      code
      name
    }
  }
  # 问题统计：按监督来源汇总（仅统计本角色可见的问题）
  findingStats {
    total
    amount
    bySource {
      source
      count
      amount
    }
  }
  # 最近的 5 条问题
  findings(first: 5) {
    totalCount
    nodes {
      id
      source
      category
      fiscalYear
      agency {
        name
      }
      unit {
        name
      }
      viewerCanReadContent
    }
  }
}
`;

/** Browsers ask for HTML; GraphQL clients for JSON (the same negotiation Apollo's landing page used). */
export function prefersHtml(req: express.Request): boolean {
  return (
    req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) ===
    'text/html'
  );
}

/** JSON for a <script type="application/json"> block: nothing in it can end the block. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function explorerPage(opts: { assets: ReturnType<typeof explorerAssets>; demo: boolean }): string {
  const { assets } = opts;
  const settings = {
    endpoint: EXPLORER_PATH,
    demoTokens: opts.demo ? DEMO_TOKENS_PATH : null,
    defaultQuery: DEFAULT_QUERY,
    publicLabel: ROLE_LABELS.PUBLIC,
  };
  const css = (name: string) => `<link rel="stylesheet" href="${escapeHtml(assetUrl(assets, name))}" />`;
  const js = (name: string) => `<script src="${escapeHtml(assetUrl(assets, name))}"></script>`;
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <link rel="icon" href="data:," />
    <title>接口调试 · 监督信息共享平台</title>
    ${css('graphiql.min.css')}
    ${css('explorer.css')}
  </head>
  <body>
    <div id="explorer">
      <noscript>接口调试页面需要启用 JavaScript。也可以直接向 POST /graphql 发送 GraphQL 请求。</noscript>
      <p class="hub-loading">正在加载接口调试工具…</p>
    </div>
    <script id="explorer-settings" type="application/json">${scriptJson(settings)}</script>
    ${js('react.production.min.js')}
    ${js('react-dom.production.min.js')}
    ${js('graphiql.min.js')}
    ${js('explorer.js')}
  </body>
</html>
`;
}

/** Everything the page needs comes from this origin; the GraphQL socket is on the same host. */
const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL and its popovers set inline styles
  "style-src 'self' 'unsafe-inline'",
  // GraphiQL's fonts and icons are data: URLs inside its CSS
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function mountExplorer(app: express.Express, opts: { config: HubConfig; knex: Knex }): void {
  const { config, knex } = opts;
  if (!config.explorer) {
    // Apollo's own landing page is disabled too: a browser gets a plain 404 that says why
    app.get(EXPLORER_PATH, (req, res, next) => {
      if (!prefersHtml(req)) return next();
      res
        .status(404)
        .type('text/plain')
        .send('The GraphQL explorer is turned off on this hub (HUB_EXPLORER=false). POST /graphql works.\n');
    });
    return;
  }
  const assets = explorerAssets();
  const demo = isDemoMode(config);
  const page = explorerPage({ assets, demo });

  app.get(EXPLORER_PATH, (req, res, next) => {
    if (!prefersHtml(req)) return next();
    res.set(pageHeaders(EXPLORER_CSP));
    // the answer differs by Accept: caches must keep the page apart from GET query results
    res.vary('Accept');
    res.type('html').send(page);
  });
  app.get('/explorer', (_req, res) => {
    res.redirect(302, EXPLORER_PATH);
  });
  app.get(`${ASSET_PREFIX}:name`, assetHandler(assets));

  if (demo) {
    app.get(DEMO_TOKENS_PATH, async (_req, res, next) => {
      try {
        const tokens = await demoTokens(config, knex, DEMO_TOKEN_TTL);
        const names = await organizationNamesByCodes(
          knex,
          tokens.map((t) => t.org).filter((c): c is string => c !== null),
        );
        res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
        res.json({
          note: 'Demo tokens (演示令牌): demo mode only, never in production.',
          ttl: DEMO_TOKEN_TTL,
          tokens: tokens.map((t) => ({
            role: t.role,
            label: ROLE_LABELS[t.role],
            org: t.org,
            orgName: t.org ? (names.get(t.org) ?? null) : null,
            token: t.token,
          })),
        });
      } catch (e) {
        next(e);
      }
    });
  }
}
