// The dashboard (综合看板): reads the hub's GraphQL API with the viewer's own token, so it shows exactly
// what that role may see. Every asset is bundled by Vite; ECharts comes from node_modules.
//
// Its operations are registered trusted documents: they live in dashboard/operations/*.graphql, and
// codegen (codegen.yml) gives each a typed document holding only its hash, plus the manifest of their
// texts that the hub registers. The page sends the hash; only if the hub does not know it (another
// build) and its mode is not `require` does it send the text.
import * as echarts from 'echarts';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  DashboardDocument,
  DrillDocument,
  MonitoringDocument,
  OverdueDocument,
  ProposalsDocument,
  RemindDocument,
  ReportLinkDocument,
} from './__generated__/graphql';
import DOCUMENTS from './__generated__/persisted-documents.json';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const TOKEN_KEY = 'hub-dashboard-token';
let token: string | null = sessionStorage.getItem(TOKEN_KEY);
let role = '';
const charts: echarts.ECharts[] = [];

const SOURCE_NAMES: Record<string, string> = {
  PERFORMANCE: '财政绩效评价',
  AUDIT: '审计',
  REFORM: '发改稽察',
  DISCIPLINE: '纪检监察',
};
const STATUS_NAMES: Record<string, string> = {
  PENDING: '待整改',
  IN_PROGRESS: '整改中',
  PARTLY: '部分整改',
  COMPLETED: '整改完成待核验',
  CONTINUING: '持续整改',
  RECTIFIED: '已整改销号',
};
const GRADE_NAMES: Record<string, string> = { EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' };
const DECISION_NAMES: Record<string, string> = {
  RECOGNISED: '采信',
  PARTLY_RECOGNISED: '部分采信',
  NOT_RECOGNISED: '不予采信',
};
const STATE_NAMES: Record<string, string> = {
  ASSIGNED: '待整改',
  IN_PROGRESS: '整改中',
  SUBMITTED: '已提交待核验',
  RETURNED: '退回',
  CLOSED: '已销号',
};
/** Roles that supervise tasks and so may send a reminder (催办); the hub decides per task. */
const REMINDER_ROLES = ['FINANCE', 'AUDIT', 'REFORM', 'DISCIPLINE'];

/** Yuan string → 万元 with two decimals, exactly (half up). */
function wan(yuan: string | null | undefined): string {
  if (yuan == null) return '—';
  const neg = yuan.startsWith('-');
  const [i, d = ''] = (neg ? yuan.slice(1) : yuan).split('.');
  const fen = BigInt(i || '0') * 100n + BigInt((d + '00').slice(0, 2));
  const h = (fen + 5000n) / 10000n;
  return `${neg && h !== 0n ? '-' : ''}${h / 100n}.${String(h % 100n).padStart(2, '0')}`;
}

interface Settings {
  demoTokens: string | null;
  trustedDocuments?: 'off' | 'log' | 'require';
}
const settings: Promise<Settings> = fetch('/dashboard/settings.json')
  .then((r) => r.json() as Promise<Settings>)
  .catch(() => ({ demoTokens: null }));

type Answer<T> = {
  data?: T;
  errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[];
};

/** Sends a registered operation by its hash (see the top of this file). */
async function gql<T, V>(doc: TypedDocumentNode<T, V>, variables?: V): Promise<T> {
  const id = (doc as { __meta__?: { hash: string } }).__meta__!.hash;
  const post = async (payload: object) => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ variables: variables ?? {}, ...payload }),
    });
    return { res, body: (await res.json()) as Answer<T> };
  };
  let { res, body } = await post({
    extensions: { persistedQuery: { version: 1, sha256Hash: id.replace(/^sha256:/, '') } },
  });
  if (
    body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND' &&
    (await settings).trustedDocuments !== 'require'
  ) {
    ({ res, body } = await post({ query: (DOCUMENTS as Record<string, string>)[id] }));
  }
  if (res.status === 401) throw new Error('令牌无效或已过期，请重新登录。');
  // a field the role may not read comes back null with an error at its path: the rest still shows
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? `请求失败（${res.status}）`);
  return body.data;
}

function kpi(id: string, label: string, value: string) {
  return `<div class="kpi" data-kpi="${id}"><div class="label">${label}</div><div class="value" data-value="${value}">${value}</div></div>`;
}

function chart(
  id: string,
  option: echarts.EChartsOption,
  onClick?: (p: { name: string; data: unknown }) => void,
) {
  const el = $(id);
  echarts.getInstanceByDom(el)?.dispose();
  const c = echarts.init(el);
  // no animation: the page shows final figures at once (and screenshots show them too)
  c.setOption({ animation: false, ...option });
  if (onClick) c.on('click', (p) => onClick(p as never));
  charts.push(c);
  return c;
}

function currentFilter(): Record<string, unknown> {
  const y = $<HTMLSelectElement>('year').value;
  return y ? { fiscalYears: [Number(y)] } : {};
}

async function load() {
  $('board').removeAttribute('data-loaded');
  const data = await gql(DashboardDocument, { filter: currentFilter() });
  role = data.viewer.role;
  $('who').textContent = `${data.viewer.organization?.name ?? '社会公众'}（${role}）`;
  const sel = $<HTMLSelectElement>('year');
  if (sel.options.length === 0) {
    sel.innerHTML =
      '<option value="">全部年度</option>' +
      data.years.groups
        .map((g) => g.key)
        .filter((k): k is string => k != null)
        .sort()
        .reverse()
        .map((k) => `<option value="${k}">${k}年度</option>`)
        .join('');
  }
  const t = data.bySource.total;
  const rate = (r: unknown) => (r == null ? '—' : `${Number(r).toFixed(2)}%`);
  $('kpis').innerHTML = [
    kpi('findings', '问题总数（个）', String(t.findings)),
    kpi('amount', '涉及金额（万元）', wan(t.amount)),
    kpi('units', '涉及单位（个）', String(t.units)),
    kpi('rectified', '已整改销号（个）', String(t.rectified)),
    kpi('rate', '整改率', rate(t.rectificationRate)),
    kpi('onTime', '按期销号率', rate(t.onTimeRate)),
    kpi('overdue', '逾期任务（项）', String(t.overdueTasks)),
    kpi('money', '整改金额（万元）', wan(t.moneyRecovered)),
    kpi('rules', '建章立制（项）', String(t.rulesIssued)),
    kpi('accountable', '问责人数（人）', String(t.peopleHeldAccountable)),
  ].join('');
  charts.splice(0).forEach((c) => c.dispose());
  const src = data.bySource.groups;
  chart(
    'chart-source',
    {
      tooltip: {},
      // a fixed plot area (also what the browser test clicks into)
      grid: { left: 60, right: 20, top: 40, bottom: 40, outerBoundsMode: 'none' },
      xAxis: { type: 'category', data: src.map((g) => g.label) },
      yAxis: { type: 'value', name: '问题数' },
      series: [{ type: 'bar', data: src.map((g) => ({ value: g.figures.findings, key: g.key })) }],
    },
    (p) => drill({ sources: [(p.data as { key: string }).key] }, `来源：${p.name}`),
  );
  const cats = data.byCategory.groups.slice(0, 10).reverse();
  chart(
    'chart-category',
    {
      tooltip: {},
      grid: { left: 160, right: 20, top: 20, bottom: 30, outerBoundsMode: 'none' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: cats.map((g) => g.label) },
      series: [{ type: 'bar', data: cats.map((g) => ({ value: g.figures.findings, key: g.key })) }],
    },
    (p) => drill({ categories: [(p.data as { key: string }).key] }, `类别：${p.name}`),
  );
  chart('chart-progress', {
    tooltip: {},
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: (['RECTIFIED', 'COMPLETED', 'PARTLY', 'CONTINUING', 'IN_PROGRESS', 'PENDING'] as const).map(
          (s) => ({
            name: STATUS_NAMES[s],
            value:
              t[
                (
                  {
                    RECTIFIED: 'rectified',
                    COMPLETED: 'completed',
                    PARTLY: 'partly',
                    CONTINUING: 'continuing',
                    IN_PROGRESS: 'inProgress',
                    PENDING: 'pending',
                  } as const
                )[s]
              ],
          }),
        ),
      },
    ],
  });
  chart('chart-overdue', {
    tooltip: {},
    xAxis: { type: 'category', data: ['30天以内', '31至90天', '90天以上'] },
    yAxis: { type: 'value', name: '任务数' },
    series: [{ type: 'bar', data: [t.overdue1To30, t.overdue31To90, t.overdueOver90] }],
  });
  chart('chart-grades', {
    tooltip: {},
    series: [
      {
        type: 'pie',
        data: data.bySource.grades.map((g) => ({ name: GRADE_NAMES[g.grade] ?? g.grade, value: g.count })),
      },
    ],
  });
  const recs = data.bySource.recognitions;
  chart('chart-recognition', {
    tooltip: {},
    grid: { left: 200 },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      data: recs.map(
        (r) => `${r.agencyName}→${r.targetAgencyName}（${DECISION_NAMES[r.decision] ?? r.decision}）`,
      ),
    },
    series: [{ type: 'bar', data: recs.map((r) => r.count) }],
  });
  await loadOverdue();
  await Promise.all([loadMonitoring(), loadProposals()]);
  $('board').setAttribute('data-loaded', '1');
}

/** Year of the performance sections: the selected year, else last year (the latest year with results). */
function performanceYear(): number {
  const y = $<HTMLSelectElement>('year').value;
  return y ? Number(y) : new Date().getFullYear() - 1;
}

/** Runs a section's query; a role the API refuses it to (FORBIDDEN) does not see the section. */
async function section<T, V>(id: string, doc: TypedDocumentNode<T, V>, variables: V): Promise<T | null> {
  try {
    return await gql(doc, variables);
  } catch {
    $(id).hidden = true;
    return null;
  }
}

const LEVEL_NAMES: Record<string, string> = { RED: '红色预警', YELLOW: '黄色预警', NONE: '无预警' };

async function loadMonitoring() {
  const year = performanceYear();
  const d = await section('monitoring', MonitoringDocument, { year });
  if (!d) return;
  const ws = d.monitoringWarnings;
  const red = ws.filter((w) => w.level === 'RED').length;
  const yellow = ws.length - red;
  $('monitoring').hidden = false;
  $('monitoring-title').textContent = `${year}年度绩效运行监控预警（双监控）`;
  chart('chart-monitoring', {
    tooltip: {},
    xAxis: { type: 'category', data: [LEVEL_NAMES.RED!, LEVEL_NAMES.YELLOW!] },
    yAxis: { type: 'value', name: '项目数' },
    series: [
      {
        type: 'bar',
        data: [
          { value: red, itemStyle: { color: '#c23531' } },
          { value: yellow, itemStyle: { color: '#e6a23c' } },
        ],
      },
    ],
  });
  $('monitoring-table').querySelector('tbody')!.innerHTML = ws
    .slice(0, 50)
    .map(
      (w) =>
        `<tr data-project="${w.project.id}" data-level="${w.level}"><td>${esc(w.project.name)}</td><td>${esc(w.unit.name)}</td>` +
        `<td class="level-${w.level.toLowerCase()}">${LEVEL_NAMES[w.level] ?? w.level}</td>` +
        `<td>${w.timeProgress.toFixed(2)}%</td><td>${w.spendingProgress.toFixed(2)}%</td><td>${esc(w.reasons.join('；'))}</td></tr>`,
    )
    .join('');
  $('monitoring-note').textContent =
    `红色预警 ${red} 项，黄色预警 ${yellow} 项` + (ws.length > 50 ? '（表中列出前 50 项）。' : '。');
}

const ACTION_NAMES: Record<string, string> = {
  PRIORITY: '优先保障',
  SUPPORT: '予以支持',
  REDUCE: '压减预算',
  CANCEL: '取消项目',
};

async function loadProposals() {
  const year = performanceYear();
  const d = await section('proposals', ProposalsDocument, { year });
  if (!d) return;
  const ps = d.budgetProposals;
  $('proposals').hidden = false;
  $('proposals-title').textContent = `预算结果应用建议（${year}年度评价结果用于${year + 2}年度预算）`;
  $('proposals-table').querySelector('tbody')!.innerHTML = ps
    .slice(0, 50)
    .map(
      (p) =>
        `<tr data-project="${p.project.id}" data-action="${p.action}"><td>${esc(p.project.name)}</td><td>${esc(p.unit.name)}</td>` +
        `<td>${esc(p.grade ?? '—')}</td><td>${ACTION_NAMES[p.action] ?? p.action}</td><td>${wan(p.budgetAmount)}</td>` +
        `<td>${wan(p.reduceAmount)}</td><td>${wan(p.holdBackAmount)}</td><td>${wan(p.proposedAmount)}</td></tr>`,
    )
    .join('');
  $('proposals-note').textContent =
    `共 ${ps.length} 项建议` + (ps.length > 50 ? '（表中列出前 50 项）。' : '。');
}

async function drill(extra: Record<string, unknown>, title: string) {
  const d = await gql(DrillDocument, { filter: { ...currentFilter(), ...extra } });
  $('drill').hidden = false;
  $('drill-title').textContent = `明细：${title}`;
  $('drill-table').querySelector('tbody')!.innerHTML = d.findings.nodes
    .map(
      (f) =>
        `<tr><td>${esc(f.title ?? '（无权查看）')}</td><td>${SOURCE_NAMES[f.source] ?? f.source}</td><td>${esc(f.category)}</td>` +
        `<td>${esc(f.unit.name)}</td><td>${wan(f.amountInvolved)}</td><td>${f.rectificationStatus ? STATUS_NAMES[f.rectificationStatus] : '—'}</td></tr>`,
    )
    .join('');
  $('drill-total').textContent = `共 ${d.findings.totalCount} 条（显示前 20 条；同一问题各部门分别列出）`;
  $('drill').scrollIntoView();
}

async function loadOverdue() {
  const d = await gql(OverdueDocument);
  const canRemind = REMINDER_ROLES.includes(role);
  const body = $('overdue-table').querySelector('tbody')!;
  body.innerHTML = d.rectifications.nodes
    .map(
      (r) =>
        `<tr data-id="${r.id}"><td>${esc(r.unit.name)}</td><td>${dateCn(r.deadline)}</td><td>${r.daysOverdue}</td><td>${STATE_NAMES[r.state] ?? r.state}</td>` +
        `<td>${canRemind ? `<button type="button" class="remind" data-id="${r.id}" data-version="${r.version}">催办</button>` : ''}</td></tr>`,
    )
    .join('');
  $('overdue-note').textContent = `逾期任务共 ${d.rectifications.totalCount} 项。`;
  body.querySelectorAll<HTMLButtonElement>('button.remind').forEach((b) =>
    b.addEventListener('click', async () => {
      b.disabled = true;
      const r = await gql(RemindDocument, {
        input: {
          id: b.dataset.id!,
          version: Number(b.dataset.version),
          reason: '请加快整改进度，按期完成整改。',
        },
      });
      const err = r.rectificationRemind.userErrors[0];
      b.textContent = err ? `未发送：${err.message}` : '已催办';
    }),
  );
}

function dateCn(iso: string) {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
function esc(s: string) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

async function downloadReport() {
  const y = $<HTMLSelectElement>('year').value || $<HTMLSelectElement>('year').options[1]?.value;
  if (!y) return;
  const r = await gql(ReportLinkDocument, { year: Number(y) });
  const res = await fetch(r.rectificationReport.docxPath, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`报告下载失败（${res.status}）`);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = `${y}年度整改情况报告.docx`;
  a.click();
}

async function signIn(t: string) {
  token = t.trim();
  $('signin-error').textContent = '';
  try {
    $('signin').hidden = true;
    $('board').hidden = false;
    await load();
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch (e) {
    $('signin').hidden = false;
    $('board').hidden = true;
    $('signin-error').textContent = (e as Error).message;
  }
}

async function demoPicker() {
  // demo mode only: the hub names the demo tokens' address then
  const { demoTokens } = await settings;
  if (!demoTokens) return;
  const res = await fetch(demoTokens).catch(() => null);
  if (!res?.ok) return;
  const d = (await res.json()) as {
    tokens: { role: string; label: string; orgName: string | null; token: string }[];
  };
  $('demo').innerHTML =
    '<p>演示模式：选择一个演示角色</p>' +
    d.tokens
      .map(
        (t, i) =>
          `<button type="button" data-i="${i}">${esc(t.label)}${t.orgName ? `（${esc(t.orgName)}）` : ''}</button>`,
      )
      .join('');
  $('demo')
    .querySelectorAll<HTMLButtonElement>('button')
    .forEach((b) => b.addEventListener('click', () => signIn(d.tokens[Number(b.dataset.i)]!.token)));
}

$('signin-button').addEventListener('click', () => signIn($<HTMLTextAreaElement>('token').value));
$('signout-button').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
});
$('year').addEventListener('change', () => load().catch((e) => alert((e as Error).message)));
$('report-button').addEventListener('click', () =>
  downloadReport().catch((e) => alert((e as Error).message)),
);
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
void demoPicker();
if (token) void signIn(token);
