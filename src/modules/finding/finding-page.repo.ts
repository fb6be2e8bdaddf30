/**
 * The compiled read path's SQL: a finding page whose rows arrive response-shaped. Each row is one JSON
 * object holding the node exactly as the operation selected it (response keys, aliases, nested
 * relations, `null` where the viewer's access decision refuses a field) and the row's decisions
 * (`m`: ids, owners, sensitivities and the content, amount and review flags) from which the caller
 * writes the FORBIDDEN errors and the access-log entries. Paging, filters, row scope and sort keys are
 * those of `listFindings` (same `findingBase`, same `paginate`), so the rows and cursors are the same.
 *
 * The access decisions are the policy's SQL twins, computed once per row in a lateral subquery
 * (`g.c`, `g.a`; the review's `rv.vis`, `rv.rc`), the same expressions the regular path reads.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { amountSql, contentSql, reviewRowScope } from '../../policy/access.js';
import { queryPrepared } from '../../db/prepared.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
import {
  findingBase,
  findingSortKey,
  FINDING_TYPENAME,
  type FindingOrderField,
  type FindingQuery,
} from './finding.repo.js';

/** The access gate of a selected field, from its rule: always, the record's content, its amount. */
export type Gate = 'visible' | 'content' | 'amount';

/** Object types the compiled path reads, and the table each comes from. */
export type CompiledType = 'Finding' | 'Organization' | 'Project' | 'Review';

/** One selected field of an object, in response order. */
export type FieldSel =
  | { t: 'typename'; key: string }
  | { t: 'column'; key: string; name: string; gate: Gate }
  | { t: 'contentFlag'; key: string; name: string }
  | { t: 'relation'; key: string; name: string; gate: Gate; target: CompiledType; sel: ObjectSel };

export interface ObjectSel {
  type: CompiledType;
  fields: FieldSel[];
}

/** Columns of each type by API field name, as SQL over the type's alias (`$`). */
export const COLUMNS: Record<CompiledType, Record<string, string>> = {
  Finding: {
    id: gid('Finding'),
    source: '$.source',
    fiscalYear: '$.fiscal_year',
    category: '$.category',
    sourceRef: '$.source_ref',
    severity: '$.severity',
    title: '$.title',
    description: '$.description',
    sensitivity: '$.sensitivity',
    publicationState: '$.publication_state',
    rectificationStatus: '$.rectification_status',
    version: '$.version',
    amountInvolved: '$.amount_involved::text',
  },
  Organization: {
    id: gid('Organization'),
    kind: '$.kind',
    code: '$.code',
    name: '$.name',
    shortName: '$.short_name',
  },
  Project: {
    id: gid('Project'),
    code: '$.code',
    name: '$.name',
    fundType: '$.fund_type',
    budgetAmount: '$.budget_amount::text',
    startYear: '$.start_year',
    endYear: '$.end_year',
  },
  Review: {
    id: gid('Review'),
    source: '$.source',
    subjectKind: '$.subject_kind',
    fiscalYear: '$.fiscal_year',
    sourceRef: '$.source_ref',
    title: '$.title',
    reviewType: '$.review_type',
    conclusion: '$.conclusion',
    score: '$.score::text',
    grade: '$.grade',
    sensitivity: '$.sensitivity',
    version: '$.version',
  },
};

/** To-one relations by type and API field: the target type and the foreign-key column. */
export const RELATIONS: Record<CompiledType, Record<string, { target: CompiledType; fk: string }>> = {
  Finding: {
    unit: { target: 'Organization', fk: 'unit_id' },
    agency: { target: 'Organization', fk: 'agency_id' },
    project: { target: 'Project', fk: 'project_id' },
    review: { target: 'Review', fk: 'review_id' },
  },
  Organization: {},
  Project: { ownerUnit: { target: 'Organization', fk: 'owner_unit_id' } },
  Review: {
    agency: { target: 'Organization', fk: 'agency_id' },
    unit: { target: 'Organization', fk: 'unit_id' },
  },
};

const TABLE: Record<CompiledType, string> = {
  Finding: 'finding',
  Organization: 'organization',
  Project: 'project',
  Review: 'review',
};

/** A global id in SQL: base64url (no padding) of "Type:id", as toGlobalId writes it. */
function gid(type: string): string {
  return `translate(encode(convert_to('${type}:' || $.id::text, 'UTF8'), 'base64'), '+/=', '-_')`;
}

/** The decisions of one page row, as the JSON array `m` holds them. */
export interface RowDecisions {
  id: number;
  agencyId: number;
  sensitivity: string;
  content: boolean;
  amount: boolean;
  /** The finding's review, when the operation selects it: null when there is none. */
  review: { id: number; agencyId: number; sensitivity: string; visible: boolean; content: boolean } | null;
}

export interface CompiledRow {
  dbId: number;
  /** Node JSON per node selection of the operation (nodes, edges.node), in the order given. */
  nodes: unknown[];
  decisions: RowDecisions;
}

/**
 * One page of findings, response-shaped per selection. `selections` are the distinct node selections
 * of the operation (usually one). Same rows, order and cursors as `listFindings`.
 */
export async function listFindingsCompiled(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  order: { field: FindingOrderField; desc: boolean },
  args: PageArgs,
  selections: ObjectSel[],
  countNow: boolean,
): Promise<Connection<CompiledRow>> {
  const base = findingBase(knex, v, q);
  const page = base.clone();
  const run = (stmt: Knex.QueryBuilder) => queryPrepared(knex, stmt);
  const c = contentSql(v, 'f');
  const a = amountSql(v, 'f');
  page.joinRaw(`cross join lateral (select ${c.sql} as c, ${a.sql} as a) g`, [
    ...c.bindings,
    ...a.bindings,
  ] as Knex.Value[]);
  const withReview = selections.some((s) => s.fields.some((f) => f.t === 'relation' && f.name === 'review'));
  if (withReview) {
    const scope = reviewRowScope(v, 'r0') ?? { sql: 'true', bindings: [] };
    const rc = contentSql(v, 'r0', true);
    page.joinRaw(
      `left join lateral (select r0.*, ${scope.sql} as vis, ${rc.sql} as rc from review r0 where r0.id = f.review_id) rv on true`,
      [...scope.bindings, ...rc.bindings] as Knex.Value[],
    );
  }
  const b = new Builder();
  const nodes = selections.map((s) => b.object(s, 'f', 0));
  const meta =
    `json_build_array(f.id, f.agency_id, f.sensitivity, g.c, g.a` +
    (withReview ? `, rv.id, rv.agency_id, rv.sensitivity, rv.vis, rv.rc)` : ')');
  const row = `json_build_object('m', ${meta}, 'n', json_build_array(${nodes.join(', ')})) as _row`;
  return paginate(
    knex,
    page.select(knex.raw(row, b.bindings as Knex.RawBinding[])),
    args,
    findingSortKey(v, q, order.field, order.desc),
    mapCompiledRow,
    countOf(base, run),
    'f.id',
    { countNow, run },
  );
}

function mapCompiledRow(raw: Record<string, unknown>): CompiledRow {
  const r = raw._row as { m: unknown[]; n: unknown[] };
  const m = r.m;
  return {
    dbId: m[0] as number,
    nodes: r.n,
    decisions: {
      id: m[0] as number,
      agencyId: m[1] as number,
      sensitivity: m[2] as string,
      content: m[3] === true,
      amount: m[4] === true,
      review:
        m.length > 5 && m[5] != null
          ? {
              id: m[5] as number,
              agencyId: m[6] as number,
              sensitivity: m[7] as string,
              visible: m[8] === true,
              content: m[9] === true,
            }
          : null,
    },
  };
}

/** Writes the JSON of object selections; bindings in the order the SQL text uses them. */
class Builder {
  readonly bindings: unknown[] = [];
  private n = 0;

  object(sel: ObjectSel, alias: string, depth: number): string {
    const parts: string[] = [];
    for (const f of sel.fields) parts.push(`'${f.key}', ${this.value(sel.type, f, alias, depth)}`);
    return `json_build_object(${parts.join(', ')})`;
  }

  private value(type: CompiledType, f: FieldSel, alias: string, depth: number): string {
    switch (f.t) {
      case 'typename':
        if (type !== 'Finding') return `'${type}'`;
        return `(case ${alias}.source ${Object.entries(FINDING_TYPENAME)
          .map(([s, n]) => `when '${s}' then '${n}'`)
          .join(' ')} end)`;
      case 'contentFlag':
        return 'coalesce(g.c, false)';
      case 'column':
        return this.gated(type, f.gate, COLUMNS[type][f.name]!.replaceAll('$', alias));
      case 'relation': {
        const rel = RELATIONS[type][f.name]!;
        if (type === 'Finding' && f.name === 'review') {
          // the review row is joined laterally (rv), with its visibility and content decisions
          return this.gated(
            type,
            f.gate,
            `(case when rv.vis then ${this.object(f.sel, 'rv', depth + 1)} end)`,
          );
        }
        const t = `t${depth}_${this.n++}`;
        const sub = `(select ${this.object(f.sel, t, depth + 1)} from ${TABLE[rel.target]} ${t} where ${t}.id = ${alias}.${rel.fk})`;
        return this.gated(type, f.gate, sub);
      }
    }
  }

  /** The field's value where its gate lets the viewer read it, else null. */
  private gated(type: CompiledType, gate: Gate, sql: string): string {
    if (gate === 'visible') return sql;
    const flag =
      type === 'Finding'
        ? gate === 'content'
          ? 'g.c'
          : 'g.a'
        : type === 'Review' && gate === 'content'
          ? 'rv.rc'
          : null;
    if (!flag) throw new Error(`no compiled gate ${gate} for ${type}`);
    return `(case when ${flag} then ${sql} end)`;
  }
}
