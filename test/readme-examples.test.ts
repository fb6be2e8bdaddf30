/**
 * The README's example operations run as written: each ```graphql block after an
 * `<!-- example role=ROLE variables={…} -->` marker is sent with a token of that role's demo
 * organisation, against the demo data the test run loads — by a hub that runs registered operations
 * only (HUB_TRUSTED_DOCUMENTS=require, the tests' registry of test/support/registry.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { readmeExamples, writeTestRegistry } from './support/registry.js';
import { DEMO_ORG_OF_ROLE } from '../src/seed/generator.js';

const examples = readmeExamples();

/** Every list in an answer, so an example that returns nothing is noticed. */
function lists(v: unknown, at = '$'): [string, unknown[]][] {
  if (Array.isArray(v)) return [[at, v], ...v.flatMap((x, i) => lists(x, `${at}[${i}]`))];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => lists(x, `${at}.${k}`));
  return [];
}

let hub: TestHub;
const registry = writeTestRegistry();
beforeAll(async () => {
  hub = await startTestHub({ trustedDocuments: 'require', trustedDocumentsDir: registry.dir });
});
afterAll(async () => {
  await hub?.stop();
  registry.remove();
});

describe('README examples', () => {
  it('has the five examples it promises', () => {
    expect(examples.map((e) => e.role)).toEqual(['AUDIT', 'FINANCE', 'UNIT', 'AUDIT', 'FINANCE']);
  });

  it.each(examples)('$name runs as written for $role without errors and returns rows', async (ex) => {
    const token = await hub.token(ex.role, DEMO_ORG_OF_ROLE[ex.role]!);
    const res = await hub.gql(ex.query, ex.variables, token);
    expect(res.status).toBe(200);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const nodes = lists(res.data).filter(([at]) => at.endsWith('.nodes') || at.endsWith('.rows'));
    for (const [at, list] of nodes) expect(list.length, `${ex.name}: ${at} is empty`).toBeGreaterThan(0);
  });

  it('the planning meeting sees the demo decisions, the 2027 overlap and recognised-result warnings, and a joint inspection', async () => {
    const ex = examples.find((e) => e.name === 'PlanningMeeting')!;
    const res = await hub.gql(ex.query, ex.variables, await hub.token(ex.role, DEMO_ORG_OF_ROLE[ex.role]!));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const d = res.data!;
    expect(d.recognitions.totalCount).toBeGreaterThanOrEqual(3);
    const kinds = new Set(d.inspectionPlanWarnings.map((w: { kind: string }) => w.kind));
    expect([...kinds].sort()).toEqual(['PLAN_OVERLAP', 'RECOGNISED_RESULT_IN_FORCE']);
    const joint = d.inspectionPlanWarnings.flatMap(
      (w: { plan: { participants: unknown[] } }) => w.plan.participants,
    );
    expect(joint.length).toBeGreaterThan(0);
  });

  it('the dry run reports the row without a unit by its rowNumber and writes nothing', async () => {
    const ex = examples.find((e) => e.name === 'CheckLedger')!;
    const token = await hub.token(ex.role, DEMO_ORG_OF_ROLE[ex.role]!);
    const res = await hub.gql(ex.query, ex.variables, token);
    const report = res.data!.findingImport.report;
    expect(report.dryRun).toBe(true);
    expect(report.created).toBe(0);
    expect(report.problems.map((p: { rowNumber: number }) => p.rowNumber)).toEqual([2]);
    const n = await hub.knex('finding').where('source_ref', 'SJ-2026-0001').count({ n: '*' }).first();
    expect(Number(n!.n)).toBe(0);
  });
});
