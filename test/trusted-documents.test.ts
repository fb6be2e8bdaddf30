/**
 * Trusted documents (src/http/trusted-documents.ts): a registry of operations per organisation, by
 * hash, from .graphql files and codegen-style manifests; modes off / log / require.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pino from 'pino';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory } from './support/factories.js';
import { Role } from '../src/shared/enums.js';
import { loadConfig } from '../src/config.js';
import { openOrm } from '../src/db/orm.js';
import { applyPermissions } from '../src/permissions.js';
import { buildHubSchema } from '../src/schema.js';
import { startServer } from '../src/server.js';
import { Kind, parse, print, validate } from 'graphql';
import { SHARED_REGISTRY, TrustedDocuments } from '../src/http/trusted-documents.js';
import { DASHBOARD_DOCUMENTS } from '../src/web/dashboard.js';
import { readmeExamples, TEST_OPERATIONS_MANIFEST, writeTestRegistry } from './support/registry.js';

const ops = path.resolve(import.meta.dirname, 'operations');
const PARTNER_QUERY = 'query PartnerOrgs { organizations(first: 5) { nodes { code } } }';
const partnerId = createHash('sha256').update(PARTNER_QUERY).digest('hex');
const ADHOC = '{ organizations(first: 5) { nodes { code name } } }';
const WHO = 'query WhoAmI { viewer { role clearance organization { code } } }';

let dir: string;
let off: TestHub;
let req: TestHub;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  off = await startTestHub();
  w = await new Factory(off.knex).world();
  // the registry: views for everyone, the findings operations for the audit bureau, one partner
  // query (a codegen persisted-documents manifest) for the finance bureau
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-trusted-'));
  for (const [reg, file, text] of [
    ['_shared', 'views.graphql', readFileSync(path.join(ops, 'views.graphql'), 'utf8')],
    [w.audit.code, 'findings.graphql', readFileSync(path.join(ops, 'findings.graphql'), 'utf8')],
    [w.finance.code, 'persisted-documents.json', JSON.stringify({ [partnerId]: PARTNER_QUERY })],
  ] as const) {
    mkdirSync(path.join(dir, reg), { recursive: true });
    writeFileSync(path.join(dir, reg, file), text);
  }
  req = await startTestHub({ trustedDocuments: 'require', trustedDocumentsDir: dir });
});
afterAll(async () => {
  await off?.stop();
  await req?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const send = async (url: string, body: object, token?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
};

describe('require registered operations', () => {
  it('runs an operation registered for everyone, for every role and without a token', async () => {
    for (const [role, org] of [
      [Role.AUDIT, w.audit],
      [Role.UNIT, w.unitA],
    ] as const) {
      const r = await send(req.server.url, { query: WHO }, await req.token(role, org.code));
      expect(r.status).toBe(200);
      expect(r.data.viewer.organization.code).toBe(org.code);
    }
    // whitespace and layout do not matter: the printed form is what is registered
    const spaced = WHO.replace(/ /g, '\n   ');
    expect((await send(req.server.url, { query: spaced })).status).toBe(200);
  });

  it("runs an organisation's own operations only for that organisation", async () => {
    const FINDINGS = readFileSync(path.join(ops, 'findings.graphql'), 'utf8');
    // readable rows only: the first finding of the whole list may be one whose content the audit
    // bureau may not read (FORBIDDEN fields), which depends on the data, not on the registry
    const body = {
      query: FINDINGS,
      operationName: 'FindingsPage',
      variables: { first: 1, filterBy: { readable: true } },
    };
    // the whole file sent as it is: with its other operations it is not one registered document
    const whole = await send(req.server.url, body, await req.token(Role.AUDIT, w.audit.code));
    expect(whole.errors![0].extensions.code).toBe('OPERATION_NOT_REGISTERED');
    const registry = TrustedDocuments.load(dir);
    // FindingsPage alone, as a client generated from that file sends it
    const doc = parse(FINDINGS);
    const page = print({
      kind: doc.kind,
      definitions: doc.definitions.filter((d) => 'name' in d && d.name?.value === 'FindingsPage'),
    });
    expect(registry.isAllowed(parse(page), w.audit.code).ok).toBe(true);
    const audit = await send(
      req.server.url,
      { ...body, query: page },
      await req.token(Role.AUDIT, w.audit.code),
    );
    expect(audit.errors).toBeUndefined();
    expect(audit.status).toBe(200);
    expect(audit.data.findings.nodes).toHaveLength(1);
    const finance = await send(
      req.server.url,
      { ...body, query: page },
      await req.token(Role.FINANCE, w.finance.code),
    );
    expect(finance.status).toBe(403);
    expect(finance.data).toBeUndefined();
    expect(finance.errors![0].extensions).toMatchObject({ code: 'OPERATION_NOT_REGISTERED' });
  });

  it('refuses an ad-hoc operation before anything runs, and a write changes nothing', async () => {
    const r = await send(req.server.url, { query: ADHOC }, await req.token(Role.FINANCE, w.finance.code));
    expect(r.status).toBe(403);
    expect(r.data).toBeUndefined();
    expect(r.errors![0].extensions.code).toBe('OPERATION_NOT_REGISTERED');
    const before = await req.knex('finding').where('agency_id', w.finance.id).count({ n: '*' }).first();
    const write = await send(
      req.server.url,
      {
        query: `mutation { findingImport(input: { rows: [{ sourceRef: "TD-1", description: "未登记的写入", category: "测试", unitCode: "${w.unitA.code}", fiscalYear: 2025 }] }) { report { created } } }`,
      },
      await req.token(Role.FINANCE, w.finance.code),
    );
    expect(write.status).toBe(403);
    const after = await req.knex('finding').where('agency_id', w.finance.id).count({ n: '*' }).first();
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it('fills in a document sent by hash only (a codegen manifest id); an unknown hash is refused', async () => {
    const finance = await req.token(Role.FINANCE, w.finance.code);
    const byId = await send(
      req.server.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: partnerId } } },
      finance,
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data.organizations.nodes.length).toBeGreaterThan(0);
    // the same registered document is still the finance bureau's only: the audit bureau may not
    const audit = await send(
      req.server.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: partnerId } } },
      await req.token(Role.AUDIT, w.audit.code),
    );
    expect(audit.status).toBe(403);
    const unknown = await send(
      req.server.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
      finance,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.errors![0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('the other modes', () => {
  it('off: anything valid runs', async () => {
    const r = await send(off.server.url, { query: ADHOC }, await off.token(Role.FINANCE, w.finance.code));
    expect(r.status).toBe(200);
  });

  it('log: an unknown operation runs, and the log names organisation, operation and hash', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    const orm = await openOrm(inject('databaseUrl'), 2);
    const config = {
      ...loadConfig(),
      port: 0,
      host: '127.0.0.1',
      trustedDocuments: 'log' as const,
      trustedDocumentsDir: dir,
    };
    const server = await startServer({
      config,
      orm,
      schema: applyPermissions(await buildHubSchema()),
      log,
      port: 0,
    });
    try {
      const q = 'query Unregistered { organizations(first: 3) { nodes { code } } }';
      const r = await send(server.url, { query: q }, await off.token(Role.REFORM, w.reform.code));
      expect(r.status).toBe(200);
      expect(r.errors).toBeUndefined();
      const warn = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.op === 'Unregistered');
      expect(warn).toMatchObject({
        org: w.reform.code,
        msg: 'operation not in the trusted documents of this organisation',
      });
      expect(warn!.hash).toMatch(/^[0-9a-f]{64}$/);
      // a registered one is not logged
      lines.length = 0;
      await send(server.url, { query: WHO }, await off.token(Role.REFORM, w.reform.code));
      expect(lines.filter((l) => l.includes('trusted documents'))).toEqual([]);
    } finally {
      await server.stop();
      await orm.close();
    }
  });

  it('require with an empty registry refuses to start', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'hub-trusted-empty-'));
    try {
      await expect(startTestHub({ trustedDocuments: 'require', trustedDocumentsDir: empty })).rejects.toThrow(
        /registers no operation/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the registered operations of the dashboard and the tests', () => {
  const registry = writeTestRegistry();
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ trustedDocuments: 'require', trustedDocumentsDir: registry.dir });
  });
  afterAll(async () => {
    await hub?.stop();
    registry.remove();
  });

  /** The registry as the hub loads it: the folder, then the dashboard's own manifest. */
  const registryOfHub = () => {
    const t = TrustedDocuments.load(registry.dir);
    t.addManifest(SHARED_REGISTRY, DASHBOARD_DOCUMENTS);
    return t;
  };
  const loaded = () => [...registryOfHub().documents()];
  const operationNames = (text: string) =>
    parse(text).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
    );
  const manifestNames = (file: string) =>
    Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).flatMap(operationNames);

  it('holds every codegen-typed test operation, every README example and every dashboard operation', () => {
    const registered = new Set(loaded().flatMap((d) => operationNames(d.document)));
    // the typed operations of test/operations/*.graphql, by name, as codegen found them
    const typed = ['findings', 'recognition', 'views'].flatMap((f) =>
      operationNames(readFileSync(path.join(ops, `${f}.graphql`), 'utf8')),
    );
    expect(typed.length).toBeGreaterThan(20);
    expect(new Set(manifestNames(TEST_OPERATIONS_MANIFEST))).toEqual(new Set(typed));
    const dashboard = manifestNames(DASHBOARD_DOCUMENTS);
    expect(dashboard.sort()).toEqual(
      ['Dashboard', 'Drill', 'Monitoring', 'Overdue', 'Proposals', 'Remind', 'ReportLink'].sort(),
    );
    for (const name of [...typed, ...dashboard]) expect(registered, name).toContain(name);
    // the README's examples as written (one has no name), for every organisation and for no token
    const t = registryOfHub();
    const examples = readmeExamples();
    expect(examples.length).toBe(5);
    for (const e of examples) {
      expect(t.isAllowed(parse(e.query), null).ok, e.name).toBe(true);
      expect(t.isAllowed(parse(e.query), w.finance.code).ok, e.name).toBe(true);
    }
  });

  it('every registered document is valid against the schema', async () => {
    const schema = await buildHubSchema();
    const docs = loaded();
    expect(docs.length).toBeGreaterThan(30);
    const invalid = docs.flatMap(({ document }) =>
      validate(schema, parse(document)).map((e) => `${operationNames(document).join()}: ${e.message}`),
    );
    expect(invalid).toEqual([]);
    // and the check can fail: a field the schema does not have
    expect(validate(schema, parse('query Bad { findings(first: 1) { nodes { noSuchField } } }'))).not.toEqual(
      [],
    );
  });

  it('a hub that requires registered operations accepts each typed test operation sent by its hash alone', async () => {
    const manifest = JSON.parse(readFileSync(TEST_OPERATIONS_MANIFEST, 'utf8')) as Record<string, string>;
    const token = await hub.token(Role.AUDIT, w.audit.code);
    for (const [id, text] of Object.entries(manifest)) {
      const r = await send(
        hub.server.url,
        { extensions: { persistedQuery: { version: 1, sha256Hash: id.replace(/^sha256:/, '') } } },
        token,
      );
      const codes = (r.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
      // without variables a required one is missing (BAD_USER_INPUT), which comes after the gate
      expect(codes, operationNames(text).join()).not.toContain('OPERATION_NOT_REGISTERED');
      expect(codes, operationNames(text).join()).not.toContain('PERSISTED_QUERY_NOT_FOUND');
      expect(r.status, operationNames(text).join()).not.toBe(403);
    }
    // and an operation that is not registered is still refused by the same hub
    const adhoc = await send(hub.server.url, { query: ADHOC }, token);
    expect(adhoc.status).toBe(403);
  });
});
