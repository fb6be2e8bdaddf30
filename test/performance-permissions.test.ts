/**
 * Permissions of the budget-performance chain (issue 13): who may call what (role × operation), a unit
 * sees and edits only its own drafts, finance decides, and the policy's TypeScript predicates agree
 * with their SQL twins over roles × states × rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, OrganizationKind, Role } from '../src/shared/enums.js';
import { makeViewer, type Viewer } from '../src/auth/viewer.js';
import {
  canSeeApplication,
  canSeeSelfEvaluation,
  canSeeTargetSet,
  canSeeUnitRow,
} from '../src/policy/performance.js';
import { targetSets, preAssessments } from '../src/modules/performance/targets.repo.js';
import { selfEvaluations } from '../src/modules/performance/evaluation.repo.js';
import { population } from '../src/modules/performance/application.repo.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
let admin: Org;
beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = await f.world();
  admin = await f.org(OrganizationKind.HUB_OPERATOR, { name: '测试平台运营' });
});
afterAll(async () => hub?.stop());

const YEAR = 2051;
const orgOf = (role: Role): Org | null =>
  ({
    FINANCE: w.finance,
    AUDIT: w.audit,
    REFORM: w.reform,
    DISCIPLINE: w.discipline,
    LEADERSHIP: w.leadership,
    EVALUATOR: w.evaluator,
    UNIT: w.unitA,
    HUB_ADMIN: admin,
    PUBLIC: null,
  })[role];
const tokenOf = async (role: Role) => (role === Role.PUBLIC ? null : hub.token(role, orgOf(role)!.code));

describe('role × operation (shield gates)', () => {
  const queries: [string, string, Role[]][] = [
    [
      'performanceTargetSets',
      `{ performanceTargetSets(budgetYear: ${YEAR}) { id } }`,
      [Role.FINANCE, Role.AUDIT, Role.REFORM, Role.DISCIPLINE, Role.LEADERSHIP, Role.UNIT],
    ],
    [
      'preAssessments',
      `{ preAssessments(budgetYear: ${YEAR}) { id } }`,
      [Role.FINANCE, Role.AUDIT, Role.REFORM, Role.DISCIPLINE, Role.LEADERSHIP, Role.UNIT],
    ],
    [
      'monitoringWarnings',
      `{ monitoringWarnings(budgetYear: ${YEAR}) { level } }`,
      [Role.FINANCE, Role.AUDIT, Role.REFORM, Role.DISCIPLINE, Role.LEADERSHIP, Role.UNIT],
    ],
    [
      'selfEvaluations',
      `{ selfEvaluations(budgetYear: ${YEAR}) { id } }`,
      [Role.FINANCE, Role.AUDIT, Role.REFORM, Role.DISCIPLINE, Role.LEADERSHIP, Role.UNIT],
    ],
    [
      'spotChecks',
      `{ spotChecks(budgetYear: ${YEAR}) { id } }`,
      [Role.FINANCE, Role.AUDIT, Role.REFORM, Role.DISCIPLINE, Role.LEADERSHIP],
    ],
    [
      'budgetProposals',
      `{ budgetProposals(resultYear: ${YEAR}) { action } }`,
      [Role.FINANCE, Role.LEADERSHIP, Role.UNIT],
    ],
    [
      'unitAssessmentContributions',
      `{ unitAssessmentContributions(resultYear: ${YEAR}) { points } }`,
      [Role.FINANCE, Role.LEADERSHIP, Role.UNIT],
    ],
  ];
  const mutations: [string, string, Role[]][] = [
    [
      'performanceTargetSetApprove',
      `mutation { performanceTargetSetApprove(input: { id: "x", version: 1 }) { userErrors { code } } }`,
      [Role.FINANCE],
    ],
    [
      'performanceTargetSetReturn',
      `mutation { performanceTargetSetReturn(input: { id: "x", version: 1, reason: "理由说明" }) { userErrors { code } } }`,
      [Role.FINANCE],
    ],
    [
      'performanceTargetSetSubmit',
      `mutation { performanceTargetSetSubmit(input: { id: "x", version: 1 }) { userErrors { code } } }`,
      [Role.UNIT],
    ],
    [
      'selfEvaluationSubmit',
      `mutation { selfEvaluationSubmit(input: { id: "x", version: 1 }) { userErrors { code } } }`,
      [Role.UNIT],
    ],
    [
      'spotCheckDraw',
      `mutation { spotCheckDraw(input: { budgetYear: ${YEAR}, sharePercent: "10", seed: 1 }) { userErrors { code } } }`,
      [Role.FINANCE],
    ],
    [
      'monitoringActionRecord',
      `mutation { monitoringActionRecord(input: { project: "x", budgetYear: ${YEAR}, action: REMIND, note: "提醒单位" }) { userErrors { code } } }`,
      [Role.FINANCE],
    ],
    [
      'budgetDecisionRecord',
      `mutation { budgetDecisionRecord(input: { project: "x", resultYear: ${YEAR}, action: SUPPORT, amount: "1.00" }) { userErrors { code } } }`,
      [Role.FINANCE],
    ],
  ];
  const roles = Object.values(Role);
  it.each([...queries, ...mutations])('%s', async (_name, doc, allowed) => {
    for (const role of roles) {
      const res = await hub.gql(doc, {}, await tokenOf(role));
      const forbidden = res.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false;
      expect({ role, forbidden }).toEqual({ role, forbidden: !allowed.includes(role) });
    }
  });
});

describe('a unit sees and edits only its own drafts; finance decides', () => {
  it('unit B cannot see or touch unit A’s draft; finance sees it only once submitted', async () => {
    const p = await f.project(w.unitA);
    const unitA = await hub.token(Role.UNIT, w.unitA.code);
    const unitB = await hub.token(Role.UNIT, w.unitB.code);
    const finance = await hub.token(Role.FINANCE, w.finance.code);
    const d = await hub.gql(
      `mutation($input: PerformanceTargetSetDraftInput!) { performanceTargetSetDraft(input: $input) { targetSet { id version } userErrors { code } } }`,
      {
        input: {
          subject: p.gid,
          budgetYear: YEAR,
          goal: '测试总体目标',
          indicators: [
            {
              level1: '产出指标',
              level2: '数量指标',
              name: '完成数量',
              targetValue: '10',
              direction: 'AT_LEAST',
              weight: '100',
            },
          ],
        },
      },
      unitA,
    );
    const set = d.data.performanceTargetSetDraft.targetSet;
    const list = `query { performanceTargetSets(budgetYear: ${YEAR}) { id } }`;
    expect((await hub.gql(list, {}, unitA)).data.performanceTargetSets).toEqual([{ id: set.id }]);
    expect((await hub.gql(list, {}, unitB)).data.performanceTargetSets).toEqual([]);
    expect((await hub.gql(list, {}, finance)).data.performanceTargetSets).toEqual([]);
    const submitByB = await hub.gql(
      `mutation($id: ID!) { performanceTargetSetSubmit(input: { id: $id, version: 1 }) { userErrors { code } } }`,
      { id: set.id },
      unitB,
    );
    expect(submitByB.data.performanceTargetSetSubmit.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    // finance cannot approve a draft, only a submitted set
    const early = await hub.gql(
      `mutation($id: ID!) { performanceTargetSetApprove(input: { id: $id, version: 1 }) { userErrors { code } } }`,
      { id: set.id },
      finance,
    );
    expect(early.data.performanceTargetSetApprove.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });
});

describe('policy twins: TypeScript predicates = SQL scopes', () => {
  it('for target sets, self-evaluations, pre-assessments and proposals, over every role and state', async () => {
    const k = hub.knex;
    const pa = await f.project(w.unitA);
    const pb = await f.project(w.unitB);
    const states = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'SUPERSEDED'];
    let n = 0;
    for (const [p, unit] of [
      [pa, w.unitA],
      [pb, w.unitB],
    ] as const) {
      for (const state of states) {
        n++;
        await k('performance_target_set').insert({
          subject_key: `P:${p.id}`,
          unit_id: unit.id,
          project_id: p.id,
          budget_year: YEAR + 1,
          set_version: n,
          state,
          goal: '目标',
          indicators: '[]',
          drafted_by: 't',
        });
      }
      for (const [i, state] of ['DRAFT', 'SUBMITTED'].entries())
        await k('self_evaluation').insert({
          subject_key: i ? `U:${unit.id}` : `P:${p.id}`,
          unit_id: unit.id,
          project_id: i ? null : p.id,
          budget_year: YEAR + 1,
          score: '80.00',
          indicator_results: '[]',
          summary: '摘要',
          state,
          filed_by: 't',
        });
      await k('pre_assessment').insert({
        agency_id: w.finance.id,
        unit_id: unit.id,
        subject_name: '新项目',
        budget_year: YEAR + 1,
        requested_amount: '100.00',
        conclusion: 'SUPPORT',
        reasons: '理由',
        assessed_by: 't',
      });
      await f.review(w.finance, unit, S.PERFORMANCE, {
        project_id: p.id,
        fiscal_year: YEAR + 1,
        score: '85.00',
        grade: 'GOOD',
      });
    }
    const allSelf = await selfEvaluations(k, null, { budgetYear: YEAR + 1 });
    const allPre = await preAssessments(
      k,
      makeViewer(Role.FINANCE, { id: w.finance.id, code: w.finance.code }, 't'),
      { budgetYear: YEAR + 1 },
    );
    const allPop = await population(k, null, YEAR + 1, {});
    // the generated cross product holds every state for both units
    expect(allSelf).toHaveLength(4);
    expect(allPre).toHaveLength(2);
    expect(allPop).toHaveLength(2);
    const ids = (xs: { dbId?: number; projectId?: number | null }[]) =>
      xs.map((x) => x.dbId ?? x.projectId).sort();
    const viewers: Viewer[] = Object.values(Role).map((role) =>
      makeViewer(role, role === Role.PUBLIC ? null : { id: orgOf(role)!.id, code: orgOf(role)!.code }, 't'),
    );
    viewers.push(makeViewer(Role.UNIT, { id: w.unitB.id, code: w.unitB.code }, 't'));
    // an agency's token without an organisation is refused by both twins
    const allDraftsToo = await k('performance_target_set')
      .select('*')
      .where('budget_year', YEAR + 1);
    for (const v of viewers) {
      const label = `${v.role}:${v.orgId}`;
      const sql = ids(await targetSets(k, v, { budgetYear: YEAR + 1 }));
      const ts = allDraftsToo
        .filter((r) => canSeeTargetSet(v, { unitId: r.unit_id, state: r.state }))
        .map((r) => r.id)
        .sort();
      expect({ label, ids: sql }).toEqual({ label, ids: ts });
      expect({ label, ids: ids(await selfEvaluations(k, v, { budgetYear: YEAR + 1 })) }).toEqual({
        label,
        ids: ids(allSelf.filter((s) => canSeeSelfEvaluation(v, s))),
      });
      expect({ label, ids: ids(await preAssessments(k, v, { budgetYear: YEAR + 1 })) }).toEqual({
        label,
        ids: ids(allPre.filter((s) => canSeeUnitRow(v, s))),
      });
      expect({ label, ids: ids(await population(k, v, YEAR + 1, {})) }).toEqual({
        label,
        ids: ids(allPop.filter((s) => canSeeApplication(v, s))),
      });
    }
  });
});
