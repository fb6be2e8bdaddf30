/**
 * The five workloads of the comparison, each as the hub (GraphQL, FINANCE token), PostGraphile
 * (GraphQL over its generated schema) and the hand-written server (GET path) ask for it, and how each
 * answer is turned into one common shape, so the three can be compared row by row before anything is
 * measured.
 */
import { fromGlobalId } from '../../src/shared/global-id.js';

export type ServerName = 'hub' | 'postgraphile' | 'raw';
export const SERVERS: ServerName[] = ['hub', 'postgraphile', 'raw'];

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A finding row in the common shape: db id plus whatever fields the workload shows. */
export interface Row {
  id: number;
  [field: string]: unknown;
}
export interface StatLine {
  key: string;
  count: number;
  amount: string;
}
export type Common =
  | { kind: 'rows'; rows: Row[]; totalCount: number | null }
  | { kind: 'stats'; bySource: StatLine[]; byFiscalYear: StatLine[] };

export interface Workload {
  name: string;
  /** As in the issue's table. */
  label: string;
  hub: { query: string };
  postgraphile: { query: string };
  raw: { path: string };
  /** Dotted paths of the fields compared, besides id (rows workloads). */
  fields: string[];
  extract: Record<ServerName, (body: Json) => Common>;
  /** Rows expected on the page (exactly; null = up to `max`). */
  rows: number | null;
  max?: number;
}

export const SEARCH_TERM = '专项资金';

const hubId = (gid: string) => {
  const g = fromGlobalId(gid);
  if (!g || g.type !== 'Finding') throw new Error(`not a Finding global id: ${gid}`);
  return g.id;
};

/** PostGraphile's relation fields renamed to the hub's names. */
const fromPg = (n: Json): Row => {
  const row: Row = { id: n.id };
  for (const [k, v] of Object.entries(n)) {
    if (k === 'id') continue;
    if (k === 'organizationByUnitId') row.unit = v;
    else if (k === 'projectByProjectId')
      row.project = v && {
        name: (v as Json).name,
        ownerUnit: (v as Json).organizationByOwnerUnitId,
      };
    else if (k === 'reviewByReviewId') row.review = v;
    else row[k] = v;
  }
  return row;
};

const rows = (nodes: Json[] | undefined, map: (n: Json) => Row, totalCount?: number): Common => {
  if (!Array.isArray(nodes)) throw new Error('no nodes in the answer');
  return { kind: 'rows', rows: nodes.map(map), totalCount: totalCount ?? null };
};

const hubRows = (b: Json) =>
  rows(b?.data?.findings?.nodes, (n) => ({ ...n, id: hubId(n.id) }), b?.data?.findings?.totalCount);
const pgRows = (b: Json) => rows(b?.data?.allFindings?.nodes, fromPg, b?.data?.allFindings?.totalCount);
const rawRows = (b: Json) => rows(b?.data?.nodes, (n) => n, b?.data?.totalCount);

const line = (key: unknown, count: unknown, amount: unknown): StatLine => ({
  key: String(key),
  count: Number(count),
  amount: Number(amount).toFixed(2),
});
const sortLines = (xs: StatLine[]) => [...xs].sort((a, b) => a.key.localeCompare(b.key));

const hubStats = (b: Json): Common => {
  // `raw`: every agency's finding counted, as the peers count (the default counts a same-problem group once)
  const s = b?.data?.findingStats?.raw;
  if (!s) throw new Error('no findingStats in the answer');
  return {
    kind: 'stats',
    bySource: sortLines(s.bySource.map((x: Json) => line(x.source, x.count, x.amount))),
    byFiscalYear: sortLines(s.byFiscalYear.map((x: Json) => line(x.fiscalYear, x.count, x.amount))),
  };
};
const pgStats = (b: Json): Common => {
  const nodes = b?.data?.benchFindingStats?.nodes as Json[] | undefined;
  if (!nodes) throw new Error('no benchFindingStats in the answer');
  return {
    kind: 'stats',
    bySource: sortLines(nodes.filter((x) => x.g === 'S').map((x) => line(x.source, x.n, x.amount))),
    byFiscalYear: sortLines(nodes.filter((x) => x.g === 'Y').map((x) => line(x.fiscalYear, x.n, x.amount))),
  };
};
const rawStats = (b: Json): Common => {
  const s = b?.data;
  if (!s?.bySource) throw new Error('no stats in the answer');
  return {
    kind: 'stats',
    bySource: sortLines(s.bySource.map((x: Json) => line(x.source, x.count, x.amount))),
    byFiscalYear: sortLines(s.byFiscalYear.map((x: Json) => line(x.fiscalYear, x.count, x.amount))),
  };
};

const rowsExtract = { hub: hubRows, postgraphile: pgRows, raw: rawRows };

export const WORKLOADS: Workload[] = [
  {
    name: 'list',
    label: '100 AUDIT findings, id title amount unit{name}',
    hub: {
      query: `query List { findings(first: 100, filterBy: { sources: [AUDIT] }) { nodes { id title amountInvolved unit { name } } } }`,
    },
    postgraphile: {
      query: `query List { allFindings(first: 100, orderBy: ID_DESC, condition: { source: "AUDIT", financeRowScope: true }) { nodes { id title amountInvolved organizationByUnitId { name } } } }`,
    },
    raw: { path: '/list?source=AUDIT&first=100' },
    fields: ['title', 'amountInvolved', 'unit.name'],
    extract: rowsExtract,
    rows: 100,
  },
  {
    name: 'nested',
    label: '100 findings + unit, project{name ownerUnit{name}}, review{title score grade}',
    hub: {
      query: `query Nested { findings(first: 100) { nodes { id title unit { name } project { name ownerUnit { name } } review { title score grade } } } }`,
    },
    postgraphile: {
      query: `query Nested { allFindings(first: 100, orderBy: ID_DESC, condition: { financeRowScope: true }) { nodes { id title organizationByUnitId { name } projectByProjectId { name organizationByOwnerUnitId { name } } reviewByReviewId { title score grade } } } }`,
    },
    raw: { path: '/nested?first=100' },
    fields: [
      'title',
      'unit.name',
      'project.name',
      'project.ownerUnit.name',
      'review.title',
      'review.score',
      'review.grade',
    ],
    extract: rowsExtract,
    rows: 100,
  },
  {
    name: 'filtered',
    label: 'year 2024 + SERIOUS + amount ≥ 100,000, by amount desc, 20 + totalCount',
    hub: {
      query: `query Filtered { findings(first: 20, filterBy: { fiscalYears: [2024], severities: [SERIOUS], amountMin: "100000.00" }, orderBy: { field: AMOUNT_INVOLVED, direction: DESC }) { totalCount nodes { id title amountInvolved } } }`,
    },
    postgraphile: {
      query: `query Filtered { allFindings(first: 20, orderBy: [AMOUNT_INVOLVED_DESC, ID_DESC], condition: { financeRowScope: true, financeContent: true, fiscalYear: 2024, severity: "SERIOUS", amountMin: "100000.00" }) { totalCount nodes { id title amountInvolved } } }`,
    },
    raw: { path: '/filtered?year=2024&severity=SERIOUS&amountMin=100000.00&first=20' },
    fields: ['title', 'amountInvolved'],
    extract: rowsExtract,
    rows: null,
    max: 20,
  },
  {
    name: 'search',
    label: `search "${SEARCH_TERM}", 20 + totalCount`,
    hub: {
      query: `query Search { findings(first: 20, filterBy: { search: "${SEARCH_TERM}" }) { totalCount nodes { id title } } }`,
    },
    postgraphile: {
      query: `query Search { allFindings(first: 20, orderBy: ID_DESC, condition: { financeRowScope: true, financeContent: true, search: "${SEARCH_TERM}" }) { totalCount nodes { id title } } }`,
    },
    raw: { path: `/search?q=${encodeURIComponent(SEARCH_TERM)}&first=20` },
    fields: ['title'],
    extract: rowsExtract,
    rows: null,
    max: 20,
  },
  {
    name: 'stats',
    label: "findingStats by source and year (raw: each agency's finding counted)",
    hub: {
      query: `query Stats { findingStats { raw { bySource { source count amount } byFiscalYear { fiscalYear count amount } } } }`,
    },
    postgraphile: {
      query: `query Stats { benchFindingStats { nodes { g source fiscalYear n amount } } }`,
    },
    raw: { path: '/stats' },
    fields: [],
    extract: { hub: hubStats, postgraphile: pgStats, raw: rawStats },
    rows: null,
  },
];

const get = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((x, k) => (x == null ? null : (x as Record<string, unknown>)[k]), o);

const same = (a: unknown, b: unknown) =>
  a === b ||
  String(a) === String(b) ||
  (typeof a === 'string' && typeof b === 'string' && a !== '' && Number(a) === Number(b));

export interface Verification {
  rows: number;
  totalCount: number | null;
  firstIds: number[];
  /**
   * Per peer: fields where the hub answered null and the peer gave a value — what the hub withholds from
   * FINANCE (a field that is null in the database is null in every answer).
   */
  peerValuesHubWithholds: Partial<Record<ServerName, number>>;
  /** Null fields in the hub's answer (null in the database, or withheld), out of rows × fields compared. */
  hubNullFields: number;
  /** FORBIDDEN errors in the hub's answer (one per withheld field that graphql-shield denied). */
  hubForbiddenErrors: number;
  comparedFields: number;
  stats?: { bySource: StatLine[]; byFiscalYear: StatLine[] };
}

/**
 * Throws (with every difference found, up to 10) unless the peers give the hub's rows, in the hub's
 * order, with the same totalCount and the same value wherever the hub gives one.
 */
export function compareAnswers(
  w: Workload,
  answers: Record<ServerName, Common>,
  hubForbiddenErrors: number,
): Verification {
  const problems: string[] = [];
  const hub = answers.hub;
  if (hub.kind === 'stats') {
    for (const s of ['postgraphile', 'raw'] as const) {
      const p = answers[s];
      if (p.kind !== 'stats') throw new Error(`${w.name}: ${s} did not answer statistics`);
      for (const part of ['bySource', 'byFiscalYear'] as const) {
        if (JSON.stringify(p[part]) !== JSON.stringify(hub[part])) {
          problems.push(`${s} ${part} ${JSON.stringify(p[part])} ≠ hub ${JSON.stringify(hub[part])}`);
        }
      }
    }
    if (!hub.bySource.length || !hub.byFiscalYear.length) problems.push('hub statistics are empty');
    if (problems.length) throw new Error(`${w.name}: answers differ: ${problems.join('; ')}`);
    return {
      rows: hub.bySource.length + hub.byFiscalYear.length,
      totalCount: hub.bySource.reduce((a, l) => a + l.count, 0),
      firstIds: [],
      peerValuesHubWithholds: {},
      hubNullFields: 0,
      hubForbiddenErrors,
      comparedFields: 0,
      stats: { bySource: hub.bySource, byFiscalYear: hub.byFiscalYear },
    };
  }
  if (w.rows !== null && hub.rows.length !== w.rows)
    problems.push(`hub: ${hub.rows.length} rows, expected ${w.rows}`);
  if (w.max !== undefined && (hub.rows.length === 0 || hub.rows.length > w.max))
    problems.push(`hub: ${hub.rows.length} rows, expected 1..${w.max} (the workload must match something)`);
  if (hub.totalCount !== null && hub.totalCount < hub.rows.length)
    problems.push(`hub: totalCount ${hub.totalCount} < ${hub.rows.length} rows`);
  const extra: Partial<Record<ServerName, number>> = {};
  let hubNull = 0;
  for (const r of hub.rows) for (const f of w.fields) if (get(r, f) == null) hubNull++;
  for (const s of ['postgraphile', 'raw'] as const) {
    const p = answers[s];
    if (p.kind !== 'rows') throw new Error(`${w.name}: ${s} did not answer rows`);
    if (p.totalCount !== hub.totalCount)
      problems.push(`${s}: totalCount ${p.totalCount} ≠ hub ${hub.totalCount}`);
    const ids = p.rows.map((r) => r.id).join(',');
    const hubIds = hub.rows.map((r) => r.id).join(',');
    if (ids !== hubIds) {
      problems.push(
        `${s}: ids [${ids.slice(0, 200)}] ≠ hub [${hubIds.slice(0, 200)}] (${p.rows.length} vs ${hub.rows.length} rows)`,
      );
      continue;
    }
    let n = 0;
    hub.rows.forEach((h, i) => {
      for (const f of w.fields) {
        const hv = get(h, f);
        const pv = get(p.rows[i], f);
        if (hv == null) {
          if (pv != null) n++;
        } else if (!same(hv, pv)) {
          problems.push(`${s}: row ${h.id} ${f} = ${JSON.stringify(pv)}, hub ${JSON.stringify(hv)}`);
        }
      }
    });
    extra[s] = n;
  }
  if (problems.length) {
    throw new Error(
      `${w.name}: answers differ: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? ` (+${problems.length - 10} more)` : ''}`,
    );
  }
  return {
    rows: hub.rows.length,
    totalCount: hub.totalCount,
    firstIds: hub.rows.slice(0, 5).map((r) => r.id),
    peerValuesHubWithholds: extra,
    hubNullFields: hubNull,
    hubForbiddenErrors,
    comparedFields: hub.rows.length * w.fields.length,
  };
}
