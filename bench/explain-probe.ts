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
const col = (name: string, gate: 'visible' | 'content' = 'visible') => ({
  t: 'column' as const,
  key: name,
  name,
  gate,
});
const orgName = { type: 'Organization' as const, fields: [col('name')] };
const nestedSel = [
  {
    type: 'Finding' as const,
    fields: [
      col('id'),
      col('title', 'content'),
      {
        t: 'relation' as const,
        key: 'unit',
        name: 'unit',
        gate: 'visible' as const,
        target: 'Organization' as const,
        sel: orgName,
      },
      {
        t: 'relation' as const,
        key: 'project',
        name: 'project',
        gate: 'content' as const,
        target: 'Project' as const,
        sel: {
          type: 'Project' as const,
          fields: [
            col('name'),
            {
              t: 'relation' as const,
              key: 'ownerUnit',
              name: 'ownerUnit',
              gate: 'visible' as const,
              target: 'Organization' as const,
              sel: orgName,
            },
          ],
        },
      },
      {
        t: 'relation' as const,
        key: 'review',
        name: 'review',
        gate: 'content' as const,
        target: 'Review' as const,
        sel: {
          type: 'Review' as const,
          fields: [col('title', 'content'), col('score', 'content'), col('grade', 'content')],
        },
      },
    ],
  },
];
if (which === 'nested')
  await listFindingsCompiled(
    knex,
    v,
    {},
    { field: FindingOrderField.ID, desc: true },
    { first: 100 },
    nestedSel,
    false,
  );
else if (which === 'list')
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
