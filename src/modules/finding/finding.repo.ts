/**
 * Reads of findings: row mapping, row scope, filters and keyset pages. All filters on content
 * columns are gated by the viewer's content access, so a filter, sort or count never reveals a value
 * the viewer could not read in the row itself.
 */
import { queryPrepared } from '../../db/prepared.js';
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
import { countOf, paginate, type Connection, type PageArgs, type SortKey } from '../../shared/paging.js';
import type { ConnectionNeeds } from '../../shared/lookahead.js';
import { amountSql, contentSql, findingRowScope, type Sql } from '../../policy/access.js';
import type { PersonInvolved } from './finding.entity.js';
import {
  mapOrganization,
  organizationJsonSql,
  type OrganizationRow,
} from '../organization/organization.repo.js';
import {
  mapPolicy,
  mapProject,
  policyJsonSql,
  projectJsonSql,
  type PolicyRow,
  type ProjectRow,
} from '../project/project.repo.js';
import { mapReview, reviewJsonSql, type ReviewRow } from '../review/review.repo.js';

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
  /**
   * The policy's decisions for the viewer whose page this row belongs to, computed with the row in
   * SQL (contentSql / amountSql, the twins of canReadContent / canReadAmount): the field rules read
   * them instead of deciding again per field. Absent on rows loaded by id.
   */
  decided?: { content: boolean; amount: boolean };
  /** To-one relations the operation asked for, read in the page's own statement. */
  related?: FindingRelations;
}

/** Relations embedded in a page's statement; a key is present only when it was read. */
export interface FindingRelations {
  unit?: OrganizationRow;
  agency?: OrganizationRow;
  /** null: none, or the viewer may not read the finding's content (the field is refused anyway). */
  project?: (ProjectRow & { ownerUnit?: OrganizationRow }) | null;
  policy?: PolicyRow | null;
  review?: ReviewRow | null;
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
  const content = gated ? contentSql(v, 'f') : null;
  if (content) and(b, content);
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
    // the amount gate is the content gate for every role but PUBLIC: not applied twice
    const amount = amountSql(v, 'f');
    if (amount.sql !== content?.sql) and(b, amount);
    if (q.amountMin != null) b.where('f.amount_involved', '>=', q.amountMin);
    if (q.amountMax != null) b.where('f.amount_involved', '<=', q.amountMax);
  }
  return b;
}

export function findingSortKey(v: Viewer, q: FindingQuery, field: FindingOrderField, desc: boolean): SortKey {
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

/**
 * Every column of a finding, by the key `mapFinding` reads, as SQL over alias f (money as text, so it
 * stays exact through JSON).
 */
const COLUMN_SQL: Record<string, string> = {
  id: 'f.id',
  source: 'f.source',
  agency_id: 'f.agency_id',
  source_ref: 'f.source_ref',
  review_id: 'f.review_id',
  unit_id: 'f.unit_id',
  project_id: 'f.project_id',
  policy_id: 'f.policy_id',
  fiscal_year: 'f.fiscal_year',
  category: 'f.category',
  severity: 'f.severity',
  title: 'f.title',
  description: 'f.description',
  amount_involved: 'f.amount_involved::text',
  amount_disclosed: 'f.amount_disclosed',
  sensitivity: 'f.sensitivity',
  publication_state: 'f.publication_state',
  rectification_status: 'f.rectification_status',
  published_at: 'f.published_at',
  responsible_person: 'f.responsible_person',
  responsible_phone: 'f.responsible_phone',
  indicator_name: 'f.indicator_name',
  score_deducted: 'f.score_deducted::text',
  legal_basis: 'f.legal_basis',
  audit_opinion: 'f.audit_opinion',
  inspection_item: 'f.inspection_item',
  approval_ref: 'f.approval_ref',
  clue_source: 'f.clue_source',
  persons_involved: 'f.persons_involved',
  case_stage: 'f.case_stage',
  persons_held_accountable: 'f.persons_held_accountable',
  created_at: 'f.created_at',
  updated_at: 'f.updated_at',
  version: 'f.version',
};

/** Columns every page row carries: the id and what the policy and the access log read. */
const ALWAYS = [
  'id',
  'source',
  'agency_id',
  'unit_id',
  'category',
  'sensitivity',
  'publication_state',
  'amount_disclosed',
];

/** Further columns by the API field that reads them; a field not listed reads only the columns above. */
const FIELD_COLUMNS: Record<string, string> = {
  sourceRef: 'source_ref',
  review: 'review_id',
  project: 'project_id',
  policy: 'policy_id',
  fiscalYear: 'fiscal_year',
  severity: 'severity',
  title: 'title',
  description: 'description',
  amountInvolved: 'amount_involved',
  rectificationStatus: 'rectification_status',
  publishedAt: 'published_at',
  responsiblePerson: 'responsible_person',
  responsiblePhone: 'responsible_phone',
  indicatorName: 'indicator_name',
  scoreDeducted: 'score_deducted',
  legalBasis: 'legal_basis',
  auditOpinion: 'audit_opinion',
  inspectionItem: 'inspection_item',
  approvalRef: 'approval_ref',
  clueSource: 'clue_source',
  personsInvolved: 'persons_involved',
  caseStage: 'case_stage',
  personsHeldAccountable: 'persons_held_accountable',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
};

/** The row keys a page needs for these API fields (null = unknown: every column). */
export function findingColumns(fields: ReadonlySet<string> | null): string[] {
  if (!fields) return Object.keys(COLUMN_SQL);
  return [...ALWAYS, ...Object.entries(FIELD_COLUMNS).flatMap(([k, c]) => (fields.has(k) ? [c] : []))];
}

/**
 * The page row as one JSON object: the asked-for columns, the viewer's content and amount decisions
 * (`_content`, `_amount`) and the asked-for to-one relations (`_unit`, `_project`, …), keyed as
 * `mapFinding` and the relations' mappers read them. One column per row instead of twenty: the driver
 * decodes one string and JSON.parse does the rest (profiled: per-column decoding was the largest cost
 * of reading a page), and the relations come in the same statement.
 */
function pageRowSql(v: Viewer, need: ConnectionNeeds): Sql {
  const c = contentSql(v, 'f');
  const a = amountSql(v, 'f');
  const entries: string[] = findingColumns(need.nodeFields).map((k) => `'${k}', ${COLUMN_SQL[k]}`);
  const bindings: unknown[] = [];
  entries.push(`'_content', ${c.sql}`, `'_amount', ${a.sql}`);
  bindings.push(...c.bindings, ...a.bindings);
  const fields = need.nodeFields;
  if (fields) {
    const org = (col: string) =>
      `(select ${organizationJsonSql('o')} from organization o where o.id = ${col})`;
    // relations that are content are read only where the viewer may read the finding's content
    const ifContent = (key: string, sql: string) => {
      entries.push(`'${key}', case when ${c.sql} then ${sql} end`);
      bindings.push(...c.bindings);
    };
    if (fields.has('unit')) entries.push(`'_unit', ${org('f.unit_id')}`);
    if (fields.has('agency')) entries.push(`'_agency', ${org('f.agency_id')}`);
    if (fields.has('project')) {
      const owner = need.nodeSubfields?.get('project')?.has('ownerUnit');
      const json = projectJsonSql('p', owner ? { owner_unit: org('p.owner_unit_id') } : {});
      ifContent('_project', `(select ${json} from project p where p.id = f.project_id)`);
    }
    if (fields.has('policy'))
      ifContent('_policy', `(select ${policyJsonSql('po')} from policy po where po.id = f.policy_id)`);
    if (fields.has('review'))
      ifContent('_review', `(select ${reviewJsonSql('rv')} from review rv where rv.id = f.review_id)`);
  }
  return { sql: `json_build_object(${entries.join(', ')}) as _row`, bindings };
}

function mapPageRow(raw: Record<string, unknown>): FindingRow {
  const r = raw._row as Record<string, unknown>;
  const row = mapFinding(r);
  row.decided = { content: r._content === true, amount: r._amount === true };
  const rel: FindingRelations = {};
  if (r._unit !== undefined) rel.unit = mapOrganization(r._unit as Record<string, unknown>);
  if (r._agency !== undefined) rel.agency = mapOrganization(r._agency as Record<string, unknown>);
  if (r._project !== undefined) {
    const p = r._project as Record<string, unknown> | null;
    rel.project = p && {
      ...mapProject(p),
      ...(p.owner_unit ? { ownerUnit: mapOrganization(p.owner_unit as Record<string, unknown>) } : {}),
    };
  }
  if (r._policy !== undefined) rel.policy = r._policy && mapPolicy(r._policy as Record<string, unknown>);
  if (r._review !== undefined) rel.review = r._review && mapReview(r._review as Record<string, unknown>);
  row.related = rel;
  return row;
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
  const row = pageRowSql(v, need);
  const run = (stmt: Knex.QueryBuilder) => queryPrepared(knex, stmt);
  return paginate(
    knex,
    base.clone().select(knex.raw(row.sql, row.bindings as Knex.RawBinding[])),
    args,
    findingSortKey(v, q, order.field, order.desc),
    mapPageRow,
    countOf(base, run),
    'f.id',
    { countNow: need.totalCount, run },
  );
}
