/**
 * SQL of result application (结果应用): the year's results per project (finance's reviews and re-scores,
 * units' submitted self-evaluations), overdue rectifications per unit, rule-set versions and budget
 * decisions. Reads are set-based (one statement per kind for the whole population), so a proposal
 * list costs the same handful of statements at any size.
 */
import type { Knex } from 'knex';
import { updateAtVersion } from '../../db/versioned.js';
import type { Viewer } from '../../auth/viewer.js';
import { toDate } from '../../shared/timestamps.js';
import { applicationScope, holdBackTaskSql } from '../../policy/performance.js';
import { overdueSql } from '../rectification/index.js';
import type { BudgetAction } from './performance.entity.js';
import { chainId, intArray } from './ids.js';
import type { RuleSet } from './application.rules.js';

export interface PopulationRow {
  projectId: number;
  unitId: number;
  code: string;
  name: string;
  budgetAmount: string;
  unitName: string;
}

/** Results of a performance evaluation, not a pre-assessment: graded reviews of the year. */
const EVALUATED = `r.source = 'PERFORMANCE' and r.fiscal_year = ? and r.score is not null and r.publication_state = 'PUBLISHED' and r.review_type <> '事前绩效评估'`;

/** Projects with a result of `year` that the viewer may see in result application. */
export async function population(
  knex: Knex,
  v: Viewer | null,
  year: number,
  f: { unitId?: number | null; projectId?: number | null },
): Promise<PopulationRow[]> {
  const where: string[] = [
    // from the year's results (by the review (source, fiscal_year) index), not from every project
    `pu.id in (select r.project_id from review r where r.project_id is not null and ${EVALUATED}
               union select s.project_id from self_evaluation s where s.project_id is not null and s.budget_year = ? and s.state = 'SUBMITTED')`,
  ];
  const bindings: unknown[] = [year, year];
  const s = v ? applicationScope(v, 'pu') : null;
  if (s) {
    where.push(s.sql);
    bindings.push(...s.bindings);
  }
  if (f.unitId != null) {
    where.push('pu.unit_id = ?');
    bindings.push(f.unitId);
  }
  if (f.projectId != null) {
    where.push('pu.id = ?');
    bindings.push(f.projectId);
  }
  const { rows } = (await knex.raw(
    `select pu.id, pu.unit_id, pu.code, pu.name, pu.budget_amount::text as budget_amount, o.name as unit_name
       from (select id, owner_unit_id as unit_id, code, name, budget_amount from project) pu
       join organization o on o.id = pu.unit_id
      where ${where.join(' and ')}
      order by o.name, pu.code`,
    bindings as Knex.RawBinding[],
  )) as { rows: Record<string, unknown>[] };
  return rows.map((r) => ({
    projectId: r.id as number,
    unitId: r.unit_id as number,
    code: r.code as string,
    name: r.name as string,
    budgetAmount: r.budget_amount as string,
    unitName: r.unit_name as string,
  }));
}

export interface ResultReview {
  id: number;
  projectId: number;
  title: string;
  sourceRef: string;
  score: string;
  reviewType: string;
}

/** Graded performance reviews of the year about these projects, newest first. */
export async function reviewsOf(
  knex: Knex,
  projectIds: readonly number[],
  year: number,
): Promise<ResultReview[]> {
  if (!projectIds.length) return [];
  const { rows } = (await knex.raw(
    `select r.id, r.project_id, r.title, r.source_ref, r.score::text as score, r.review_type
       from review r
      where r.project_id = any(?::int[]) and ${EVALUATED}
      order by r.completed_on desc nulls last, r.id desc`,
    [intArray(projectIds), year],
  )) as { rows: Record<string, unknown>[] };
  return rows.map((r) => ({
    id: r.id as number,
    projectId: r.project_id as number,
    title: r.title as string,
    sourceRef: r.source_ref as string,
    score: r.score as string,
    reviewType: r.review_type as string,
  }));
}

/** Overdue rectification tasks per unit, as of `on`, counting only tasks that may hold funds back. */
export async function overdueByUnit(
  knex: Knex,
  unitIds: readonly number[],
  on: string,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!unitIds.length) return out;
  const od = overdueSql('t', on);
  const hb = holdBackTaskSql('t');
  const { rows } = (await knex.raw(
    `select t.unit_id, count(*)::int as n from rectification t
      where t.unit_id = any(?::int[]) and ${od.sql} > 0 and ${hb.sql}
      group by t.unit_id`,
    [intArray(unitIds), ...od.bindings, ...hb.bindings] as Knex.RawBinding[],
  )) as { rows: { unit_id: number; n: number }[] };
  for (const r of rows) out.set(r.unit_id, r.n);
  return out;
}

// ---- rule sets ----

export interface RuleSetRow {
  ruleVersion: number;
  rules: RuleSet;
  note: string;
  publishedBy: string | null;
  createdAt: Date | null;
}

export async function ruleSets(knex: Knex): Promise<RuleSetRow[]> {
  return (
    (await knex('application_rule_set').select('*').orderBy('rule_version')) as Record<string, unknown>[]
  ).map((r) => ({
    ruleVersion: r.rule_version as number,
    rules: r.rules as RuleSet,
    note: r.note as string,
    publishedBy: r.published_by as string,
    createdAt: toDate(r.created_at),
  }));
}

export async function insertRuleSet(knex: Knex, row: Record<string, unknown>): Promise<void> {
  await knex('application_rule_set').insert(row);
}

// ---- decisions ----

export interface DecisionRow {
  __typename: 'BudgetDecision';
  id: string;
  dbId: number;
  projectId: number;
  unitId: number;
  budgetYear: number;
  resultYear: number;
  ruleVersion: number;
  proposedAction: BudgetAction;
  proposedAmount: string;
  action: BudgetAction;
  amount: string;
  reason: string | null;
  agencyId: number;
  decidedBy: string;
  version: number;
  updatedAt: Date;
}

function mapDecision(r: Record<string, unknown>): DecisionRow {
  return {
    __typename: 'BudgetDecision',
    id: chainId('BudgetDecision', r.id as number),
    dbId: r.id as number,
    projectId: r.project_id as number,
    unitId: r.unit_id as number,
    budgetYear: r.budget_year as number,
    resultYear: r.result_year as number,
    ruleVersion: r.rule_version as number,
    proposedAction: r.proposed_action as BudgetAction,
    proposedAmount: r.proposed_amount as string,
    action: r.action as BudgetAction,
    amount: r.amount as string,
    reason: (r.reason as string | null) ?? null,
    agencyId: r.agency_id as number,
    decidedBy: r.decided_by as string,
    version: r.version as number,
    updatedAt: toDate(r.updated_at),
  };
}

export async function decisionsOf(
  knex: Knex,
  projectIds: readonly number[],
  budgetYear: number,
): Promise<Map<number, DecisionRow>> {
  const out = new Map<number, DecisionRow>();
  if (!projectIds.length) return out;
  const rows = (await knex('budget_decision')
    .select('*')
    .whereRaw('project_id = any(?::int[])', [intArray(projectIds)])
    .where('budget_year', budgetYear)) as Record<string, unknown>[];
  for (const r of rows.map(mapDecision)) out.set(r.projectId, r);
  return out;
}

export async function decisionForUpdate(trx: Knex.Transaction, projectId: number, budgetYear: number) {
  const r = (await trx('budget_decision')
    .select('*')
    .where({ project_id: projectId, budget_year: budgetYear })
    .forUpdate()
    .first()) as Record<string, unknown> | undefined;
  return r ? mapDecision(r) : null;
}

export async function insertDecision(trx: Knex.Transaction, row: Record<string, unknown>): Promise<void> {
  await trx('budget_decision').insert(row);
}

export async function updateDecisionAt(
  trx: Knex.Transaction,
  id: number,
  version: number,
  cols: Record<string, unknown>,
): Promise<number> {
  return updateAtVersion(trx, 'budget_decision', id, version, cols);
}
