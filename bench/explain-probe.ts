/** Prints the SQL (with EXPLAIN ANALYZE) of the compiled filtered and search pages for FINANCE. */
import knexLib from 'knex';
import pg from 'pg';
import { listFindingsCompiled } from '../src/modules/finding/finding-page.repo.js';
import { FindingOrderField } from '../src/modules/finding/finding.repo.js';
import { loadSharingState } from '../src/policy/sharing.js';
import { viewerOf } from './compare/finance-viewer.js';

const knex = knexLib({ client: 'pg', connection: process.argv[2] });
const sqls: { sql: string; bindings: unknown[] }[] = [];
knex.on('query', (q: { sql: string; bindings: unknown[] }) => sqls.push(q));
const v = await viewerOf(knex, loadSharingState);
const sel = [
  {
    type: 'Finding' as const,
    fields: [
      { t: 'column' as const, key: 'id', name: 'id', gate: 'visible' as const },
      { t: 'column' as const, key: 'title', name: 'title', gate: 'content' as const },
    ],
  },
];
const which = process.argv[3] ?? 'filtered';
const listSel = [
  {
    type: 'Finding' as const,
    fields: [
      ...sel[0]!.fields,
      { t: 'column' as const, key: 'amountInvolved', name: 'amountInvolved', gate: 'amount' as const },
      {
        t: 'relation' as const,
        key: 'unit',
        name: 'unit',
        gate: 'visible' as const,
        target: 'Organization' as const,
        sel: {
          type: 'Organization' as const,
          fields: [{ t: 'column' as const, key: 'name', name: 'name', gate: 'visible' as const }],
        },
      },
    ],
  },
];
if (which === 'list')
  await listFindingsCompiled(
    knex,
    v,
    { sources: ['AUDIT' as never] },
    { field: FindingOrderField.ID, desc: true },
    { first: 100 },
    listSel,
    false,
  );
else if (which === 'filtered')
  await listFindingsCompiled(
    knex,
    v,
    { fiscalYears: [2024], severities: ['SERIOUS' as never], amountMin: '100000.00' },
    { field: FindingOrderField.AMOUNT_INVOLVED, desc: true },
    { first: 20 },
    sel,
    true,
  ).then((c) => c.totalCount());
else
  await listFindingsCompiled(
    knex,
    v,
    { search: '专项资金' },
    { field: FindingOrderField.ID, desc: true },
    { first: 20 },
    sel,
    true,
  ).then((c) => c.totalCount());
const client = new pg.Client(process.argv[2]);
await client.connect();
for (const q of sqls) {
  const plan = await client.query(`explain (analyze, buffers) ${q.sql}`, q.bindings as never);
  console.log(
    '\n' +
      q.sql +
      '\n' +
      JSON.stringify(q.bindings) +
      '\n' +
      plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'),
  );
}
await client.end();
await knex.destroy();
