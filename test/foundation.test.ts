import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extendSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
  execute,
} from 'graphql';
import { FindingsNestedDocument, FindingsPageDocument } from './__generated__/graphql.js';
import { startTestHub, type TestHub } from './support/harness.js';
import { FindingSource, Role } from '../src/shared/enums.js';
import { Factory } from './support/factories.js';
import { allRules, applyPermissions, applyRuleTree, ruleTree } from '../src/permissions.js';
import { allow, and, deny, rule } from 'graphql-shield';
import { buildHubSchema } from '../src/schema.js';
import { createContext } from '../src/http/request-context.js';
import { PUBLIC_VIEWER } from '../src/auth/viewer.js';
import { createLogger } from '../src/logger.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

describe('the demo data set', () => {
  it('marks the findings of every demo task as the task has them (已销号 = RECTIFIED, 已提交 = COMPLETED, 待整改 = PENDING, 部分整改 = PARTLY, else IN_PROGRESS/CONTINUING) and findings without a task PENDING', async () => {
    const rows = (await hub
      .knex('rectification as t')
      .join('rectification_finding as rf', 'rf.rectification_id', 't.id')
      .join('finding as f', 'f.id', 'rf.finding_id')
      .whereExists(
        hub
          .knex('rectification_event as e')
          .whereRaw('e.rectification_id = t.id')
          .where({ 'e.type': 'CREATED', 'e.actor_user': 'demo' }),
      )
      .select('t.id', 't.state', 't.conclusion', 'f.rectification_status as status')) as {
      id: number;
      state: string;
      conclusion: string | null;
      status: string;
    }[];
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((r) => r.state === 'CLOSED')).toBe(true);
    expect(rows.some((r) => r.status === 'PARTLY')).toBe(true);
    const derived = (r: (typeof rows)[number]) =>
      r.state === 'CLOSED'
        ? 'RECTIFIED'
        : r.state === 'SUBMITTED'
          ? 'COMPLETED'
          : r.state === 'ASSIGNED'
            ? 'PENDING'
            : r.conclusion === 'CONTINUING'
              ? 'CONTINUING'
              : r.conclusion === 'PARTLY'
                ? 'PARTLY'
                : 'IN_PROGRESS';
    const wrong = rows.filter((r) => r.status !== derived(r));
    expect(wrong).toEqual([]);
    // the demo data no longer has findings "rectified" with no task
    const untasked = await hub
      .knex('finding as f')
      .whereNotExists(hub.knex('rectification_finding as rf').whereRaw('rf.finding_id = f.id'))
      .whereNot('f.rectification_status', 'PENDING')
      .whereExists(hub.knex('organization as o').whereRaw('o.id = f.unit_id').where('o.code', 'like', 'HC-%'))
      .count<{ count: string }[]>('* as count');
    expect(Number(untasked[0]!.count)).toBe(0);
  });

  it('gives a finance-bureau token findings of all four sources, more than 1,000 in all', async () => {
    const token = await hub.token(Role.FINANCE, 'HC-CZJ');
    // oldest first: the demo data, whatever rows other test files added since
    const res = await hub.gql(
      FindingsPageDocument,
      { first: 5, orderBy: { field: 'ID', direction: 'ASC' } },
      token,
    );
    // discipline findings are listed (their existence is shared) but their title is not
    for (const e of res.errors ?? []) {
      expect(e.extensions?.code).toBe('FORBIDDEN');
      expect(res.data!.findings.nodes[e.path![2] as number]!.__typename).toBe('DisciplineFinding');
    }
    expect(res.data!.findings.totalCount).toBeGreaterThan(1000);
    expect(res.data!.findings.nodes).toHaveLength(5);
    for (const source of ['PERFORMANCE', 'AUDIT', 'REFORM', 'DISCIPLINE'] as const) {
      const r = await hub.gql(FindingsPageDocument, { first: 1, filterBy: { sources: [source] } }, token);
      expect(r.data!.findings.totalCount, source).toBeGreaterThan(0);
      expect(r.data!.findings.nodes[0]!.source).toBe(source);
    }
  });

  it('is in Chinese, with exact amounts and the 鹤城区 units', async () => {
    const token = await hub.token(Role.AUDIT, 'HC-SJJ');
    const units = await hub.gql(
      `{ organizations(first: 100, filterBy: { kinds: [BUDGET_UNIT], nameContains: "鹤城区" }) { nodes { id } } }`,
      {},
      token,
    );
    const demoUnits = units.data!.organizations.nodes.map((n: { id: string }) => n.id);
    expect(demoUnits.length).toBeGreaterThan(40);
    const res = await hub.gql(
      FindingsPageDocument,
      { first: 20, filterBy: { sources: ['AUDIT'], units: demoUnits } },
      token,
    );
    const nodes = res.data!.findings.nodes;
    expect(
      nodes.some(
        (n) =>
          n.unit.name.startsWith('怀化市鹤城区') ||
          n.unit.name.endsWith('办事处') ||
          n.unit.name.endsWith('政府'),
      ),
    ).toBe(true);
    for (const n of nodes) {
      expect(n.title).toMatch(/[\u4e00-\u9fa5]/);
      if (n.amountInvolved !== null) expect(n.amountInvolved).toMatch(/^\d+\.\d{2}$/);
    }
  });
});

describe('relations are batched (no N+1)', () => {
  it('costs the same number of SQL statements for 10 and for 100 findings with unit, project and review', async () => {
    const f = new Factory(hub.knex);
    const w = await f.world();
    const token = await hub.token(Role.FINANCE, w.finance.code);
    const projects = [await f.project(w.unitA), await f.project(w.unitB), await f.project(w.unitA)];
    const reviews: { id: number }[] = [];
    for (const p of projects)
      reviews.push(await f.review(w.audit, w.unitA, FindingSource.AUDIT, { project_id: p.id }));
    await hub.knex('finding').insert(
      Array.from({ length: 120 }, (_, i) => ({
        source: 'AUDIT',
        agency_id: w.audit.id,
        source_ref: `NPLUS1-${w.audit.code}-${i}`,
        unit_id: i % 2 ? w.unitA.id : w.unitB.id,
        project_id: projects[i % 3]!.id,
        review_id: reviews[i % 3]!.id,
        fiscal_year: 2024,
        category: '虚列支出',
        severity: 'MINOR',
        title: `问题${i}`,
        description: '描述',
        sensitivity: 'RESTRICTED',
        publication_state: 'PUBLISHED',
        rectification_status: 'PENDING',
      })),
    );
    await hub.gql(FindingsNestedDocument, { first: 1 }, token); // warm the token's organisation cache
    const count = async (first: number) => {
      let n = 0;
      const listener = () => n++;
      hub.knex.on('query', listener);
      try {
        const res = await hub.gql(
          FindingsNestedDocument,
          { first, filterBy: { units: [w.unitA.gid, w.unitB.gid] } },
          token,
        );
        expect(res.errors).toBeUndefined();
        expect(res.data!.findings.nodes).toHaveLength(first);
        expect(res.data!.findings.nodes.some((f) => f.project !== null)).toBe(true);
        expect(res.data!.findings.nodes.some((f) => f.review !== null)).toBe(true);
      } finally {
        hub.knex.removeListener('query', listener);
      }
      return n;
    };
    const at10 = await count(10);
    const at100 = await count(100);
    console.info(`SQL statements for the nested findings query: first 10 -> ${at10}, first 100 -> ${at100}`);
    // sharing state (2), the page (1), organisations (2 rounds), projects (1), reviews (1), access log (1)
    expect(at10).toBeLessThanOrEqual(9);
    expect(at100).toBe(at10);
  });
});

describe('deny by default', () => {
  it('has an explicit permission rule for every field of every object type', async () => {
    const schema = await buildHubSchema();
    const rules = allRules();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !isObjectType(type)) continue;
      for (const field of Object.keys(type.getFields())) {
        if (!rules[type.name]?.[field]) missing.push(`${type.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no rule left over for a field that no longer exists', async () => {
    const schema = await buildHubSchema();
    const stale: string[] = [];
    for (const [type, fields] of Object.entries(allRules())) {
      const t = schema.getType(type);
      for (const f of Object.keys(fields))
        if (!t || !isObjectType(t) || !t.getFields()[f]) stale.push(`${type}.${f}`);
    }
    expect(stale).toEqual([]);
  });

  it('denies a new field that has no rule, with FORBIDDEN', async () => {
    const base = await buildHubSchema();
    const extended = extendSchema(base, parse('extend type Query { notYetRuled: String }'));
    const guarded = applyPermissions(extended);
    const ctx = await createContext(
      {
        em: hub.orm.em,
        log: createLogger('silent'),
        settings: { disciplineMinCount: 5, escalationDays: 30 },
      },
      PUBLIC_VIEWER,
      'test',
    );
    const res = await execute({
      schema: guarded,
      document: parse('{ notYetRuled }'),
      rootValue: { notYetRuled: 'leaked' },
      contextValue: ctx,
    });
    expect(res.data?.notYetRuled).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // located like any resolver error: where in the document, and the path in the answer
    expect(res.errors!.map((e) => e.toJSON())).toEqual([
      {
        message: 'Not authorised to access this field.',
        locations: [{ line: 1, column: 3 }],
        path: ['notYetRuled'],
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
  });

  it('applies any graphql-shield rule of the tree, not only the access levels (e.g. and(), async rules)', async () => {
    const base = await buildHubSchema();
    const extended = extendSchema(
      base,
      parse('extend type Query { both: String, eitherDenied: String, open: String }'),
    );
    const yes = rule('test:yes', { cache: 'no_cache' })(async () => true);
    const no = rule('test:no', { cache: 'no_cache' })(async () => false);
    const tree = ruleTree();
    tree.Query = { ...tree.Query, both: and(yes, allow), eitherDenied: and(yes, no), open: allow };
    const guarded = applyRuleTree(extended, tree);
    const ctx = await createContext(
      {
        em: hub.orm.em,
        log: createLogger('silent'),
        settings: { disciplineMinCount: 5, escalationDays: 30 },
      },
      PUBLIC_VIEWER,
      'test',
    );
    const res = await execute({
      schema: guarded,
      document: parse('{ both eitherDenied open }'),
      rootValue: { both: 'a', eitherDenied: 'b', open: 'c' },
      contextValue: ctx,
    });
    expect(res.data).toEqual({ both: 'a', eitherDenied: null, open: 'c' });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['eitherDenied'], 'FORBIDDEN']]);
    void deny;
  });
});

describe('the schema documents itself', () => {
  it('describes every type, field, argument and enum value', async () => {
    const schema = await buildHubSchema();
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
        continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const f of Object.values(type.getFields())) {
          if (!f.description) undocumented.push(`${type.name}.${f.name}`);
          for (const a of 'args' in f ? f.args : [])
            if (!a.description) undocumented.push(`${type.name}.${f.name}(${a.name})`);
        }
      }
      if (isEnumType(type))
        for (const v of type.getValues()) if (!v.description) undocumented.push(`${type.name}.${v.name}`);
    }
    expect(undocumented).toEqual([]);
    // Chinese terms are part of the descriptions of the domain types
    expect(getNamedType(schema.getType('Finding')!).description).toMatch(/问题/);
  });
});
