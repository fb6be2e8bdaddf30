/**
 * The permission policy: one place answers "may this viewer see this row / read this field", both as
 * TypeScript predicates (for graphql-shield and viewerCan… fields) and as SQL (for row scope, and for
 * filters, sorts and counts, so aggregates never reveal what the rows would not).
 *
 * Two layers:
 * - Row scope: whether a record exists for the viewer at all (absent from lists, null from node()).
 * - Content: whether the viewer may read the record's substance. Outside content the viewer sees only
 *   the "existence" fields (id, source, unit, category, fiscal year) — e.g. an audit bureau learns that
 *   a discipline matter exists about a unit, and nothing more.
 */
import { FindingSource, PublicationState, Role, Sensitivity, SENSITIVITY_RANK } from '../shared/enums.js';
import { isOversight, type Viewer } from '../auth/viewer.js';
import { SharingLevel } from '../shared/enums.js';
import { grantCovers, grantSql, levelOf, levelSql } from './sharing.js';

export interface Sql {
  sql: string;
  bindings: unknown[];
}

/** What the policy needs of a finding or review row. */
export interface GuardedRecord {
  __typename: string;
  dbId: number;
  source: FindingSource;
  /** Findings only; reviews follow their owner's default sharing rule. */
  category?: string;
  agencyId: number;
  unitId: number;
  sensitivity: Sensitivity;
  publicationState: PublicationState;
  amountDisclosed?: boolean;
}

const rankSql = (col: string) =>
  `(case ${col} when 'PUBLIC' then 0 when 'INTERNAL' then 1 when 'RESTRICTED' then 2 else 3 end)`;

export const isAuthor = (v: Viewer, r: GuardedRecord) => v.orgId !== null && r.agencyId === v.orgId;

/**
 * May the viewer read the substance of the record?
 * - its author always; the discipline commission always (cleared for SECRET);
 * - a unit, about itself, within its clearance;
 * - anyone else as the owner's sharing rule says: UNCONDITIONAL within clearance, CONDITIONAL only
 *   under an approved unexpired request (which the owner granted knowingly, whatever the level),
 *   NOT_SHARED never.
 */
export function canReadContent(v: Viewer, r: GuardedRecord): boolean {
  if (isAuthor(v, r)) return true;
  if (v.role === Role.DISCIPLINE) return true;
  const cleared = SENSITIVITY_RANK[r.sensitivity] <= v.clearanceRank;
  if (v.role === Role.UNIT) return r.unitId === v.orgId && r.source !== FindingSource.DISCIPLINE && cleared;
  switch (levelOf(v.sharing, r)) {
    case SharingLevel.NOT_SHARED:
      return false;
    case SharingLevel.CONDITIONAL:
      return r.__typename !== 'Review' && grantCovers(v.sharing, r);
    default:
      return cleared;
  }
}

/** SQL twin of canReadContent over alias `a` (a finding, or a review when `review` is true). */
export function contentSql(v: Viewer, a: string, review = false): Sql {
  if (v.role === Role.DISCIPLINE) return { sql: 'true', bindings: [] };
  const own = v.orgId !== null ? `${a}.agency_id = ? or ` : '';
  const ownB = v.orgId !== null ? [v.orgId] : [];
  const cleared = `${rankSql(`${a}.sensitivity`)} <= ${v.clearanceRank}`;
  if (v.role === Role.UNIT) {
    return {
      sql: `(${own}(${a}.unit_id = ? and ${a}.source <> 'DISCIPLINE' and ${cleared}))`,
      bindings: [...ownB, v.orgId],
    };
  }
  const lvl = levelSql(v.sharing, a, review ? null : `${a}.category`);
  const grant = review ? { sql: 'false', bindings: [] } : grantSql(v.sharing, a);
  return {
    sql: `(${own}(${lvl.sql} = 'U' and ${cleared}) or (${lvl.sql} = 'C' and ${grant.sql}))`,
    bindings: [...ownB, ...lvl.bindings, ...lvl.bindings, ...grant.bindings],
  };
}

/** Names of discipline clue sources and persons: the discipline commission alone. */
export const canReadDisciplineSecrets = (v: Viewer) => v.role === Role.DISCIPLINE;

/** Amount involved: content, and for the public only where the author disclosed it. */
export function canReadAmount(v: Viewer, r: GuardedRecord): boolean {
  if (!canReadContent(v, r)) return false;
  return v.role !== Role.PUBLIC || r.amountDisclosed === true;
}

export function amountSql(v: Viewer, a: string): Sql {
  const c = contentSql(v, a);
  if (v.role !== Role.PUBLIC) return c;
  return { sql: `(${c.sql} and ${a}.amount_disclosed)`, bindings: c.bindings };
}

/** Responsible persons' contact details: supervising agencies and the unit itself. */
export function canReadContact(v: Viewer, r: GuardedRecord): boolean {
  if (!canReadContent(v, r)) return false;
  if (isOversight(v)) return true;
  return v.role === Role.UNIT && v.orgId === r.unitId;
}

/**
 * Row scope of findings (alias `a` = finding table). Null means no restriction.
 * An agency always sees what it authored; drafts are the author's alone.
 */
export function findingRowScope(v: Viewer, a: string): Sql | null {
  const own = v.orgId !== null ? `${a}.agency_id = ?` : null;
  const ownB = v.orgId !== null ? [v.orgId] : [];
  let others: Sql;
  switch (v.role) {
    case Role.PUBLIC:
      others = {
        sql: `(${a}.publication_state = 'PUBLISHED' and ${a}.sensitivity = 'PUBLIC')`,
        bindings: [],
      };
      break;
    case Role.UNIT:
      others = {
        sql: `(${a}.publication_state <> 'DRAFT' and ${a}.unit_id = ? and ${a}.source <> 'DISCIPLINE')`,
        bindings: [v.orgId],
      };
      break;
    case Role.EVALUATOR:
      // `= any(array(…))`: the evaluator's reviews are read first, so the planner can walk the
      // findings' review_id index (or bitmap-OR it with the author's) instead of scanning every finding
      others = {
        sql: `(${a}.publication_state <> 'DRAFT' and ${a}.source <> 'DISCIPLINE' and ${a}.review_id = any(array(select r.id from review r where r.evaluator_id = ?)))`,
        bindings: [v.orgId],
      };
      break;
    default:
      others = { sql: `${a}.publication_state <> 'DRAFT'`, bindings: [] };
  }
  if (!own) return others;
  return { sql: `(${own} or ${others.sql})`, bindings: [...ownB, ...others.bindings] };
}

/** Row scope of reviews (alias `a` = review table). */
export function reviewRowScope(v: Viewer, a: string): Sql | null {
  const own = v.orgId !== null ? `${a}.agency_id = ?` : null;
  let others: Sql;
  switch (v.role) {
    case Role.PUBLIC:
      others = {
        sql: `(${a}.publication_state = 'PUBLISHED' and ${a}.sensitivity = 'PUBLIC')`,
        bindings: [],
      };
      break;
    case Role.UNIT:
      others = {
        sql: `(${a}.publication_state <> 'DRAFT' and ${a}.unit_id = ? and ${a}.source <> 'DISCIPLINE')`,
        bindings: [v.orgId],
      };
      break;
    case Role.EVALUATOR:
      others = { sql: `(${a}.publication_state <> 'DRAFT' and ${a}.evaluator_id = ?)`, bindings: [v.orgId] };
      break;
    default:
      others = { sql: `${a}.publication_state <> 'DRAFT'`, bindings: [] };
  }
  if (!own) return others;
  return { sql: `(${own} or ${others.sql})`, bindings: [v.orgId, ...others.bindings] };
}

/** TS twin of findingRowScope, for records fetched by id (node, loaders). */
export function canSeeFindingRow(v: Viewer, r: GuardedRecord & { evaluatorId?: number | null }): boolean {
  if (isAuthor(v, r)) return true;
  if (r.publicationState === PublicationState.DRAFT) return false;
  switch (v.role) {
    case Role.PUBLIC:
      return r.publicationState === PublicationState.PUBLISHED && r.sensitivity === Sensitivity.PUBLIC;
    case Role.UNIT:
      return r.unitId === v.orgId && r.source !== FindingSource.DISCIPLINE;
    case Role.EVALUATOR:
      return r.source !== FindingSource.DISCIPLINE && r.evaluatorId != null && r.evaluatorId === v.orgId;
    default:
      return true;
  }
}

export function canSeeReviewRow(v: Viewer, r: GuardedRecord & { evaluatorId: number | null }): boolean {
  if (isAuthor(v, r)) return true;
  if (r.publicationState === PublicationState.DRAFT) return false;
  switch (v.role) {
    case Role.PUBLIC:
      return r.publicationState === PublicationState.PUBLISHED && r.sensitivity === Sensitivity.PUBLIC;
    case Role.UNIT:
      return r.unitId === v.orgId && r.source !== FindingSource.DISCIPLINE;
    case Role.EVALUATOR:
      return r.evaluatorId === v.orgId;
    default:
      return true;
  }
}

/** Row scope in words, per role, printed into schema/permissions.md next to the field matrix. */
export const ROW_SCOPE_EXPLAINED: Record<Role, string> = {
  PUBLIC: 'Published findings and reviews marked PUBLIC.',
  FINANCE: 'Everything it authored; all published findings and reviews of others.',
  AUDIT: 'Everything it authored; all published findings and reviews of others.',
  REFORM: 'Everything it authored; all published findings and reviews of others.',
  DISCIPLINE: 'Everything it authored; all published findings and reviews of others.',
  UNIT: 'Published findings and reviews about its own organisation, never discipline ones.',
  EVALUATOR: 'Reviews assigned to it and their (non-discipline) findings.',
  LEADERSHIP: 'All published findings and reviews.',
  HUB_ADMIN: 'All published findings and reviews (content only up to RESTRICTED).',
};
