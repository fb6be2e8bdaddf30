/**
 * The permission model, table-driven: every role × every field of the Finding implementations, Review,
 * Organization and Project, with the fields taken from the same rule declarations that the server
 * enforces and the published matrix prints. The expected outcome comes from an oracle written here by
 * hand from DOMAIN.md, independent of src/policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType } from 'graphql';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, OrganizationKind, Role, Sensitivity } from '../src/shared/enums.js';
import { allRules } from '../src/permissions.js';
import { buildHubSchema } from '../src/schema.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>> & { admin: Org };

type Rec = {
  gid: string;
  type: string;
  source: S | null;
  sensitivity: Sensitivity;
  author: Org | null;
  evaluatorAssigned: boolean;
};
const recs: Record<string, Rec> = {};

beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = { ...(await f.world()), admin: await f.org(OrganizationKind.HUB_OPERATOR) };
  const p = await f.project(w.unitA);
  const review = await f.review(w.finance, w.unitA, S.PERFORMANCE, {
    evaluator_id: w.evaluator.id,
    project_id: p.id,
    sensitivity: 'INTERNAL',
  });
  const mk = async (name: string, author: Org, source: S, sensitivity: Sensitivity, over = {}) => {
    const x = await f.finding(author, w.unitA, source, { sensitivity, project_id: p.id, ...over });
    recs[name] = {
      gid: x.gid,
      type: `${source[0]}${source.slice(1).toLowerCase()}Finding`,
      source,
      sensitivity,
      author,
      evaluatorAssigned: false,
    };
  };
  await mk('performance', w.finance, S.PERFORMANCE, Sensitivity.PUBLIC, {
    review_id: review.id,
    indicator_name: '预算执行率',
    score_deducted: '2.00',
  });
  recs.performance!.evaluatorAssigned = true;
  await mk('audit', w.audit, S.AUDIT, Sensitivity.INTERNAL);
  await mk('reform', w.reform, S.REFORM, Sensitivity.RESTRICTED, {
    inspection_item: '招标投标',
    approval_ref: '鹤发改审〔2024〕1号',
  });
  await mk('discipline', w.discipline, S.DISCIPLINE, Sensitivity.SECRET, { persons_held_accountable: 1 });
  recs.review = {
    gid: review.gid,
    type: 'Review',
    source: S.PERFORMANCE,
    sensitivity: Sensitivity.INTERNAL,
    author: w.finance,
    evaluatorAssigned: true,
  };
  recs.organization = {
    gid: w.unitA.gid,
    type: 'Organization',
    source: null,
    sensitivity: Sensitivity.PUBLIC,
    author: null,
    evaluatorAssigned: false,
  };
  recs.project = {
    gid: p.gid,
    type: 'Project',
    source: null,
    sensitivity: Sensitivity.PUBLIC,
    author: null,
    evaluatorAssigned: false,
  };
});
afterAll(async () => hub?.stop());

const ROLE_ORG = (r: Role): Org | null =>
  ({
    PUBLIC: null,
    FINANCE: w.finance,
    AUDIT: w.audit,
    REFORM: w.reform,
    DISCIPLINE: w.discipline,
    UNIT: w.unitA,
    EVALUATOR: w.evaluator,
    LEADERSHIP: w.leadership,
    HUB_ADMIN: w.admin,
  })[r];

const RANK = { PUBLIC: 0, INTERNAL: 1, RESTRICTED: 2, SECRET: 3 };
const CLEAR: Record<Role, number> = {
  PUBLIC: 0,
  EVALUATOR: 1,
  UNIT: 2,
  FINANCE: 2,
  AUDIT: 2,
  REFORM: 2,
  LEADERSHIP: 2,
  HUB_ADMIN: 2,
  DISCIPLINE: 3,
};
const OVERSIGHT = [Role.FINANCE, Role.AUDIT, Role.REFORM, Role.DISCIPLINE];

/** The oracle, from DOMAIN.md: no sharing rules set, so discipline records are not shared. */
function rowVisible(role: Role, r: Rec): boolean {
  if (!r.author) return true; // organisations and projects are reference data
  if (ROLE_ORG(role)?.id === r.author.id) return true;
  if (role === Role.PUBLIC) return r.sensitivity === Sensitivity.PUBLIC;
  if (role === Role.UNIT) return r.source !== S.DISCIPLINE;
  if (role === Role.EVALUATOR) return r.evaluatorAssigned;
  return true;
}
function content(role: Role, r: Rec): boolean {
  if (ROLE_ORG(role)?.id === r.author?.id || role === Role.DISCIPLINE) return true;
  if (r.source === S.DISCIPLINE) return false;
  return RANK[r.sensitivity] <= CLEAR[role];
}
function expected(role: Role, r: Rec, level: string): 'visible' | 'forbidden' {
  const ok = (() => {
    switch (level) {
      case 'visible':
        return true;
      case 'content':
        return content(role, r);
      case 'amount':
        return content(role, r) && role !== Role.PUBLIC; // no fixture discloses its amount
      case 'contact':
        return content(role, r) && (OVERSIGHT.includes(role) || role === Role.UNIT);
      case 'discipline-only':
        return role === Role.DISCIPLINE;
      default:
        throw new Error(`no oracle for level ${level}`);
    }
  })();
  return ok ? 'visible' : 'forbidden';
}

function selection(type: GraphQLObjectType, field: string): string {
  const fd = type.getFields()[field]!;
  const named = getNamedType(fd.type);
  if (isLeafType(named)) return field;
  if (fd.args.some((a) => a.name === 'first')) return `${field}(first: 1) { totalCount }`;
  if (isObjectType(named) && named.getFields().name) return `${field} { name }`;
  return `${field} { __typename }`;
}

describe('every role × every field', () => {
  const cases: [string, string][] = [
    ['performance', 'PerformanceFinding'],
    ['audit', 'AuditFinding'],
    ['reform', 'ReformFinding'],
    ['discipline', 'DisciplineFinding'],
    ['review', 'Review'],
    ['organization', 'Organization'],
    ['project', 'Project'],
  ];
  for (const [name, typeName] of cases) {
    it.each(Object.values(Role))(`${typeName}: %s sees exactly what the policy allows`, async (role) => {
      const schema = await buildHubSchema();
      const type = schema.getType(typeName) as GraphQLObjectType;
      const rules = allRules()[typeName]!;
      const fields = Object.keys(rules);
      expect(fields.sort()).toEqual(Object.keys(type.getFields()).sort());
      const rec = recs[name]!;
      const query = `query Cell($id: ID!) { node(id: $id) { ... on ${typeName} { ${fields.map((x) => selection(type, x)).join(' ')} } } }`;
      const org = ROLE_ORG(role);
      const token = role === Role.PUBLIC ? null : await hub.token(role, org!.code);
      const res = await hub.gql(query, { id: rec.gid }, token);
      if (!rowVisible(role, rec)) {
        expect(res.data!.node, 'row absent').toBeNull();
        expect(res.errors ?? []).toEqual([]);
        return;
      }
      const node = res.data!.node as Record<string, unknown>;
      expect(node).not.toBeNull();
      const errorAt = new Map(
        (res.errors ?? []).map((e) => [e.path!.slice(1).join('.'), e.extensions?.code]),
      );
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const field of fields) {
        want[field] = expected(role, rec, rules[field]!.name);
        const code = errorAt.get(field);
        got[field] =
          code === 'FORBIDDEN' && node[field] === null ? 'forbidden' : code ? `error ${code}` : 'visible';
      }
      expect(got).toEqual(want);
    });
  }
});

describe('node(id) and nodes(ids)', () => {
  it('answers an id the viewer may not see exactly like one that does not exist', async () => {
    const token = await hub.token(Role.UNIT, w.unitA.code);
    const missing = 'RmluZGluZzo5OTk5OTk5OQ'; // Finding:99999999
    const res = await hub.gql(
      `query($ids:[ID!]!){ nodes(ids:$ids){ id } a: node(id:"${recs.discipline!.gid}"){ id } b: node(id:"${missing}"){ id } }`,
      {
        ids: [recs.discipline!.gid, missing, recs.audit!.gid],
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ nodes: [null, null, { id: recs.audit!.gid }], a: null, b: null });
  });
});
