/**
 * What a request may ask before anything runs (src/http/limits.ts): JSON bodies only, a size limit,
 * operation limits (GraphQL Armor), one operation per request; and production mode: introspection for
 * named roles only, no field suggestions, unexpected errors masked with the request id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { OPERATION_LIMITS } from '../src/http/limits.js';
import { OrganizationKind, Role } from '../src/shared/enums.js';
import { Factory } from './support/factories.js';

let dev: TestHub;
let prod: TestHub;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  dev = await startTestHub();
  prod = await startTestHub({ production: true, explorer: false, introspectionRoles: [Role.HUB_ADMIN] });
  w = await new Factory(dev.knex).world();
});
afterAll(async () => {
  await dev?.stop();
  await prod?.stop();
});

const post = (hub: TestHub, body: string | Buffer, contentType = 'application/json', token?: string) =>
  fetch(hub.server.url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });

describe('the HTTP body', () => {
  it.each([
    ['malformed JSON', '{"query": "{ viewer { role } ', 'application/json', 400, 'BAD_REQUEST'],
    [
      'a form instead of JSON',
      'query=%7B%20viewer%20%7B%20role%20%7D%20%7D',
      'application/x-www-form-urlencoded',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['plain text', '{ viewer { role } }', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'a batch of two operations',
      '[{"query":"{ viewer { role } }"},{"query":"{ viewer { role } }"}]',
      'application/json',
      400,
      'BAD_REQUEST',
    ],
  ])(
    'answers %s with its status and a coded GraphQL error, never 500',
    async (_name, body, type, status, code) => {
      for (const hub of [dev, prod]) {
        const res = await post(hub, body, type);
        expect(res.status).toBe(status);
        const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
        expect(json.errors[0]!.extensions.code).toBe(code);
        expect(json.errors[0]!.message.length).toBeGreaterThan(0);
      }
    },
  );

  it(`answers a body over ${OPERATION_LIMITS.bodyBytes} bytes with 413`, async () => {
    const big = JSON.stringify({
      query: '{ viewer { role } }',
      variables: { pad: 'x'.repeat(OPERATION_LIMITS.bodyBytes) },
    });
    const res = await post(prod, big);
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(json.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('operation limits', () => {
  const aliases = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`;
  const deep = (levels: number) => {
    // organisation -> findingsAbout -> nodes -> unit -> findingsAbout … grows two levels per step
    let q = 'id';
    for (let i = 0; i < levels; i++) q = `findingsAbout(first: 1) { nodes { unit { ${q} } } }`;
    return `{ organizations(first: 1) { nodes { ${q} } } }`;
  };

  it.each([
    ['2,000 aliases', aliases(2000)],
    ['16 aliases', aliases(OPERATION_LIMITS.maxAliases + 1)],
    ['a query nested 16 levels deep', deep(4)],
    [
      '11 directives',
      `{ viewer { ${Array.from({ length: 11 }, () => 'role @include(if: true)').join(' ')} } }`,
    ],
  ])('refuses %s with LIMIT_EXCEEDED before any resolver runs', async (_name, query) => {
    for (const hub of [dev, prod]) {
      const res = await post(
        hub,
        JSON.stringify({ query }),
        'application/json',
        await hub.token(Role.AUDIT, w.audit.code),
      );
      const json = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(res.status).toBe(400);
      expect(json.data).toBeUndefined();
      expect(json.errors.map((e) => e.extensions.code)).toContain('LIMIT_EXCEEDED');
    }
  });

  it('accepts what the limits allow: 15 aliases, a query 8 levels deep', async () => {
    const token = await dev.token(Role.AUDIT, w.audit.code);
    const a = await post(
      dev,
      JSON.stringify({ query: aliases(OPERATION_LIMITS.maxAliases) }),
      'application/json',
      token,
    );
    expect(a.status).toBe(200);
    const d = await post(dev, JSON.stringify({ query: deep(2) }), 'application/json', token);
    const json = (await d.json()) as { errors?: unknown[] };
    expect(d.status).toBe(200);
    expect(json.errors).toBeUndefined();
  });
});

describe('production mode', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  it('answers introspection only to the named roles', async () => {
    const operator = await new Factory(prod.knex).org(OrganizationKind.HUB_OPERATOR, {
      name: '测试平台运维',
    });
    const admin = await post(
      prod,
      JSON.stringify({ query: INTROSPECT }),
      'application/json',
      await prod.token(Role.HUB_ADMIN, operator.code),
    );
    expect(admin.status).toBe(200);
    expect(
      ((await admin.json()) as { data: { __schema: { queryType: { name: string } } } }).data.__schema
        .queryType.name,
    ).toBe('Query');
    const finance = await post(
      prod,
      JSON.stringify({ query: INTROSPECT }),
      'application/json',
      await prod.token(Role.FINANCE, w.finance.code),
    );
    expect(finance.status).toBe(403);
    const fj = (await finance.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(fj.errors[0]!.extensions.code).toBe('FORBIDDEN');
    expect(fj.data).toBeUndefined();
    const anonymous = await post(prod, JSON.stringify({ query: '{ __type(name: "Finding") { name } }' }));
    expect(anonymous.status).toBe(403);
    // __typename is not introspection
    const typename = await post(prod, JSON.stringify({ query: '{ __typename }' }));
    expect(typename.status).toBe(200);
    // outside production the schema is open (explorer, codegen against a local hub)
    const open = await post(dev, JSON.stringify({ query: INTROSPECT }));
    expect(
      ((await open.json()) as { data: { __schema: { queryType: { name: string } } } }).data.__schema.queryType
        .name,
    ).toBe('Query');
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR with the request id its log line carries', async () => {
    const broken = await startTestHub({ production: true });
    try {
      // the database goes away under the hub: every read fails inside a resolver
      await broken.orm.close(true);
      const res = await post(broken, JSON.stringify({ query: '{ findings(first: 1) { totalCount } }' }));
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const text = await res.text();
      const json = JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(json.errors[0]!.message).toBe('Internal server error');
      expect(json.errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
      expect(text).not.toMatch(/pool|knex|postgres|select/i);
    } finally {
      await broken.server.stop();
    }
  });

  it('names no fields the caller did not ask about ("Did you mean …")', async () => {
    const q = JSON.stringify({ query: '{ findings(first: 1) { nodes { titel } } }' });
    const inDev = await (await post(dev, q)).text();
    expect(inDev).toMatch(/Did you mean/);
    const res = await post(prod, q);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/Did you mean/);
    expect(text).not.toMatch(/"title"/);
  });
});
