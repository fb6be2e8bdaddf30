/**
 * The compiled read path (issue 10): an operation that is only `findings` connections over plain
 * columns and to-one relations is answered without executing it field by field. Its selection is
 * planned once per document (`planOperation`), each page is read response-shaped in one statement
 * (src/modules/finding/finding-page.repo.ts), and the response, its FORBIDDEN errors and its
 * access-log entries are written from the page's per-row decisions.
 *
 * It is an interpretation of the same rule tree graphql-shield enforces (`allRules()`): a field is
 * compiled only when its rule is one of the row-decided levels (visible, content, amount) for which
 * the policy has an SQL twin; anything else — another rule, a field resolver with logic, a fragment on
 * an implementation, a directive, an argument on a nested field, a non-null field a rule could refuse —
 * leaves the operation to regular execution, as does any error (bad input, a failed statement): the
 * regular path then answers exactly as it always did. A test compares both paths response by response
 * for every role (test/compiled-reads.test.ts).
 */
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import {
  getArgumentValues,
  getVariableValues,
  getLocation,
  getNamedType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type SourceLocation,
} from 'graphql';
import type { HubContext } from '../context.js';
import { Access, type FieldAccess } from '../policy/field-rules.js';
import { allRules } from '../permissions.js';
import {
  COLUMNS,
  RELATIONS,
  listFindingsCompiled,
  type CompiledRow,
  type CompiledType,
  type FieldSel,
  type Gate,
  type ObjectSel,
} from '../modules/finding/finding-page.repo.js';
import { toFindingQuery, toOrder } from '../modules/finding/finding.query.js';
import type { FindingFilter, FindingOrder } from '../modules/finding/finding.types.js';

/** A planned field with the source location its errors report. */
type Located<T> = T & { loc: SourceLocation | undefined };

type ConnField =
  | { t: 'typename'; key: string }
  | { t: 'totalCount'; key: string }
  | { t: 'nodes'; key: string; sel: number }
  | { t: 'edges'; key: string; fields: EdgeField[] }
  | { t: 'pageInfo'; key: string; fields: { key: string; name: string }[] };
type EdgeField =
  { t: 'typename'; key: string } | { t: 'cursor'; key: string } | { t: 'node'; key: string; sel: number };

interface RootPlan {
  key: string;
  /** GraphQL names of the connection and edge types, for __typename. */
  names: { connection: string; edge: string };
  node: FieldNode;
  fields: ConnField[];
  /** Node selections (under nodes, edges.node), each read as its own JSON per row. */
  selections: ObjectSel[];
  countNow: boolean;
}

const FINDING_TYPES = ['PerformanceFinding', 'AuditFinding', 'ReformFinding', 'DisciplineFinding'];
const GATES = new Map<FieldAccess, Gate>([
  [Access.VISIBLE, 'visible'],
  [Access.CONTENT, 'content'],
  [Access.AMOUNT, 'amount'],
]);

const FORBIDDEN_MESSAGE = 'Not authorised to access this field.';

class NotCompilable extends Error {}
const no = (why: string): never => {
  throw new NotCompilable(why);
};

/** Plans an operation's root selection; null when any part of it is not compilable. */
export class Planner {
  private readonly rules = allRules();

  constructor(private readonly schema: GraphQLSchema) {}

  plan(op: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): RootPlan[] | null {
    try {
      if (op.operation !== 'query' || op.directives?.length) return null;
      const query = this.schema.getQueryType()!;
      const roots: RootPlan[] = [];
      const keys = new Set<string>();
      for (const s of op.selectionSet.selections) {
        if (s.kind !== Kind.FIELD || s.name.value !== 'findings' || s.directives?.length || !s.selectionSet)
          return null;
        const key = s.alias?.value ?? s.name.value;
        if (keys.has(key)) return null;
        keys.add(key);
        if (this.rules.Query?.findings !== Access.OPEN) return null;
        const conn = getNamedType(query.getFields().findings!.type) as GraphQLObjectType;
        roots.push(this.connection(key, s, conn, fragments));
      }
      return roots.length ? roots : null;
    } catch (e) {
      if (e instanceof NotCompilable) {
        if (process.env.HUB_DEBUG_COMPILED) console.error('not compiled:', e.message);
        return null;
      }
      throw e;
    }
  }

  private connection(
    key: string,
    node: FieldNode,
    conn: GraphQLObjectType,
    fragments: Record<string, FragmentDefinitionNode>,
  ): RootPlan {
    const selections: ObjectSel[] = [];
    const fields: ConnField[] = [];
    let countNow = false;
    const nodeType = this.schema.getType('Finding') as GraphQLInterfaceType;
    for (const f of this.fieldsOf(node.selectionSet!, conn.name, fragments)) {
      const k = f.alias?.value ?? f.name.value;
      const name = f.name.value;
      if (name === '__typename') {
        fields.push({ t: 'typename', key: k });
        continue;
      }
      this.requireVisible(conn.name, name);
      if (f.arguments?.length) no('argument');
      if (name === 'totalCount') {
        countNow = true;
        fields.push({ t: 'totalCount', key: k });
      } else if (name === 'nodes') {
        selections.push(this.object('Finding', nodeType, f.selectionSet ?? no('leaf'), fragments));
        fields.push({ t: 'nodes', key: k, sel: selections.length - 1 });
      } else if (name === 'edges') {
        const edge = getNamedType(conn.getFields().edges!.type) as GraphQLObjectType;
        const ef: EdgeField[] = [];
        for (const e of this.fieldsOf(f.selectionSet ?? no('leaf'), edge.name, fragments)) {
          const ek = e.alias?.value ?? e.name.value;
          if (e.name.value === '__typename') ef.push({ t: 'typename', key: ek });
          else if (e.name.value === 'cursor') {
            this.requireVisible(edge.name, 'cursor');
            ef.push({ t: 'cursor', key: ek });
          } else if (e.name.value === 'node') {
            this.requireVisible(edge.name, 'node');
            selections.push(this.object('Finding', nodeType, e.selectionSet ?? no('leaf'), fragments));
            ef.push({ t: 'node', key: ek, sel: selections.length - 1 });
          } else no(e.name.value);
        }
        fields.push({ t: 'edges', key: k, fields: ef });
      } else if (name === 'pageInfo') {
        const pf: { key: string; name: string }[] = [];
        for (const p of this.fieldsOf(f.selectionSet ?? no('leaf'), 'PageInfo', fragments)) {
          if (p.name.value !== '__typename') this.requireVisible('PageInfo', p.name.value);
          pf.push({ key: p.alias?.value ?? p.name.value, name: p.name.value });
        }
        fields.push({ t: 'pageInfo', key: k, fields: pf });
      } else no(name);
    }
    const edge = getNamedType(conn.getFields().edges!.type) as GraphQLObjectType;
    return { key, names: { connection: conn.name, edge: edge.name }, node, fields, selections, countNow };
  }

  /** The field nodes of a selection set on `typeName`, through fragments on that very type. */
  private fieldsOf(
    set: SelectionSetNode,
    typeName: string,
    fragments: Record<string, FragmentDefinitionNode>,
    out: FieldNode[] = [],
    keys = new Set<string>(),
  ): FieldNode[] {
    for (const s of set.selections) {
      if (s.directives?.length) no('directive');
      if (s.kind === Kind.FIELD) {
        const k = s.alias?.value ?? s.name.value;
        // the same key twice would need graphql's field merging: left to regular execution
        if (keys.has(k)) no('repeated key');
        keys.add(k);
        out.push(s);
      } else {
        const frag = s.kind === Kind.INLINE_FRAGMENT ? s : (fragments[s.name.value] ?? no('fragment'));
        const cond = frag.typeCondition?.name.value;
        if (cond && cond !== typeName) no('type condition');
        this.fieldsOf(frag.selectionSet, typeName, fragments, out, keys);
      }
    }
    return out;
  }

  private object(
    type: CompiledType,
    gql: GraphQLObjectType | GraphQLInterfaceType,
    set: SelectionSetNode,
    fragments: Record<string, FragmentDefinitionNode>,
  ): ObjectSel {
    const fields: FieldSel[] = [];
    for (const f of this.fieldsOf(set, gql.name, fragments)) {
      const key = f.alias?.value ?? f.name.value;
      const name = f.name.value;
      const loc = f.loc ? getLocation(f.loc.source, f.loc.start) : undefined;
      if (name === '__typename') {
        fields.push({ t: 'typename', key });
        continue;
      }
      if (f.arguments?.length) no('argument');
      const def = gql.getFields()[name] ?? no(`unknown field ${name}`);
      const gate = this.gate(type === 'Finding' ? null : gql.name, name);
      // a refused field is null: on a non-null field graphql would null the parent instead
      if (gate !== 'visible' && isNonNullType(def.type)) no('non-null gated field');
      if (COLUMNS[type][name] !== undefined) {
        if (f.selectionSet) no('selection on a leaf');
        fields.push({ t: 'column', key, name, gate, loc } as Located<FieldSel>);
      } else if (type === 'Finding' && name === 'viewerCanReadContent') {
        fields.push({ t: 'contentFlag', key, name, loc } as Located<FieldSel>);
      } else if (RELATIONS[type][name]) {
        const rel = RELATIONS[type][name]!;
        const target = getNamedType(def.type);
        if (!isObjectType(target) || target.name !== rel.target) no('relation type');
        const sel = this.object(
          rel.target,
          target as GraphQLObjectType,
          f.selectionSet ?? no('leaf'),
          fragments,
        );
        // nested objects other than a finding's review are read without gates of their own
        if (
          rel.target !== 'Review' &&
          sel.fields.some((x) => x.t !== 'typename' && 'gate' in x && x.gate !== 'visible')
        )
          no('gated nested field');
        fields.push({ t: 'relation', key, name, gate, target: rel.target, sel, loc } as Located<FieldSel>);
      } else no(`field ${name}`);
    }
    return { type, fields };
  }

  /** The gate of a field from the rule tree; a Finding field must have one rule on all four types. */
  private gate(typeName: string | null, field: string): Gate {
    const access = typeName
      ? this.rules[typeName]?.[field]
      : FINDING_TYPES.map((t) => this.rules[t]?.[field]).reduce<FieldAccess | undefined>(
          (a, b) => (a === b ? a : undefined),
          this.rules[FINDING_TYPES[0]!]?.[field],
        );
    const g = access && GATES.get(access);
    return g ?? no(`rule of ${typeName ?? 'Finding'}.${field}`);
  }

  private requireVisible(typeName: string, field: string): void {
    if (this.gate(typeName, field) !== 'visible') no(`${typeName}.${field}`);
  }
}

/** Cursors need the connection's edges; anything reading them goes through here. */
interface PageResult {
  plan: RootPlan;
  conn: Awaited<ReturnType<typeof listFindingsCompiled>>;
  total: number | null;
}

/** Runs the planned pages; null when the regular path should answer (bad input, a failed statement). */
async function runPlans(ctx: HubContext, roots: RootPlan[], args: Record<string, unknown>[]) {
  let pages: Promise<PageResult>[];
  try {
    pages = roots.map(async (plan, i) => {
      const a = args[i]!;
      const conn = await listFindingsCompiled(
        ctx.knex,
        ctx.viewer,
        toFindingQuery(a.filterBy as FindingFilter | undefined),
        toOrder(a.orderBy as FindingOrder | undefined),
        {
          first: a.first as number | undefined,
          last: a.last as number | undefined,
          after: a.after as string | undefined,
          before: a.before as string | undefined,
        },
        plan.selections,
        plan.countNow,
      );
      return { plan, conn, total: plan.countNow ? await conn.totalCount() : null };
    });
    return await Promise.all(pages);
  } catch {
    return null;
  }
}

/** The response of the pages, its FORBIDDEN errors, and the access-log notes of what it returns. */
function respond(ctx: HubContext, results: PageResult[]) {
  const data: Record<string, unknown> = {};
  const errors: GraphQLFormattedError[] = [];
  for (const { plan, conn, total } of results) {
    const rows = conn.nodes as CompiledRow[];
    const recs: ({ dbId: number; agencyId: number; sensitivity: string } | undefined)[] = [];
    const out: Record<string, unknown> = {};
    for (const cf of plan.fields) {
      switch (cf.t) {
        case 'typename':
          out[cf.key] = plan.names.connection;
          break;
        case 'totalCount':
          out[cf.key] = total;
          break;
        case 'nodes':
          out[cf.key] = rows.map((r, i) => {
            walk(ctx, plan.selections[cf.sel]!, r, i, recs, [plan.key, cf.key, i], errors);
            return r.nodes[cf.sel];
          });
          break;
        case 'edges': {
          const edges = conn.edges;
          out[cf.key] = rows.map((r, i) => {
            const e: Record<string, unknown> = {};
            for (const ef of cf.fields) {
              if (ef.t === 'typename') e[ef.key] = plan.names.edge;
              else if (ef.t === 'cursor') e[ef.key] = edges[i]!.cursor;
              else {
                walk(ctx, plan.selections[ef.sel]!, r, i, recs, [plan.key, cf.key, i, ef.key], errors);
                e[ef.key] = r.nodes[ef.sel];
              }
            }
            return e;
          });
          break;
        }
        case 'pageInfo': {
          const p: Record<string, unknown> = {};
          for (const f of cf.fields)
            p[f.key] =
              f.name === '__typename' ? 'PageInfo' : conn.pageInfo[f.name as keyof typeof conn.pageInfo];
          out[cf.key] = p;
          break;
        }
      }
    }
    data[plan.key] = out;
  }
  return { data, errors };
}

/**
 * One row of a node selection: FORBIDDEN where the row's decision refuses a field (in the order
 * regular execution reports them: depth first, in selection order), and an access-log note for every
 * field of a finding or review that is returned, as the field guards note them.
 */
function walk(
  ctx: HubContext,
  sel: ObjectSel,
  row: CompiledRow,
  i: number,
  recs: ({ dbId: number; agencyId: number; sensitivity: string } | undefined)[],
  path: (string | number)[],
  errors: GraphQLFormattedError[],
): void {
  const d = row.decisions;
  const rec = (recs[i] ??= { dbId: d.id, agencyId: d.agencyId, sensitivity: d.sensitivity });
  for (const f of sel.fields) {
    if (f.t === 'typename') continue;
    const ok = f.t === 'contentFlag' || f.gate === 'visible' || (f.gate === 'content' ? d.content : d.amount);
    if (!ok) {
      errors.push(forbidden(f as Located<FieldSel>, [...path, f.key]));
      continue;
    }
    ctx.accessLog.note('Finding', rec, f.name);
    if (f.t === 'relation' && f.name === 'review' && d.review?.visible) {
      const r = d.review;
      const rrec = { dbId: r.id, agencyId: r.agencyId, sensitivity: r.sensitivity };
      for (const g of f.sel.fields) {
        if (g.t === 'typename') continue;
        if (g.t !== 'contentFlag' && g.gate === 'content' && !r.content) {
          errors.push(forbidden(g as Located<FieldSel>, [...path, f.key, g.key]));
          continue;
        }
        ctx.accessLog.note('Review', rrec, g.name);
      }
    }
  }
}

function forbidden(f: Located<FieldSel>, path: (string | number)[]): GraphQLFormattedError {
  return {
    message: FORBIDDEN_MESSAGE,
    ...(f.loc ? { locations: [f.loc] } : {}),
    path,
    extensions: { code: 'FORBIDDEN' },
  };
}

/** Plans per document and operation, kept as long as Apollo keeps the parsed document. */
const plans = new WeakMap<DocumentNode, Map<string, RootPlan[] | null>>();

/**
 * The Apollo plugin: after validation, limits, the cost budget and the trusted-documents gate
 * (didResolveOperation), answers a compilable operation itself; the access-log and logging plugins
 * run as for any other request.
 */
export function compiledReadsPlugin(schema: GraphQLSchema): ApolloServerPlugin<HubContext> {
  const planner = new Planner(schema);
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc): Promise<GraphQLResponse | null> {
          const op = rc.operation;
          if (!op || !rc.document) return null;
          let perDoc = plans.get(rc.document);
          if (!perDoc) plans.set(rc.document, (perDoc = new Map()));
          const opKey = op.name?.value ?? '';
          let roots = perDoc.get(opKey);
          if (roots === undefined) {
            const fragments: Record<string, FragmentDefinitionNode> = {};
            for (const d of rc.document.definitions)
              if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
            roots = planner.plan(op, fragments);
            perDoc.set(opKey, roots);
          }
          if (!roots) return null;
          const vars = getVariableValues(schema, op.variableDefinitions ?? [], rc.request.variables ?? {});
          if (vars.errors) return null;
          let args: Record<string, unknown>[];
          try {
            const def = schema.getQueryType()!.getFields().findings!;
            args = roots.map((r) => getArgumentValues(def, r.node, vars.coerced));
          } catch {
            return null;
          }
          const results = await runPlans(rc.contextValue, roots, args);
          if (!results) return null;
          const { data, errors } = respond(rc.contextValue, results);
          served++;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: errors.length ? { errors, data } : { data } },
          };
        },
      };
    },
  };
}

let served = 0;
/** Operations the compiled path has answered in this process (tests use it to see which path ran). */
export const compiledReadsServed = (): number => served;
