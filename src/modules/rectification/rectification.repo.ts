import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { Role, OVERSIGHT_ROLES } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { toDate, toDateOrNull } from '../../shared/timestamps.js';
import type { Sql } from '../../policy/access.js';
import type {
  RectificationKind,
  RectificationState,
  VerificationConclusion,
} from './rectification.entity.js';
import { daysOverdue, today } from './rectification.service.js';

export interface RectRow {
  __typename: 'Rectification';
  id: string;
  dbId: number;
  unitId: number;
  leadId: number;
  kind: RectificationKind;
  measures: string;
  deadline: string;
  nextMilestone: string | null;
  state: RectificationState;
  submissionNo: number;
  conclusion: VerificationConclusion | null;
  extensionRequested: string | null;
  closedAt: Date | null;
  createdAt: Date;
  version: number;
  daysOverdue: number;
}

const day = (v: unknown) =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

export function mapRect(r: Record<string, unknown>): RectRow {
  const row = {
    __typename: 'Rectification' as const,
    id: toGlobalId('Rectification', r.id as number),
    dbId: r.id as number,
    unitId: r.unit_id as number,
    leadId: r.lead_id as number,
    kind: r.kind as RectificationKind,
    measures: r.measures as string,
    deadline: day(r.deadline)!,
    nextMilestone: day(r.next_milestone),
    state: r.state as RectificationState,
    submissionNo: r.submission_no as number,
    conclusion: r.conclusion as VerificationConclusion | null,
    extensionRequested: day(r.extension_requested),
    closedAt: toDateOrNull(r.closed_at),
    createdAt: toDate(r.created_at),
    version: r.version as number,
    daysOverdue: 0,
  };
  row.daysOverdue = daysOverdue({
    state: row.state,
    deadline: row.deadline,
    next_milestone: row.nextMilestone,
    conclusion: row.conclusion,
    kind: row.kind,
  });
  return row;
}

export async function rectificationsByIds(knex: Knex, ids: readonly number[]): Promise<RectRow[]> {
  return (
    (await knex('rectification')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapRect);
}

/** SQL: days overdue of alias `a`, as of `on`. */
export function overdueSql(a: string, on = today()): Sql {
  return {
    sql: `(case when ${a}.state = 'CLOSED' then 0 else greatest(0, ?::date - (case when ${a}.kind = 'LONG_TERM' and ${a}.conclusion = 'CONTINUING' and ${a}.next_milestone is not null then ${a}.next_milestone else ${a}.deadline end)) end)`,
    bindings: [on],
  };
}

/** Row scope: supervisors, the unit itself, the discipline commission and district leadership. */
export function rectificationScope(v: Viewer, a: string): Sql | null {
  if (v.role === Role.DISCIPLINE || v.role === Role.LEADERSHIP) return null;
  if (v.role === Role.UNIT) return { sql: `${a}.unit_id = ?`, bindings: [v.orgId] };
  if (OVERSIGHT_ROLES.includes(v.role)) {
    return {
      sql: `exists (select 1 from rectification_supervisor s where s.rectification_id = ${a}.id and s.agency_id = ?)`,
      bindings: [v.orgId],
    };
  }
  return { sql: 'false', bindings: [] };
}
