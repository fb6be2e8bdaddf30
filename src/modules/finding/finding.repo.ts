/**
 * Reads of findings: row mapping, row scope, filters and keyset pages. All filters on content
 * columns are gated by the viewer's content access, so a filter, sort or count never reveals a value
 * the viewer could not read in the row itself.
 */
import { toDate, toDateOrNull } from '../../shared/timestamps.js';
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import {
  FindingSource,
  PublicationState,
  RectificationStatus,
  Sensitivity,
  Severity,
} from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { likePattern } from '../../shared/sql.js';
import { paginate, type Connection, type PageArgs, type SortKey } from '../../shared/paging.js';
import type { ConnectionNeeds } from '../../shared/lookahead.js';
import { amountSql, contentSql, findingRowScope, type Sql } from '../../policy/access.js';
import type { PersonInvolved } from './finding.entity.js';

export const FINDING_TYPENAME: Record<FindingSource, string> = {
  PERFORMANCE: 'PerformanceFinding',
  AUDIT: 'AuditFinding',
  REFORM: 'ReformFinding',
  DISCIPLINE: 'DisciplineFinding',
};

export interface FindingRow {
  __typename: string;
  id: string;
  dbId: number;
  source: FindingSource;
  agencyId: number;
  sourceRef: string;
  reviewId: number | null;
  unitId: number;
  projectId: number | null;
  policyId: number | null;
  fiscalYear: number;
  category: string;
  severity: Severity;
  title: string;
  description: string;
  amountInvolved: string | null;
  amountDisclosed: boolean;
  sensitivity: Sensitivity;
  publicationState: PublicationState;
  rectificationStatus: RectificationStatus;
  publishedAt: Date | null;
  responsiblePerson: string | null;
  responsiblePhone: string | null;
  indicatorName: string | null;
  scoreDeducted: string | null;
  legalBasis: string | null;
  auditOpinion: string | null;
  inspectionItem: string | null;
  approvalRef: string | null;
  clueSource: string | null;
  personsInvolved: PersonInvolved[] | null;
  caseStage: string | null;
  personsHeldAccountable: number | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Evaluator of the finding's review (only on rows loaded by id; used by row scope). */
  evaluatorId?: number | null;
}

export function mapFinding(r: Record<string, unknown>): FindingRow {
  const source = r.source as FindingSource;
  return {
    __typename: FINDING_TYPENAME[source],
    id: toGlobalId('Finding', r.id as number),
    dbId: r.id as number,
    source,
    agencyId: r.agency_id as number,
    sourceRef: r.source_ref as string,
    reviewId: r.review_id as number | null,
    unitId: r.unit_id as number,
    projectId: r.project_id as number | null,
    policyId: r.policy_id as number | null,
    fiscalYear: r.fiscal_year as number,
    category: r.category as string,
    severity: r.severity as Severity,
    title: r.title as string,
    description: r.description as string,
    amountInvolved: r.amount_involved as string | null,
    amountDisclosed: r.amount_disclosed as boolean,
    sensitivity: r.sensitivity as Sensitivity,
    publicationState: r.publication_state as PublicationState,
    rectificationStatus: r.rectification_status as RectificationStatus,
    publishedAt: r.published_at === undefined ? null : toDateOrNull(r.published_at),
    responsiblePerson: r.responsible_person as string | null,
    responsiblePhone: r.responsible_phone as string | null,
    indicatorName: r.indicator_name as string | null,
    scoreDeducted: r.score_deducted as string | null,
    legalBasis: r.legal_basis as string | null,
    auditOpinion: r.audit_opinion as string | null,
    inspectionItem: r.inspection_item as string | null,
    approvalRef: r.approval_ref as string | null,
    clueSource: r.clue_source as string | null,
    personsInvolved: r.persons_involved as PersonInvolved[] | null,
    caseStage: r.case_stage as string | null,
    personsHeldAccountable: r.persons_held_accountable as number | null,
    // timestamps are converted only when read (a list page selects them only when asked for)
    createdAt: r.created_at === undefined ? (undefined as unknown as Date) : toDate(r.created_at),
    updatedAt: r.updated_at === undefined ? (undefined as unknown as Date) : toDate(r.updated_at),
    version: r.version as number,
    evaluatorId: r.review_evaluator_id as number | null | undefined,
  };
}

/** Loads findings by db id without row scope; callers apply canSeeFindingRow. */
export async function findingsByIds(knex: Knex, ids: readonly number[]): Promise<FindingRow[]> {
  const rows = await knex('finding as f')
    .leftJoin('review as rv', 'rv.id', 'f.review_id')
    .select('f.*', 'rv.evaluator_id as review_evaluator_id')
    .whereIn('f.id', ids as number[]);
  return rows.map(mapFinding);
}

export interface FindingQuery {
  sources?: FindingSource[] | null;
  fiscalYears?: number[] | null;
  fiscalYearFrom?: number | null;
  fiscalYearTo?: number | null;
  unitIds?: number[] | null;
  projectIds?: number[] | null;
  reviewIds?: number[] | null;
  categories?: string[] | null;
  severities?: Severity[] | null;
  statuses?: RectificationStatus[] | null;
  amountMin?: string | null;
  amountMax?: string | null;
  search?: string | null;
  includeWithdrawn?: boolean | null;
  /** true: only rows whose content the viewer may read; false: only rows it may not. */
  readable?: boolean | null;
}

export enum FindingOrderField {
  ID = 'ID',
  FISCAL_YEAR = 'FISCAL_YEAR',
  AMOUNT_INVOLVED = 'AMOUNT_INVOLVED',
  SEVERITY = 'SEVERITY',
}

const and = (q: Knex.QueryBuilder, s: Sql) => q.whereRaw(s.sql, s.bindings as Knex.RawBinding[]);

/** The scoped, filtered FROM/WHERE of a finding list (alias f). */
export function findingBase(knex: Knex, v: Viewer, q: FindingQuery): Knex.QueryBuilder {
  const b = knex('finding as f');
  const scope = findingRowScope(v, 'f');
  if (scope) and(b, scope);
  if (!q.includeWithdrawn) b.whereNot('f.publication_state', PublicationState.WITHDRAWN);
  if (q.sources?.length) b.whereIn('f.source', q.sources);
  if (q.fiscalYears?.length) b.whereIn('f.fiscal_year', q.fiscalYears);
  if (q.fiscalYearFrom != null) b.where('f.fiscal_year', '>=', q.fiscalYearFrom);
  if (q.fiscalYearTo != null) b.where('f.fiscal_year', '<=', q.fiscalYearTo);
  if (q.unitIds) b.whereIn('f.unit_id', q.unitIds);
  if (q.categories?.length) b.whereIn('f.category', q.categories);
  // Content-gated filters: a row whose content is hidden from the viewer never matches them.
  const gated =
    q.readable === true ||
    q.projectIds ||
    q.reviewIds ||
    q.severities?.length ||
    q.statuses?.length ||
    q.search;
  if (gated) and(b, contentSql(v, 'f'));
  else if (q.readable === false) {
    const c = contentSql(v, 'f');
    b.whereRaw(`coalesce(${c.sql}, false) = false`, c.bindings as Knex.RawBinding[]);
  }
  if (q.projectIds) b.whereIn('f.project_id', q.projectIds);
  if (q.reviewIds) b.whereIn('f.review_id', q.reviewIds);
  if (q.severities?.length) b.whereIn('f.severity', q.severities);
  if (q.statuses?.length) b.whereIn('f.rectification_status', q.statuses);
  if (q.search) b.whereRaw(`(f.title || ' ' || f.description) ilike ?`, [likePattern(q.search)]);
  if (q.amountMin != null || q.amountMax != null) {
    and(b, amountSql(v, 'f'));
    if (q.amountMin != null) b.where('f.amount_involved', '>=', q.amountMin);
    if (q.amountMax != null) b.where('f.amount_involved', '<=', q.amountMax);
  }
  return b;
}

function sortKey(v: Viewer, q: FindingQuery, field: FindingOrderField, desc: boolean): SortKey {
  switch (field) {
    case FindingOrderField.FISCAL_YEAR:
      return { expr: 'f.fiscal_year', desc, cast: 'int' };
    case FindingOrderField.AMOUNT_INVOLVED: {
      // An amount filter already keeps only rows whose amount the viewer reads (and has): order by
      // the column itself, so the amount index gives the order and the page stops early.
      if (q.amountMin != null || q.amountMax != null)
        return { expr: 'f.amount_involved', desc, cast: 'numeric' };
      // Rows whose amount the viewer may not read sort as if they had none.
      const a = amountSql(v, 'f');
      return {
        expr: `coalesce(case when ${a.sql} then f.amount_involved end, -1)`,
        bindings: a.bindings,
        desc,
        cast: 'numeric',
      };
    }
    case FindingOrderField.SEVERITY: {
      const c = contentSql(v, 'f');
      return {
        expr: `(case when ${c.sql} then (case f.severity when 'MINOR' then 1 when 'MODERATE' then 2 else 3 end) else 0 end)`,
        bindings: c.bindings,
        desc,
        cast: 'int',
      };
    }
    default:
      return { expr: 'f.id', desc, cast: 'int' };
  }
}

/** Columns every finding row carries: ids, relations, and what the policy and the access log need. */
const BASE_COLUMNS = [
  'f.id',
  'f.source',
  'f.agency_id',
  'f.source_ref',
  'f.review_id',
  'f.unit_id',
  'f.project_id',
  'f.policy_id',
  'f.fiscal_year',
  'f.category',
  'f.severity',
  'f.amount_involved',
  'f.amount_disclosed',
  'f.sensitivity',
  'f.publication_state',
  'f.rectification_status',
  'f.version',
];

/** Wide or converted columns, read only when the operation asks for their field. */
const FIELD_COLUMNS: Record<string, string> = {
  title: 'f.title',
  description: 'f.description',
  responsiblePerson: 'f.responsible_person',
  responsiblePhone: 'f.responsible_phone',
  indicatorName: 'f.indicator_name',
  scoreDeducted: 'f.score_deducted',
  legalBasis: 'f.legal_basis',
  auditOpinion: 'f.audit_opinion',
  inspectionItem: 'f.inspection_item',
  approvalRef: 'f.approval_ref',
  clueSource: 'f.clue_source',
  personsInvolved: 'f.persons_involved',
  caseStage: 'f.case_stage',
  personsHeldAccountable: 'f.persons_held_accountable',
  publishedAt: 'f.published_at',
  createdAt: 'f.created_at',
  updatedAt: 'f.updated_at',
};

/** The columns a page needs for these API fields (null = unknown: every column). */
export function findingColumns(fields: ReadonlySet<string> | null): string[] {
  if (!fields) return ['f.*'];
  return [...BASE_COLUMNS, ...Object.entries(FIELD_COLUMNS).flatMap(([k, c]) => (fields.has(k) ? [c] : []))];
}

export async function listFindings(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  order: { field: FindingOrderField; desc: boolean },
  args: PageArgs,
  need: ConnectionNeeds = { nodeFields: null, totalCount: true },
): Promise<Connection<FindingRow>> {
  const base = findingBase(knex, v, q);
  return paginate(
    knex,
    base.clone().select(findingColumns(need.nodeFields)),
    args,
    sortKey(v, q, order.field, order.desc),
    mapFinding,
    async () => Number((await base.clone().count({ n: '*' }).first())!.n),
    'f.id',
    { countNow: need.totalCount },
  );
}
