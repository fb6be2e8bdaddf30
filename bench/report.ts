/** Renders bench/results/latest.md from one run's results. */
import type { BenchResults, ExplainResult, LoadRun, ScenarioResult } from './types.js';

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const n = (x: number) => x.toLocaleString('en-US');
const bad = (r: LoadRun) => `${r.errors} / ${r.non2xx} / ${r.gqlErrorResponses}`;

function explainRows(es: ExplainResult[]) {
  return es.map((e) => [
    e.label,
    e.planningMs,
    e.executionMs,
    e.totalMs,
    e.usesSeqScan ? '**seq scan**' : e.usesIndex ? 'index' : '-',
    e.findingAccess,
    e.sortMethod ?? '-',
    `${n(e.sharedHitBlocks)} / ${n(e.sharedReadBlocks)}`,
  ]);
}
const EXPLAIN_HEAD = [
  'statement',
  'planning ms',
  'execution ms',
  'total ms',
  'finding read by',
  'plan node(s) on finding',
  'sort',
  'buffers hit / read',
];

function scenarioSection(s: ScenarioResult): string {
  const parts: string[] = [
    `### ${s.name}`,
    '',
    `${s.what} — role ${s.role}.`,
    '',
    '```graphql',
    s.query,
    '```',
    '',
  ];
  const runs = (['on', 'off'] as const).filter((w) => s.runs[w]);
  parts.push(
    table(
      [
        'shield',
        'req/s',
        'p50 ms',
        'p97.5 ms',
        'p99 ms',
        'max ms',
        'requests',
        'errors / non-2xx / GraphQL-error bodies',
        'SQL statements per request',
        'one request: SQL ms / total ms',
      ],
      runs.map((w) => {
        const r = s.runs[w]!;
        const q = s.sql[w];
        return [
          w,
          r.reqPerSec,
          r.latencyMs.p50,
          r.latencyMs.p97_5,
          r.latencyMs.p99,
          r.latencyMs.max,
          n(r.requestsTotal),
          bad(r),
          q?.statements ?? '-',
          q ? `${q.sqlMs} / ${q.requestMs}` : '-',
        ];
      }),
    ),
  );
  if (s.ratio) {
    parts.push(
      '',
      `Shield on / off: **${s.ratio.reqPerSec}×** req/s, ${s.ratio.p50}× p50, ${s.ratio.p99}× p99 latency.`,
    );
  }
  const shape = s.shape.on;
  if (shape)
    parts.push(
      '',
      `Answer (shield on): ${Object.entries(shape)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    );
  const q = s.sql.on;
  if (q && q.list.length) {
    parts.push(
      '',
      'Statements of one request (shield on): ' +
        q.list
          .map((x) => `${x.kind ?? '?'} ${x.ms} ms${x.rows != null ? ` (${x.rows} rows)` : ''}`)
          .join(', ') +
        '.',
    );
  }
  if (s.explain.length) parts.push('', table(EXPLAIN_HEAD, explainRows(s.explain)));
  return parts.join('\n');
}

export function renderMarkdown(r: BenchResults, jsonName: string): string {
  const m = r.machine;
  const sd = r.seed;
  const out: string[] = [];
  out.push(
    '# Benchmark results',
    '',
    `Numbers are from one run on a noisy ${m.nproc}-core machine: compare ratios within this run, not absolute values across runs.`,
    '',
    `- run: ${r.startedAt} (${r.wallS} s wall), commit ${r.git.commit ?? '?'}` +
      (r.git.dirtyFiles ? ` with ${r.git.dirtyFiles} uncommitted file(s) in the tree` : ''),
    `- machine: nproc ${m.nproc}, ${m.cpu}, ${m.memGB} GB, node ${m.node}, PostgreSQL ${m.postgres}, ${m.platform}`,
    `- load: autocannon, ${r.options.connections} connections, ${r.options.duration} s after a ${r.options.warmup} s warm-up, ` +
      `1 worker thread; server in-process (main thread), pool max ${r.options.poolMax}`,
    `- scale ${r.options.scale}: ${Object.entries(sd.rowCounts)
      .map(([k, v]) => `${n(v)} ${k}`)
      .join(', ')} (${sd.dbSizeMB} MB)`,
    `- seed: ${(sd.ms / 1000).toFixed(1)} s = ${n(sd.rowsPerSec)} rows/s (${n(sd.findingsPerSec)} findings/s); ` +
      `then VACUUM ANALYZE ${(sd.vacuumAnalyzeMs / 1000).toFixed(1)} s` +
      (sd.overBudget ? ' — **over the 5-minute budget: lower --scale**' : ''),
    `- raw data: \`bench/results/${jsonName}\``,
    '',
    '## Summary',
    '',
  );
  const summary: (string | number)[][] = [];
  for (const s of r.scenarios) {
    for (const w of ['on', 'off'] as const) {
      const x = s.runs[w];
      if (!x) continue;
      summary.push([
        s.name,
        s.role,
        w,
        x.reqPerSec,
        x.latencyMs.p50,
        x.latencyMs.p97_5,
        x.latencyMs.p99,
        bad(x),
        s.sql[w]?.statements ?? '-',
        w === 'on' && s.ratio ? `${s.ratio.reqPerSec}× / ${s.ratio.p50}×` : '',
      ]);
    }
  }
  out.push(
    table(
      [
        'scenario',
        'role',
        'shield',
        'req/s',
        'p50 ms',
        'p97.5 ms',
        'p99 ms',
        'errors / non-2xx / GraphQL-error bodies',
        'SQL per request',
        'on/off req/s / p50',
      ],
      summary,
    ),
  );
  if (r.deepPages.length) {
    out.push(
      '',
      table(
        [
          'deep paging (first: 100, shield on)',
          'walks',
          'page 1 median ms',
          'page 20 median ms',
          'page 20 / page 1',
        ],
        r.deepPages.map((d) => [d.name, d.walks, d.page1MedianMs, d.page20MedianMs, `${d.ratio20to1}×`]),
      ),
    );
  }
  const explains = [...r.scenarios.flatMap((s) => s.explain), ...r.deepPages.flatMap((d) => d.explain)];
  if (explains.length)
    out.push(
      '',
      '### EXPLAIN (ANALYZE, BUFFERS), warm cache',
      '',
      table(EXPLAIN_HEAD, explainRows(explains)),
    );

  out.push('', '## Scenarios', '');
  for (const s of r.scenarios) out.push(scenarioSection(s), '');
  for (const d of r.deepPages) {
    out.push(
      `### ${d.name}`,
      '',
      `${d.what}. Sequential fetch loop (no concurrency), ${d.walks} measured walks of 20 pages after one warm-up walk; median per page.`,
      '',
      table(
        ['page', ...d.medianMsPerPage.map((_, i) => String(i + 1))],
        [['median ms', ...d.medianMsPerPage]],
      ),
      '',
      table(
        ['request', 'SQL statements', 'SQL ms / total ms'],
        Object.entries(d.sql).map(([k, p]) => [k, p.statements, `${p.sqlMs} / ${p.requestMs}`]),
      ),
      '',
      table(EXPLAIN_HEAD, explainRows(d.explain)),
      '',
    );
  }
  return out.join('\n');
}
